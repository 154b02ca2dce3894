"""Words for the synthetic council's records of missing children and exploitation: short,
plausible and about no real child. ``{name}`` is the child's given name."""

CHILD_WORDS = (
    "I just wanted to get out. Everyone was shouting.",
    "I was with my mates at the park. Nobody was going to hurt me.",
    "The older ones let me stay at theirs. They give me stuff.",
    "I went to see my mum. I wasn't allowed to, so I didn't tell anyone.",
    "I don't like it there. The staff don't listen.",
    "Someone I met online said I could stay with them.",
    "I had to go and do something for someone. I can't say who.",
    "I was at a party and lost track of time. My phone died.",
    "I needed space after the argument about school.",
    "I went to my boyfriend's. He's older but he's nice to me.",
)
DECLINED = (
    "Said there was nothing to talk about.",
    "Did not want to talk to anyone about it.",
    "Says she was only at a friend's.",
    "Says he is fine and just wants to sleep.",
    "Refused to meet; asked to speak to the social worker instead.",
)
DISCLOSURES = (
    "Said an older man gave her alcohol and a lift home.",
    "Said he was given a phone and told to keep it on.",
    "Said she had been sent pictures by someone she met on a game.",
    "",
    "",
)
RISKS = (
    "Associating with older youths known to the police.",
    "Staying at an address of concern.",
    "Travelling out of the area with no explanation.",
    "Contact online with adults not known to the family.",
    "Using cannabis; owes money.",
)
ACTIONS = (
    ("Share the interview with the police missing team", "Missing person coordinator"),
    ("Update the safety plan with the carers", "Social worker"),
    ("Refer to the exploitation screening", "Social worker"),
    ("Ask school to report any absence the same morning", "Designated safeguarding lead"),
    ("Arrange a follow-up with the youth worker", "Youth worker"),
)
ANALYSIS = {
    "high": (
        "Repeated episodes with older youths; found out of the area with cash and a second "
        "phone. Police intelligence links the group to county lines. High risk.",
        "Gifts, lifts and alcohol from adults; found at an address of concern; disclosures at "
        "the return home interview. High risk.",
    ),
    "medium": (
        "Signs are building: going missing, falling attendance and new older friends. "
        "Medium risk; review soon with the police and school.",
        "Contact online with adults not known to the family and gifts through games. Medium "
        "risk; the family are working with us.",
    ),
    "low": (
        "Some signs, explained by conflict at home; no intelligence of exploitation. Low risk; "
        "keep under review.",
        "Screened after an episode of going missing; no indicators beyond the episode. Low risk.",
    ),
}
PARTNERS = {
    "police": (
        "Stopped with older youths known for supplying drugs.",
        "No intelligence held on the child.",
        "Seen at an address linked to exploitation.",
    ),
    "school": (
        "Attendance falling this term; two fixed-term exclusions.",
        "Attending, but late most days and withdrawn.",
    ),
    "health": (
        "Attended the emergency department after an assault.",
        "Sexual health clinic appointment missed.",
    ),
}
PLACE_PATTERNS = {
    "park": ("{surname} Park", "{street} recreation ground", "{surname} Fields"),
    "shop": ("{street} shops", "Chicken shop, {street}", "{surname}'s off-licence"),
    "house": ("Flat on {street}", "House on {street}"),
    "transport": ("{town} bus station", "{town} railway station", "{street} interchange"),
    "online": ("A group chat on a messaging app", "An online game's voice channel"),
    "school": ("{surname} Academy gates", "{street} college"),
}
GROUPS = (
    "{street} boys",
    "The {surname} crew",
    "Older youths at {surname} Park",
    "The bus station group",
    "The {town} lot",
)
MEETING_DECISIONS = (
    "Police to increase patrols and disrupt the adults involved; joint safety plans for the "
    "children discussed; school to share attendance daily.",
    "Refer the address to the housing team and the police; the youth service to offer "
    "detached work at the place; workers to meet the families.",
    "Intelligence shared on the group; a disruption plan agreed; the children's workers to "
    "review their safety plans within a week.",
)
MEETING_ACTIONS = (
    ("Patrols on Friday and Saturday nights", "Police neighbourhood team"),
    ("Detached youth work at the place for six weeks", "Youth service"),
    ("Share daily attendance for the children discussed", "Education inclusion lead"),
    ("Review each child's safety plan", "Children's social care"),
)
AGENCIES = (
    "Police",
    "Children's social care",
    "Education",
    "Health",
    "Youth justice",
    "Youth service",
    "Community safety",
)
CHAIRS = ("DI Rees", "DCI Morgan", "Head of Service, Safeguarding", "Exploitation lead")
RHI_SERVICES = ("Northshire Young People's Service", "Runaway Helpline Partners")
