"""Protection pages, one module per record: the child, the enquiry, the conference, the plan
(and, from ``urls_more``, orders, pre-proceedings and neglect)."""
