"""The figures the synthetic council is calibrated on, and the size of each scale.

Each figure names its source: a section of NATIONAL_STATS.md (DfE national statistics), or
(U) where no national figure was found and the value is a stated assumption. docs/synthetic.md
lists them all.
"""

from dataclasses import dataclass

#: Years of case history behind today (ARCHITECTURE.md §8).
HISTORY_YEARS = 6

# Workforce (NATIONAL_STATS §4, CSWW at 30 Sep 2023, the year the council is modelled on:
# a council under strain rather than the 2025 national average).
AGENCY_SHARE = 0.178  # agency FTE rate 17.8%
LOCUM_SHARE = 0.03  # (U) short fixed-term locum contracts, counted apart from agency
TURNOVER = 0.159  # FTE turnover 15.9% a year
CASELOAD_PER_FTE = 16.0  # 337,055 cases / 21,111 case holders
#: (FTE, share) for workers who are not full time (U: CSWW gives no split).
PART_TIME = ((0.8, 0.14), (0.6, 0.08))

# Children (NATIONAL_STATS §0-§3).
MALE_SHARE = 0.51  # §0: males are about 51% of the child population
CLA_SHARE_OF_OPEN = 67 / 330.3  # §3 CLA 67 per 10k ÷ §2 CIN 330.3 per 10k, 2025
CP_SHARE_OF_OPEN = 40.6 / 330.3  # §2 on a CP plan 40.6 per 10k ÷ CIN 330.3 per 10k, 2025
RE_REFERRAL_SHARE = 0.226  # §1 re-referrals within 12 months: 142,900 of 632,830 (22.6%), 2025
REFERRAL_NFA_SHARE = 0.065  # §1 referrals NFA: 41,340 (6.5%), 2025
ASSESSED_NOT_IN_NEED = 0.308  # §1 assessed "not in need": 194,620 (30.8%), 2025
#: Of assessed referrals (not NFA), the share closed once the assessment was done (RC8/RC9):
#: §1 30.8% of all referrals ÷ the 93.5% that are not NFA. Referrals still open today are
#: mostly long-term cases, so the 30.8% is met among referrals whose episode has closed.
CLOSED_AFTER_ASSESSMENT = ASSESSED_NOT_IN_NEED / (1 - REFERRAL_NFA_SHARE)
#: Authorised within 45 working days of the referral: §1 555,820 / 648,830 (85.7%, D), 2025.
#: Not sampled directly: it follows from ASSESSMENT_WORKING_DAYS below.
ASSESSED_WITHIN_45 = 0.857
#: Families with an earlier episode, and the gap (days) between that episode's closure and
#: the next referral. Tuned (not a national figure) so that the share of referrals that are
#: re-referrals within 12 months (haven.timescales.rereferral) comes out at RE_REFERRAL_SHARE.
EARLIER_EPISODE_SHARE = 0.58
EARLIER_EPISODE_GAP = (7, 240)
#: NFA referrals (no assessment, closed the same day with RC7) per family, placed when the
#: family has no open episode. Tuned so that they are REFERRAL_NFA_SHARE of all referrals.
NFA_REFERRALS_PER_FAMILY = 0.10
UASC_SHARE_OF_CLA = 0.08  # §3 UASC were 8% of CLA at 31 Mar 2025
#: Unaccompanied children arrive aged 14 to 17½ (U) at any time in the last four years.
UASC_ARRIVAL_AGE = (14.0, 17.5)
UASC_ARRIVAL_YEARS = 4.0
CARE_LEAVERS_PER_CLA = 0.55  # (U) care leavers 18-21 per looked-after child
#: Children who ceased to be looked after in the year per child looked after at its end: §3
#: 34,450 ceased in the year to 31 March 2025 ÷ 81,770 looked after then (0.42, D).
CEASED_PER_CLA = 34_450 / 81_770
#: The most of the long-term cases closed in the six years that were with the children in
#: care team (U); fewer where the council's open caseload is small for its referrals, so that
#: the children leaving care each year stay near CEASED_PER_CLA of those looked after.
CLOSED_CLA_SHARE = 0.1
DISABLED_TEAM_SHARE = 0.08  # (U) open cases held by the disabled children's team
UNALLOCATED_SHARE = 0.06  # (U) open cases waiting for a worker
UNBORN_SHARE = 0.01  # (U) families referred before a baby's birth
RESTRICTED_SHARE = 0.004  # (U) adoption, staff and high-profile records

#: Age (years) at referral of children in need: (from, to, share). (U) close to the CIN
#: census age split at 31 March; NATIONAL_STATS has no age table.
AGE_BANDS = ((0, 1, 0.05), (1, 5, 0.16), (5, 10, 0.26), (10, 16, 0.36), (16, 18, 0.17))

#: Ethnicity: the 2025 CLA groups (§3: White 71, Mixed 11, Black 8, Asian 5, Other 4, not
#: known 1), split within each group by (U) shares close to the school census.
ETHNICITY = {
    "WBRI": 62.0,
    "WIRI": 0.5,
    "WIRT": 0.6,
    "WROM": 1.1,
    "WOTH": 6.8,
    "MWBC": 3.5,
    "MWBA": 1.5,
    "MWAS": 2.0,
    "MOTH": 4.0,
    "BAFR": 5.0,
    "BCRB": 1.5,
    "BOTH": 1.5,
    "APKN": 1.6,
    "AIND": 1.0,
    "ABAN": 0.7,
    "AOTH": 1.7,
    "CHNE": 0.3,
    "OOTH": 3.7,
    "NOBT": 0.7,
    "REFU": 0.3,
}

#: Disability recording (U): most children are recorded as NONE, a few not yet recorded.
DISABILITY_NONE = 0.80
DISABILITY_NOT_RECORDED = 0.07
DISABILITY_CODES = {
    "LD": 26,
    "AUT": 24,
    "BEH": 16,
    "COMM": 12,
    "MOB": 5,
    "PC": 4,
    "DDA": 4,
    "HEAR": 3,
    "VIS": 2,
    "INC": 2,
    "HAND": 1,
    "CON": 1,
}

#: Sibling group size (U): (children, share).
SIBLINGS = ((1, 0.45), (2, 0.30), (3, 0.15), (4, 0.07), (5, 0.03))

#: Length in days of CIN episodes that have ended: §2 "almost half last 3 months or less;
#: just under 1 in 10 more than 2 years". (low, high, share).
CLOSED_EPISODE_DAYS = ((20, 92, 0.48), (92, 365, 0.27), (365, 730, 0.16), (730, 1800, 0.09))
#: Open episodes are seen part-way through, so longer ones are over-represented (U).
OPEN_EPISODE_DAYS = ((1, 92, 0.30), (92, 365, 0.33), (365, 730, 0.22), (730, 2100, 0.15))

#: Assessment length in working days, §1 2025 bands: (low, high, count).
ASSESSMENT_WORKING_DAYS = (
    (0, 0, 11_680),
    (1, 10, 75_590),
    (11, 20, 112_180),
    (21, 30, 102_260),
    (31, 40, 131_380),
    (41, 45, 122_730),
    (46, 50, 37_640),
    (51, 60, 27_860),
    (61, 90, 27_500),
)

# The front door (NATIONAL_STATS §1 where it has a figure; contacts are not in the DfE
# statistics, so what happens to contacts that are not referrals is (U)).

#: CIN ``ReferralSource`` of contacts and referrals. §1: police 28%, schools 21% (the two
#: largest, 2025, SocialWorkToday's summary of CIN 2025); the rest (U), close to the CIN
#: census split of earlier years.
REFERRAL_SOURCES = {
    "6": 28.0,  # police
    "2A": 21.0,  # schools
    "3A": 2.0,
    "3B": 3.0,
    "3C": 1.0,
    "3D": 2.0,
    "3E": 4.0,
    "3F": 3.0,
    "1A": 5.0,
    "1B": 1.5,
    "1C": 1.5,
    "1D": 1.0,
    "2B": 2.0,
    "4": 2.0,
    "5A": 2.0,
    "5B": 3.0,
    "5C": 2.0,
    "5D": 4.0,
    "7": 3.0,
    "8": 5.0,
    "9": 3.0,
    "10": 1.0,
}
#: Contacts that did not become referrals, per family (U): (how many, weight). With about 1.3
#: referrals per family this gives a conversion (referrals ÷ contacts decided) near 40%.
OTHER_CONTACTS = ((0, 15), (1, 25), (2, 25), (3, 20), (4, 15))
#: What those contacts were decided as (U).
OTHER_CONTACT_OUTCOMES = {"nfa": 35, "information_advice": 40, "early_help": 25}
#: Days from a contact being received to its decision, in working days (U): most the same day.
DECISION_LAG_WORKING_DAYS = ((0, 70), (1, 24), (2, 4), (3, 2))
SIGNED_OFF_SHARE = 0.93  # (U) recent decisions already signed off by a front-door manager
SIGN_OFF_BACKLOG_DAYS = 14  # (U) older decisions have all been signed off
AGENCY_CHECKS_SHARE = {"referral": 0.7, "other": 0.25}  # (U) contacts with multi-agency checks
RAG = {  # (U) screeners' ratings, referrals and other contacts
    "referral": {"red": 25, "amber": 50, "green": 25},
    "other": {"red": 3, "amber": 27, "green": 70},
}
URGENCY = {"immediate": 10, "same_day": 25, "routine": 65}  # (U)
CONSENT = {"yes": 72, "no": 14, "not_needed": 14}  # (U)
#: Contacts waiting in the front-door queue today, per front-door team (U: "a handful").
QUEUE_PER_TEAM = 8

# Casework records (NATIONAL_STATS §1; (U) where it has no figure).

#: CIN ``PrimaryNeedCode`` (U: close to the CIN census split at 31 March; NATIONAL_STATS has
#: none). N2 is given to disabled children's team cases; N9 to a share of those assessed not
#: in need.
PRIMARY_NEED = {"N1": 57, "N5": 15, "N4": 9, "N3": 5, "N6": 3, "N8": 3, "N0": 4, "N7": 1}
NOT_IN_NEED_N9 = 0.35  # (U)
#: Of cases closed after assessment, the share stepped down to early help (RC9) (U).
STEP_DOWN_SHARE = 0.35
#: Assessment factors at the end of assessment: weights from §1 shares at 31 Mar 2016
#: (domestic violence 49.6%, mental health 36.6, drug misuse 19.3, emotional abuse 19.3,
#: alcohol 18.4, neglect 17.5, physical abuse 14, self-harm 4.3, CSE 3.9, missing 2.7,
#: gangs 1.2), split between parent (B), child (A) and other (C) codes (U); codes §1 does not
#: give are (U). Factors about the family, shared by brothers and sisters:
FAMILY_FACTORS = {
    "3B": 40.0,
    "3C": 4.0,
    "4B": 26.0,
    "4C": 3.0,
    "2B": 16.0,
    "2C": 1.5,
    "17A": 19.3,
    "1B": 15.6,
    "1C": 1.0,
    "16A": 17.5,
    "18C": 12.0,
    "5B": 4.0,
    "6B": 3.0,
    "19C": 3.0,
    "20": 5.0,
}
#: ... and about the child (age 10 or over), added to one child in four of that age.
CHILD_FACTORS = {
    "3A": 5.6,
    "4A": 8.0,
    "2A": 2.0,
    "1A": 1.8,
    "15A": 4.3,
    "11A": 3.9,
    "10A": 2.7,
    "13A": 1.2,
    "24A": 2.5,
    "14A": 4.0,
    "18B": 2.0,
    "19B": 1.0,
    "7A": 1.5,
}
FACTOR_COUNT = ((1, 40), (2, 35), (3, 25))  # (U) family factors per assessment
#: "21 No factors identified" (alone): (U) shares of assessments.
NO_FACTORS = {"not_in_need": 0.30, "in_need": 0.01}
#: How a long-term episode closed, by the team that held it (U).
CLOSURE_REASONS = {
    "cin_cp": {"RC7": 82, "RC5": 8, "RC3": 7, "RC4": 3},
    "children_in_care": {"RC7": 45, "RC4": 20, "RC1": 15, "RC3": 12, "RC5": 8},
    "disabled_children": {"RC7": 80, "RC5": 10, "RC6": 10},
}
#: Early help: how long it lasts (days) and how it ends, other than a step up (U).
EARLY_HELP_DAYS = (45, 330)
EARLY_HELP_CLOSURE = {"needs_met": 65, "declined": 15, "moved_away": 8, "other": 12}

#: Why a child's worker changed, other than leaving (SW_REASON weights, U).
CHANGE_REASONS = {
    "MANAGE": 34,
    "TSPROC": 22,
    "ORGRST": 10,
    "ABSENC": 10,
    "OTHERS": 10,
    "PCCHAN": 8,
    "CHCHAN": 6,
}
#: Mean days between changes of worker within a long-term team (U: Ofsted reports often
#: criticise churn of workers per child; 9 months is a typical figure).
MEAN_DAYS_BETWEEN_CHANGES = 270
#: No worker is given a new case once they hold this many children: the rest wait (Ofsted
#: found social workers in Northamptonshire holding 30 to 50 children). Reached only in a crisis.
MOST_CASES = 45
#: After a worker leaves, the share of children who wait for the next one, and for how long
#: (days) (U).
WAIT_AFTER_LEAVER = 0.4
WAIT_AFTER_LEAVER_DAYS = (1, 60)

# Staff absence (NATIONAL_STATS §4 where it has a figure). Counted in working days
# (Monday to Friday) over the year to today, and for leave already booked ahead.

#: Annual leave: 27 days a year (U: the NJC local government scheme gives 24-29 with
#: service, before bank holidays), taken as a week or two and some odd days. Agency and
#: locum staff take less (U: they are paid by the hour and are not paid for leave).
ANNUAL_LEAVE_DAYS = {"permanent": 27, "agency": 15}
LEAVE_BOOKED_AHEAD_DAYS = 56  # leave already booked in the next eight weeks
#: Sickness: §4 CSWW sickness absence 3.5% of working days (2025; 3.2% in 2023). Reached by
#: short spells (a Poisson number a year, 1-5 working days) and long-term spells (20-90
#: working days, U: long-term sickness is about half the days lost in the public sector).
SICKNESS_RATE = 0.035
SHORT_SICKNESS_SPELLS = 1.6  # mean spells a year (U)
SHORT_SICKNESS_DAYS = ((1, 30), (2, 25), (3, 20), (4, 10), (5, 15))  # (working days, weight)
LONG_SICKNESS_SHARE = 0.07  # workers with a long-term spell in a year (U)
LONG_SICKNESS_DAYS = (20, 90)  # working days
#: A long-term spell still running today has no return date this often (U).
OPEN_ENDED_SHARE = 0.6
#: Parental leave (U): about 2.5% of staff start it in a year (a mostly female workforce
#: of child-bearing age), for 26 to 52 weeks.
PARENTAL_LEAVE_SHARE = 0.025
PARENTAL_LEAVE_DAYS = (182, 365)
#: Training days away from the office (U: Social Work England asks for continuing
#: professional development; a few one- or two-day courses a year).
TRAINING_SPELLS = (2, 4)


# The protection pathway (NATIONAL_STATS §2, 2025; (U) where it has no figure).

#: Referrals a year per 10,000 children (§1: 632,830, ~519/10k, 2025). The synthetic council
#: holds only children known to children's services, so the child population its rates per
#: 10,000 are counted against is the one its referrals imply: referrals in the year / 519 *
#: 10,000. Every figure below is drawn per referral, so it holds at any scale.
REFERRALS_PER_10K = 519.0
#: Children in need at 31 March per 10,000 children (§2, 2025).
CIN_PER_10K = 330.3
#: Section 47 enquiries started per 10,000 children a year: §2 230,590 (~189/10k), 2025.
S47_PER_10K = 189.0
#: Initial conferences a year per 10,000 children: §2 72,100 (~59/10k, D), 2025.
ICPC_PER_10K = 59.0
#: On a child protection plan at 31 March per 10,000 children: §2 49,420 (40.6/10k), 2025.
ON_CP_PLAN_PER_10K = 40.6
#: Initial conferences per enquiry: §2 72,100 ICPCs ÷ 230,590 enquiries (31.3%), 2025.
ICPC_PER_S47 = 72_100 / 230_590
#: Plans per initial conference: §2 61,840 plans started ÷ 72,100 ICPCs (85.8%), 2025.
CP_PLAN_PER_ICPC = 61_840 / 72_100
#: Working days from the strategy discussion to the ICPC: §2 2025 bands 0-10 6,240; 11-15
#: 52,430; 16-20 6,430; 21+ 6,990 (81.4% within 15), median 14, p25 13, p75 15. The 11-15
#: band is split by day to give those quartiles; 21+ is drawn from 21 to 40 (U).
ICPC_WORKING_DAYS = (
    (3, 10, 6_240),
    (11, 11, 4_300),
    (12, 12, 7_200),
    (13, 13, 12_300),
    (14, 14, 12_300),
    (15, 15, 16_330),
    (16, 20, 6_430),
    (21, 28, 5_240),
    (29, 40, 1_750),
)
ICPC_WITHIN_15 = 0.814
#: Initial category of abuse (§2: no exact 2025 split; "a usable split", U).
CP_CATEGORY = {"NEG": 50, "EMO": 35, "PHY": 7, "SAB": 3, "MUL": 5}
#: Length in days of child protection plans that ended: §2 CIN D7 2025, ≤3 months 15.9%,
#: 3-6 months 11.0, 6-12 months 43.5, 1-2 years 25.2, 2+ years 4.4. (low, high, share).
CP_PLAN_DAYS = (
    (14, 91, 15.9),
    (92, 182, 11.0),
    (183, 365, 43.5),
    (366, 730, 25.2),
    (731, 1100, 4.4),
)
#: Second or later plans: §2 "about 23-24%" in recent years (U).
REPEAT_PLAN_SHARE = 0.23
#: How the pathway is drawn. Tuned (not national figures) so that the council comes out at
#: the rates above: a red-rated referral goes to a strategy discussion (docs/frontdoor.md),
#: which starts an enquiry this often; families with a child protection concern
#: (``CP_SHARE_OF_OPEN``) are enquired into after assessment and mostly conferenced; the rest
#: now and then. (U)
S47_AT_FRONT_DOOR = 0.55
S47_AFTER_ASSESSMENT = {"concern": 0.9, "other": 0.05}
ICPC_SHARE = {"concern": 1.0, "other": 0.5}
#: A family with a concern whose child in need plan escalates to an enquiry (U).
ESCALATION = {"concern": 0.5, "other": 0.12, "repeat": 0.8}
#: Open long-term cases on a child protection plan today, by family: how likely each kind of
#: family is to be one; how many are is held near ``ON_CP_PLAN_PER_10K`` as families are made.
CURRENT_CP = {"concern": 0.7, "other": 0.14, "repeat": 0.95}
#: A plan that ends at a review conference steps down to a child in need plan (U).
STEP_DOWN_SHARE_CP = 0.65
#: Children in need in the child in need and protection, and disabled children's, teams who
#: have a child in need plan once assessed (U).
CIN_PLAN_SHARE = 0.80
#: Plans whose outcomes do not improve; neglect plans more often (U).
STUCK_SHARE = {"NEG": 0.45, "other": 0.2}
#: Visits on time, and plans whose visits have lapsed today, so some are overdue (U).
VISIT_LATE_SHARE = 0.08
VISITS_LAPSED_SHARE = 0.12
CHILD_NOT_SEEN_SHARE = 0.06
#: Reviews and core groups held late (U).
MEETING_LATE_SHARE = 0.08
#: A repeat strategy discussion while an enquiry is under way (U).
REPEAT_DISCUSSION_SHARE = 0.07
#: Enquiries at the front door with police protection or an emergency protection order; more
#: often when the child then comes into care (U).
PROTECTIVE_ORDER_SHARE = {"care": 0.30, "other": 0.01}
#: Plans of nine months or more that enter pre-proceedings (U).
PRE_PROCEEDINGS_SHARE = 0.15


@dataclass(frozen=True)
class Scenario:
    """The state of the council's allocation and caseloads today.

    ``typical`` is calibrated on the national figures above. ``crisis`` reproduces a council
    in the state Ofsted and the commissioner found Northamptonshire in (2018-19: hundreds of
    children with no allocated worker, some social workers holding 30 to 50 children, high
    vacancy and agency rates): more demand per worker, posts left empty, more agency staff,
    children waiting months after their worker left, and some workers carrying far more
    than the rest.
    """

    name: str
    #: Open families waiting for a worker (besides those waiting after a worker left).
    unallocated_share: float = UNALLOCATED_SHARE
    #: Of those with the children in care team: none in a typical council, where each child
    #: in care has a social worker from the start (they still wait when their worker leaves).
    in_care_unallocated_share: float = 0.0
    #: Open cases per case-holding FTE in post before vacancies, as a multiple of
    #: CASELOAD_PER_FTE.
    demand: float = 1.0
    #: Case-holding workers in post who leave in the last months and are not replaced.
    vacancy_share: float = 0.0
    vacancy_months: tuple[int, int] = (1, 9)
    #: Permanent case holders who are agency staff instead (on top of AGENCY_SHARE).
    extra_agency_share: float = 0.0
    #: Workers given more than their share of new cases, and by how much.
    stretched_share: float = 0.0
    stretch: float = 1.0
    #: After a worker leaves: the share of children who wait for the next, and how long.
    wait_after_leaver: float = WAIT_AFTER_LEAVER
    wait_after_leaver_days: tuple[int, int] = WAIT_AFTER_LEAVER_DAYS
    #: Waiting children with a (stale) risk review on record; the rest have none.
    reviewed_share: float = 0.0
    #: Sickness as a multiple of the national rate.
    sickness: float = 1.0


SCENARIOS = {
    "typical": Scenario(name="typical"),
    # (U) chosen to give the published picture of Northamptonshire (Ofsted found 267
    # children unallocated and social workers holding 30 to 50 children), not a statistical
    # series: vacancy and agency rates well above the national 14-19% (§4).
    "crisis": Scenario(
        name="crisis",
        unallocated_share=0.15,
        in_care_unallocated_share=0.15,
        demand=1.25,
        vacancy_share=0.2,
        extra_agency_share=0.45,
        stretched_share=0.3,
        stretch=1.7,
        wait_after_leaver=0.8,
        wait_after_leaver_days=(20, 240),
        reviewed_share=0.4,
        sickness=1.6,
    ),
}


@dataclass(frozen=True)
class Scale:
    """How big a council to build: children, teams of each kind, and history per child."""

    name: str
    children: int
    teams: dict[str, int]
    notes_open: int  # case notes per child with an open case
    notes_closed: int  # case notes per child whose cases have closed
    #: Months back from today over which plans get their outcomes, actions, ratings, reviews,
    #: core groups and visits (earlier plans keep their dates, conferences and chronology).
    plan_detail_months: int = 12 * HISTORY_YEARS


SCALES = {
    "demo": Scale(
        name="demo",
        children=3_000,
        teams={
            "front_door": 1,
            "assessment": 1,
            "cin_cp": 2,
            "children_in_care": 1,
            "care_leavers": 1,
            "disabled_children": 1,
            "quality": 1,
        },
        notes_open=4,
        notes_closed=1,
    ),
    "large": Scale(
        name="large",
        children=100_000,
        teams={
            "front_door": 4,
            "assessment": 10,
            "cin_cp": 26,
            "children_in_care": 22,
            "care_leavers": 18,
            "disabled_children": 5,
            "quality": 5,
        },
        notes_open=2,
        notes_closed=0,
        plan_detail_months=12,
    ),
}


# Children in care and care leavers (NATIONAL_STATS §3, 2025 unless said; (U) where it has no
# figure). ``synthetic/care.py`` draws on these; docs/synthetic.md lists them.

#: Looked after at 31 March per 10,000 children: §3 81,770 (67/10k), 2025. Counted, like the
#: protection rates, against the child population the council's referrals imply.
CLA_PER_10K = 67.0
#: Legal status of children looked after today: §3 "recent years roughly care order 76-78%,
#: s20 ~16-17%, placement order ~5%" (U); the rest (police protection, remand) under 1%.
#: Unaccompanied children are accommodated under section 20, inside the s20 share.
LEGAL_STATUS_TODAY = {"care_order": 77.0, "s20": 16.5, "placement_order": 5.5, "other": 1.0}
#: Where children looked after today live: §3 "practical 2024-25 split" (U) foster 68,
#: children's homes 12, supported or independent 8, with parents 7, placed for adoption 3, other
#: 2; foster care split by the Sufficiency FOI of 2024 (in-house 27.9, agency 24.8, kinship 15.6).
PLACEMENT_TODAY = {
    "foster_kin": 15.0,
    "foster_inhouse": 28.0,
    "foster_agency": 25.0,
    "home": 11.5,
    "secure": 0.3,
    "supported": 8.0,
    "parents": 7.0,
    "adoption": 3.0,
    "other": 2.0,
}
#: Placements in settings not registered with Ofsted, signed off by the director: §3 FOI
#: "unregulated 1.0%" (U); at least two in any council with children in care, so the list
#: the director reviews is never empty.
IRREGULAR_SHARE = 0.01
IRREGULAR_AT_LEAST = 2
#: Category of need of looked-after children (U: NATIONAL_STATS has no table; close to the
#: CLA publication, most for abuse or neglect). Unaccompanied children are N8.
CLA_NEED = {"N1": 67, "N2": 3, "N3": 3, "N4": 8, "N5": 15, "N6": 1.5, "N7": 0.5, "N8": 2}
#: Placement moves (§3 STAB: ~10% of children looked after today had 3+ placements in the
#: year; 68% of under-16s looked after 2.5+ years had lived in the same placement 2+ years).
#: Tuned (U): over half start with a short bridging placement (mean days); then a settled child's
#: placements last long (mean days), an unsettled child's not (mean days).
SETTLED_SHARE = 0.76
BRIDGING_SHARE = 0.55
BRIDGING_DAYS = 120
SETTLED_PLACEMENT_DAYS = 6000
UNSETTLED_PLACEMENT_DAYS = 150
#: A temporary placement (T0-T4: respite, hospital, a carer's holiday) in a period (U).
TEMPORARY_SHARE = 0.04
#: Where new placements are: §3 "New placements in 2025 by location": inside the council and
#: under 20 miles from home 46%, inside and over 20 miles 5%, outside and under 20 miles 20%,
#: outside and over 20 miles 16%, distance not known 13% (no home postcode: unaccompanied
#: children, and this share of the others (U), so about 13% in all).
PLACEMENT_LOCATION = {"in_near": 46.0, "in_far": 5.0, "out_near": 20.0, "out_far": 16.0}
HOME_POSTCODE_UNKNOWN = 0.065
#: Why children ceased to be looked after (U: §3 gives adoptions 3,040 of 34,450 ceased, 8.8%;
#: the rest close to the CLA publication's split). Adoption only for children under 10 in care
#: a year or more; the 18+ reasons only for those who turn 18 in care.
LEAVING = {
    "E4A": 26.0,
    "E4B": 3.0,
    "E13": 4.0,
    "E11": 7.0,
    "E12": 2.0,
    "E45": 5.0,
    "E46": 2.0,
    "E47": 4.0,
    "E48": 1.0,
    "E41": 3.0,
    "E3": 2.0,
    "E8": 10.0,
    "E9": 1.0,
    "E14": 1.0,
    "E16": 1.0,
}
#: ... and at 18 (U): independent living with or without formal support, staying put or
#: remaining with carers, other.
LEAVING_AT_18 = {"E5": 30.0, "E6": 8.0, "E17": 40.0, "E8": 12.0, "E4A": 10.0}
#: Previous permanence recorded when a period starts (903 PrevPerm) (U).
PREVIOUS_PERMANENCE = {"Z1": 86.0, "P4": 7.0, "P2": 4.0, "P3": 2.0, "P1": 1.0}
#: Weekly costs, £ (U: indicative ranges for England, not national statistics): the
#: council's own fostering £400-600, agency fostering £900-1,200, children's homes
#: £5,000-8,000, secure homes £7,500-8,000, supported accommodation £1,200-2,500, settings
#: not registered with Ofsted £8,000-15,000, family centres and residential schools (U).
WEEKLY_COST = {
    "foster_inhouse": (400, 600),
    "foster_agency": (900, 1_200),
    "home_own": (5_000, 6_500),
    "home_private": (5_500, 8_000),
    "home_voluntary": (5_000, 7_000),
    "secure": (7_500, 8_000),
    "supported": (1_200, 2_500),
    "unregistered": (8_000, 15_000),
    "family_centre": (3_500, 4_500),
    "school": (4_000, 6_000),
}
#: Records kept on time, and today's gaps (U). Ofsted found a third of Northamptonshire's
#: children in care without a care plan; the synthetic council is better than that.
CARE_PLAN_MISSING = 0.10
PLACEMENT_PLAN_MISSING = 0.08
CARE_REVIEW_LATE = 0.08
#: The reviewing officer's contacts with the child between reviews (U): each entry the chance
#: of one more contact in the gap (most children one, some two, a few none), and the means
#: (in person, video, phone, message: ``care.enums.ContactMethod``'s order).
IRO_CONTACTS_BETWEEN_REVIEWS = (0.85, 0.3)
IRO_CONTACT_METHODS = (60.0, 15.0, 15.0, 10.0)
CARE_VISIT_LATE = 0.08
CARE_VISITS_LAPSED = 0.10
CARE_CHILD_NOT_SEEN = 0.05
HEALTH_LATE = 0.15
#: Care leavers aged 19-21 (§3, 2025 (U)): in touch ~90-92%, in education, employment or
#: training ~55%, not ~38-40%, in suitable accommodation ~88%.
LEAVER_IN_TOUCH = {"YES": 91.0, "NO": 5.0, "REFU": 2.0, "NREQ": 1.5, "RHOM": 0.5}
LEAVER_ACTIVITY = {
    "F1": 7.0,
    "P1": 1.0,
    "F2": 18.0,
    "P2": 4.0,
    "F4": 6.0,
    "P4": 1.0,
    "F5": 17.0,
    "P5": 6.0,
    "G4": 9.0,
    "G5": 24.0,
    "G6": 7.0,
}
#: Accommodation (903 ACCOM letters); the last five are unsuitable (U).
LEAVER_ACCOMMODATION = {
    "U": 30.0,
    "D": 16.0,
    "B": 12.0,
    "Z": 8.0,
    "E": 7.0,
    "T": 5.0,
    "K": 5.0,
    "Y": 4.0,
    "C": 3.0,
    "G": 0.5,
    "X": 1.0,
    "S": 1.0,
    "V": 0.8,
    "W": 0.5,
    "R": 0.7,
}
UNSUITABLE_ACCOMMODATION = frozenset({"X", "S", "V", "W", "R"})
#: Care leavers whose personal adviser's contacts have lapsed today (U).
ADVISER_CONTACT_LAPSED = 0.10
#: Care leavers who stay with their former foster carers after 18 (of those who remained with
#: their carers, E17) (U).
STAYING_PUT_SHARE = 0.6

# Missing children and exploitation (NATIONAL_STATS §3 "Missing / away", 2025; (U) elsewhere).
#: Children looked after during the year who went missing, and their incidents each (§3: about
#: 12,800 of 115,410 went missing, 6.8 incidents each).
MISSING_SHARE_OF_CLA = 0.11
MISSING_INCIDENTS = 6.8
#: Away from placement without authorisation (U: the share; §3: 4.5 incidents each).
AWAY_SHARE_OF_CLA = 0.03
AWAY_INCIDENTS = 4.5
#: How likely a child of each age is to go missing, relative to others (from §3's incidents by
#: age, 16+ 56% and 10-15 44%, against the ages of children in care): ``(least age, weight)``.
MISSING_AGE_WEIGHTS = ((0, 0.0), (5, 0.01), (10, 0.6), (13, 1.5), (16, 2.2))
#: Children at home, aged 10 to 17 with an open case, who went missing in the year (U).
MISSING_AT_HOME_SHARE = 0.03
MISSING_AT_HOME_INCIDENTS = 2.5
#: Missing (M) and away (A) at any moment, per child looked after (§3: 220 and 60 of 81,770).
MISSING_NOW_PER_CLA = 220 / 81_770
#: Reported to the police (U), by kind of episode.
REPORTED_TO_POLICE = {"M": 0.95, "A": 0.35}
#: Return home interviews (U; STATUTORY.md row 24: on average 63% of interviews held within
#: 72 hours, FOI 2023-24): offered, offered within 72 hours of those, accepted of those offered,
#: held of those accepted, and held within 72 hours of those held.
RHI_OFFERED = 0.93
RHI_OFFERED_IN_TIME = 0.9
RHI_ACCEPTED = 0.62
RHI_HELD = 0.95
RHI_HELD_IN_TIME = 0.63
RHI_INDEPENDENT = 0.9
#: Children screened for exploitation (U): of those who went missing in the last year, by the
#: risk drawn for them; and of other children aged 10 to 17 with an open case or in care.
EXPLOITATION_RISK_OF_MISSING = {"high": 0.2, "medium": 0.3, "low": 0.5}
SCREENED_LOW_RISK_MISSING = 0.5
SCREENED_OTHERS = 0.04
EXPLOITATION_RISK_OF_OTHERS = {"high": 0.05, "medium": 0.25, "low": 0.7}
#: Screened children at medium or high risk per place and per peer group recorded (U).
CHILDREN_PER_PLACE = 4
CHILDREN_PER_GROUP = 8
#: Multi-agency exploitation meetings a month, per ten places (U; at least one).
MEETINGS_PER_TEN_PLACES = 1.5
#: Years back from today that missing episodes, interviews and screenings are written.
OUTSIDE_HOME_YEARS = 2
