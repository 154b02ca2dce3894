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
RE_REFERRAL_SHARE = 0.226  # §1 re-referrals within 12 months, 2025
CLOSED_AFTER_ASSESSMENT = 0.308 + 0.065  # §1 assessed not in need 30.8% + referrals NFA 6.5%
UASC_SHARE_OF_CLA = 0.08  # §3 UASC were 8% of CLA at 31 Mar 2025
CARE_LEAVERS_PER_CLA = 0.55  # (U) care leavers 18-21 per looked-after child
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


@dataclass(frozen=True)
class Scale:
    """How big a council to build: children, teams of each kind, and history per child."""

    name: str
    children: int
    teams: dict[str, int]
    notes_open: int  # case notes per child with an open case
    notes_closed: int  # case notes per child whose cases have closed


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
            "children_in_care": 15,
            "care_leavers": 7,
            "disabled_children": 5,
            "quality": 5,
        },
        notes_open=2,
        notes_closed=0,
    ),
}
