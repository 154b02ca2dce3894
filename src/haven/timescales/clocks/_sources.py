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

# The looked-after and care-leaver clocks (STATUTORY.md §1 rows 10-31). The paragraph numbers
# within each regulation are as read from LA manuals [U] unless a rule says otherwise.
CPPCR_REG_4 = f"{CPPCR}, reg 4 (the care plan)"
CPPCR_REG_7 = f"{CPPCR}, reg 7 (health care)"
CPPCR_REG_9 = f"{CPPCR}, reg 9 (the placement plan)"
CPPCR_REG_28 = f"{CPPCR}, reg 28 (frequency of visits)"
CPPCR_REG_33 = f"{CPPCR}, reg 33 (timing of reviews)"
CPPCR_REGS_42_44 = (
    f"{CPPCR}, regs 42 to 44 (eligible children: assessment of needs, the pathway plan and the "
    "personal adviser)"
)
CLR = "Care Leavers (England) Regulations 2010 (SI 2010/2571)"
# The 2015 amendment to reg 28 (long-term foster placements); the instrument and its date are as
# read from LA manuals, not checked against legislation.gov.uk [U].
CPPCR_2015_AMENDMENT = (
    "as amended by the Care Planning and Fostering (Miscellaneous Amendments) (England) "
    "Regulations 2015 (SI 2015/495)"
)
CPPCR_2015_AMENDMENT_IN_FORCE = date(2015, 4, 1)
HLTH15 = (
    "Promoting the health and well-being of looked-after children (DfE and DH statutory guidance, "
    "March 2015)"
)
EDU18 = (
    "Promoting the education of looked-after and previously looked-after children (DfE statutory "
    "guidance, February 2018)"
)
SSDA903_OC2 = (
    "SSDA903 return, table OC2 (SDQ_SCORE, for children looked after for 12 months or more)"
)
ANNEX_A_CARE_LEAVERS = (
    "Ofsted's Annex A list 9 (care leavers) reports each young person's allocated personal "
    "adviser, latest pathway plan review and latest date of contact"
)
MISS14 = (
    "Statutory guidance on children who run away or go missing from home or care "
    "(DfE, January 2014)"
)
# MISS14 was published in January 2014; the day is not confirmed, so the clock counts from the
# first of the month.
MISS14_IN_FORCE = date(2014, 1, 1)
WT23_HARM_OUTSIDE_HOME = (
    f"{WT23}, chapter 3 (harm outside the home: a contextual response to risks such as "
    "exploitation, with partners sharing information)"
)
OFSTED_EXPLOITATION = (
    "prompted by Ofsted's finding in Northamptonshire that services for children at risk of "
    "criminal exploitation were fragmented and screening was not integrated across agencies"
)
