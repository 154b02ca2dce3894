"""Instruments the clocks cite, and the dates they came into force."""

from datetime import date

# Working Together 2013 came into effect on 15 April 2013; the WT23 clocks below are unchanged
# since then (WT13, WT15, WT18, WT23).
WT13_IN_FORCE = date(2013, 4, 15)
# CPPCR reg 1(1): the Regulations come into force on 1 April 2011.
CPPCR_IN_FORCE = date(2011, 4, 1)

WT23 = "Working Together to Safeguard Children 2023 (HM Government, December 2023)"
WT23_CHAPTER_3 = f"{WT23}, chapter 3 (Providing help, support and protection)"
WT_EARLIER = "same timescale in WT13, WT15 and WT18"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959)"

# Local clocks have no instrument of their own; they start with WT13, which left the detail of
# assessment to local protocols, so that cases from any year Haven holds can open them.
LOCAL_IN_FORCE = WT13_IN_FORCE
HAVEN_LOCAL_DEFAULT = (
    "Haven's default for local procedure, not statute: each council sets its own timescale"
)
OFSTED_NORTHAMPTONSHIRE = (
    "prompted by Ofsted's inspections of Northamptonshire children's services (2016-2022), which "
    "found children waiting months for a social worker and unallocated cases with no risk review"
)
# STATUTORY.md §1 rows 5, 8 and 9: after the first core group, no national timescale sets how often
# a child on a plan is visited, how often the core group meets or how often a child in need plan
# is reviewed.
LOCAL_SAFEGUARDING_PROCEDURES = (
    "the local safeguarding partnership's procedures set the frequency, or the child's plan does; "
    "there is no national timescale"
)
ANNEX_A_CP_VISITS = (
    "Ofsted's Annex A list 7 (child protection) reports the date of each child's last statutory "
    "visit and whether the child was seen alone"
)
ANNEX_A_CIN_SEEN = (
    "Ofsted's Annex A list 6 (children in need) reports the date each child was last seen"
)
