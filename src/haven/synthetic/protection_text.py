"""Words for the generated protection records: what was shared, decided, planned and seen.

Written as a social worker or a conference chair would write them, with ``{name}`` for the
child's first name. Kept apart from ``protection.py`` so the logic reads on its own.
"""

INFORMATION = (
    "Police shared two domestic abuse call-outs in the last month; the school reported that "
    "{name} came in with a bruise to the cheek and was reluctant to go home.",
    "Health shared missed appointments and weight loss; the school reported poor attendance "
    "and {name} arriving hungry.",
    "{name} disclosed to a teacher that an adult at home hit them with a belt. Police have "
    "no record of the adult; health records show an earlier unexplained injury.",
    "Neighbours reported the children left alone overnight. Police found the home cold, with "
    "little food and drug paraphernalia within reach.",
    "{name} told the school nurse about something that happened with an older relative. "
    "Police child abuse investigation team aware.",
    "Mother's new partner is known to police for violence against a former partner's child.",
)
S47_REASONS = (
    "Reasonable cause to suspect that {name} is suffering, or is likely to suffer, significant "
    "harm: a section 47 enquiry is needed, jointly with the police.",
    "The injury is not explained and {name} is too young to say what happened: single-agency "
    "section 47 enquiry by children's social care, police to check their systems.",
    "Pattern of neglect over time with no change despite support: threshold for a section 47 "
    "enquiry is met.",
)
NO_ENQUIRY_REASONS = (
    "Concerns do not meet the threshold for a section 47 enquiry: the child and family "
    "assessment will continue, with a visit this week.",
    "Explanation consistent with the injury and the GP has seen {name}: continue to support "
    "under the child in need plan.",
)
REPEAT_REASONS = (
    "Further information from the police about the adult in the household: the section 47 "
    "enquiry under way continues, with a joint visit arranged.",
    "{name} made a further disclosure at school: the enquiry continues and police will "
    "interview under Achieving Best Evidence.",
)
FINDINGS = {
    "icpc": "Concerns substantiated: {name} is likely to suffer significant harm. An initial "
    "child protection conference is needed.",
    "cin": "Concerns substantiated but the family are working with us and the risk can be "
    "managed under a child in need plan.",
    "not_substantiated": "Concerns not substantiated: {name} was seen alone and gave a "
    "consistent account; no further action under section 47.",
    "further_assessment": "No clear finding: the child and family assessment will continue.",
}
CHILD_VIEWS = (
    "{name} said they want the shouting to stop and to stay living with mum.",
    "{name} drew their house with a sad face on it and said they miss their dad.",
    "Too young to give views. Observed to be quiet and watchful with the adults at home.",
    "{name} said they feel safe at school and want their own bed.",
    "{name} did not want to attend; their advocate shared that they want things to be calmer.",
)
FAMILY_VIEWS = (
    "Mother accepts there have been problems and wants help; she disagreed with the category.",
    "Parents did not accept the concerns but agreed to work with the plan.",
    "Mother attended with her advocate and said she is now separated from her partner.",
    "Father attended by phone; he wants the children to spend more time with him.",
)
CONFERENCE_REASONS = {
    "plan": "{name} is likely to suffer significant harm: a child protection plan is needed.",
    "no_plan": "The risk can be managed without a child protection plan.",
    "continue": "The plan continues: progress has been made but the risks remain.",
    "end": "{name} is no longer likely to suffer significant harm: the plan ends.",
}
OUTCOMES = {
    "NEG": (
        "{name}'s home is clean and warm, with food in the cupboards and a bed of their own.",
        "{name} goes to school every day, on time, washed and in clean clothes.",
        "{name}'s health needs are met: appointments kept, teeth checked, weight monitored.",
        "{name} is supervised by a safe adult at all times.",
    ),
    "EMO": (
        "{name} no longer sees or hears arguments and violence at home.",
        "{name} has a safe adult to talk to about how they feel.",
        "{name} is praised and encouraged at home, not shouted at or blamed.",
    ),
    "PHY": (
        "{name} is safe from physical harm at home.",
        "Discipline at home is calm and without physical punishment.",
        "Any injury to {name} is seen by a doctor and explained.",
    ),
    "SAB": (
        "{name} has no contact with the adult who harmed them.",
        "{name} knows how to keep safe and who to tell.",
        "{name} gets therapeutic support for what happened.",
    ),
    "MUL": (
        "{name} is safe from harm at home.",
        "{name}'s parents are free from drugs and alcohol when caring for them.",
        "{name} goes to school every day and their health needs are met.",
    ),
    "cin": (
        "{name}'s parents get help with their mental health and their care of {name} improves.",
        "{name} goes to school every day and catches up with their reading.",
        "The family's housing is safe and stable.",
        "{name} gets the support they need with their behaviour at home and at school.",
        "{name} spends regular, safe time with their father.",
    ),
}
ACTIONS = (
    ("social_care", "Visit every fortnight and see {name} alone"),
    ("health", "Health visitor to visit weekly and check {name}'s weight"),
    ("education", "School to report attendance to the social worker each week"),
    ("family", "Mother to attend the Freedom Programme"),
    ("adult_services", "Drug and alcohol service to offer testing and share the results"),
    ("voluntary", "Family support worker to help with routines at bedtime and mornings"),
    ("police", "Police to flag the address for a priority response"),
    ("housing", "Housing to move the family from temporary accommodation"),
    ("family", "Parents to keep every health appointment"),
)
OWNER_NAMES = {
    "health": "Health visiting service",
    "education": "Designated safeguarding lead",
    "family": "Mother",
    "adult_services": "Substance misuse service",
    "voluntary": "Family support service",
    "police": "Northamptonshire Police",
    "housing": "Housing solutions",
}
RATINGS = {
    "better": (
        "Better: the home was clean at the last three visits and {name} has gained weight.",
        "Better: attendance is up to 94% and the school has no concerns this term.",
        "Better: no police call-outs since the last review.",
    ),
    "same": (
        "No change: the home conditions were good at one visit and poor at the next.",
        "No change: attendance is still below 85% and {name} is often late.",
        "No change: mother has not started the programme.",
    ),
    "worse": (
        "Worse: a further police call-out and {name} was seen with a mark to the arm.",
        "Worse: missed health appointments and the home was cold and without food.",
    ),
}
REVIEW_SUMMARIES = (
    "The plan is working: keep going with the same actions for three more months.",
    "Some progress; housing action added and a date set for the parenting course.",
    "Little progress: the next review will consider whether the child in need plan is enough.",
)
CORE_GROUP_ATTENDEES = (
    "Social worker, mother, health visitor, school designated safeguarding lead",
    "Social worker, both parents, school nurse, family support worker",
    "Social worker, mother, GP surgery (by report), school, substance misuse worker",
)
CORE_GROUP_SUMMARIES = (
    "Reviewed each action: school attendance improving; health visitor to increase visits.",
    "Home conditions poor at the last visit; mother agreed a cleaning routine with the family "
    "support worker.",
    "Parents engaging; no new incidents. Plan updated with the housing move.",
)
VISIT_SAID = (
    "{name} said school was good and showed me their bedroom.",
    "{name} said mum has been sad and they help with their little brother.",
    "{name} said there has been no shouting this week.",
    "Too young to talk; settled and smiling, interacting with mum.",
    "{name} said they want to go to the park more and do not like the dark.",
)
VISIT_NOT_SEEN = (
    "No answer at the door; left a card and rang mother. Will visit again this week.",
    "{name} was at a friend's house; mother says they are fine. Visit again within days.",
)
PP_MEETING = (
    "Pre-proceedings meeting with parents and their solicitors: expectations set out in writing.",
    "Review meeting: some progress against the written agreement; the timescale stays.",
)
