"""Management oversight: the allocation queue and the risk reviews of cases waiting in it,
caseloads against capacity, and the measures leaders act on."""
