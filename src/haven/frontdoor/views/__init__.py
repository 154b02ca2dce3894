from haven.frontdoor.views.contact import (
    check_request_view,
    check_return_view,
    child_replace_view,
    contact_page,
    decide_view,
    rag_view,
    sign_off_view,
)
from haven.frontdoor.views.figures import figure_children, figures
from haven.frontdoor.views.new_contact import contact_new
from haven.frontdoor.views.queue import queue, sign_off_list

__all__ = [
    "check_request_view",
    "check_return_view",
    "child_replace_view",
    "contact_new",
    "contact_page",
    "decide_view",
    "figure_children",
    "figures",
    "queue",
    "rag_view",
    "sign_off_list",
    "sign_off_view",
]
