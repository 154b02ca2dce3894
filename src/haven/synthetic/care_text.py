"""Words for the synthetic council's records of children in care and care leavers: short,
plausible and about no real child. ``{name}`` is the child's given name."""

CARE_PLAN = (
    "{name} to remain in care while the court decides; contact with mum twice a week, "
    "supervised. School place kept. Health and education needs met through the PEP and the "
    "health assessment.",
    "Plan for {name} to return home once the parenting assessment is complete; contact "
    "increasing. Keep the same school.",
    "{name} to stay with the current carers; life-story work to begin; sibling contact monthly.",
    "Care plan reviewed: {name} is settled and making progress at school; permanence to be "
    "decided at the next review.",
)
PLACEMENT_PLAN = (
    "Placement agreement signed. Carers have delegated authority for school trips, haircuts "
    "and sleepovers. Contact arrangements and health appointments recorded.",
    "Placement plan agreed with the home's manager: key worker named, education provision "
    "confirmed, risk management plan in place.",
    "Plan agreed: transport to school arranged, contact with family by phone twice a week, "
    "GP registration transferred.",
)
PERMANENCE = {
    "return_home": "Permanence through a planned return home, with support",
    "adoption": "Adoption: the agency decision maker agreed {name} should be placed for adoption",
    "sgo_cao": "Permanence with family under a special guardianship order",
    "supported_living": "Supported living in the community from 18, with a pathway plan",
    "long_term_residential": "Long-term residential placement, reviewed at each review",
    "long_term_fostering": "Long-term fostering with the current carers until 18 and beyond",
    "other": "Permanence plan to be confirmed after the assessments",
}
REVIEW_DECISIONS = (
    "The care plan remains appropriate. Actions agreed for the social worker, carers and "
    "school; next review set.",
    "Placement to continue. Health assessment and PEP up to date. Contact to continue as now.",
    "The plan for permanence was endorsed. Life-story work to be completed before the next review.",
    "The IRO asked for the PEP to be updated and for the dental check to be booked.",
)
CHILD_VIEWS = (
    "{name} said they like living here and want to stay.",
    "{name} wants to see mum more often.",
    "{name} said school is going better and they have made friends.",
    "{name} did not want to talk about home but said they feel safe.",
    "{name} would like their own phone and more time with their brother.",
)
IRO_CONTACT_NOTES = (
    "Met {name} before the review to hear their views and explain what the review is for.",
    "Checked in with {name} about the plan agreed at the last review; no concerns raised.",
    "{name} asked about seeing their siblings; IRO to follow up with the social worker.",
    "Spoke with {name} and their carer about school; the PEP actions are in hand.",
)
VISIT_SAID = (
    "{name} said they are happy here and the carers are kind.",
    "{name} talked about football training and a new friend at school.",
    "{name} said they miss mum and want more contact.",
    "{name} said the other young people in the home are noisy at night.",
    "{name} showed me their room and a drawing they had made.",
)
VISIT_NOT_SEEN = (
    "{name} was out with friends when I called; rearranged for next week.",
    "{name} was unwell and asleep; carer updated me and a new visit is booked.",
    "{name} did not want to see me today; I will try again within the week.",
)
HEALTH = (
    "No concerns; growth and development in line with age.",
    "Referred to CAMHS for support with sleep and anxiety.",
    "Immunisations brought up to date; optician appointment booked.",
    "Asthma reviewed; inhaler technique checked with the carer.",
)
PEP = (
    "Attendance good; phonics support in place; pupil premium plus funding for tutoring.",
    "Working towards GCSEs; extra maths sessions agreed; mentor meets weekly.",
    "Settling into a new school; transition plan followed; reading age assessed.",
    "Attendance a concern; part-time timetable ending; designated teacher to monitor.",
)
PATHWAY = (
    "Needs assessed: independent living skills, budgeting, and a college course from September.",
    "Pathway plan reviewed: in college and working part time; tenancy training booked.",
    "Pathway plan reviewed: looking for work; support with CV and interviews from the adviser.",
    "Pathway plan reviewed: settled in own flat; setting-up-home allowance used.",
)
ADVISER_NOTES = (
    "Caught up over coffee; talked about money and the course.",
    "Phone call: job interview next week; agreed to help with travel costs.",
    "Visited the flat; tenancy going well.",
    "Messages exchanged; no reply to the last two; will try again.",
)
IRREGULAR_REASON = (
    "No registered placement could be found for {name} after searching every provider on "
    "the framework; the risks of this placement are managed by a bespoke staffing plan.",
    "Emergency placement after a placement breakdown; the provider has applied to Ofsted to "
    "register. Search for a registered home continues daily.",
)
IRREGULAR_REVIEW = (
    "Placement reviewed with the provider and the social worker: {name} is safe; search for "
    "a registered home continues.",
    "Reviewed: staffing plan followed; the provider's Ofsted application is in progress.",
    "Reviewed: no incidents this week; move to a registered home planned when one is found.",
)
SUBSTANCE = "Cannabis use identified; referred to the young people's substance misuse service."
CONVICTION = "Youth caution or conviction recorded by the youth justice service."
STAYING_PUT = "Staying put with {carer}"
