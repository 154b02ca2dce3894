"""The one permission enum, and what each role may do.

Roles grant actions; relationships (allocation, team, management line) grant reach. This
module answers only the first question. Each app's ``policies.py`` combines it with reach.
"""

from enum import StrEnum
from typing import Protocol

from haven.accounts.roles import Role


class Action(StrEnum):
    SEARCH_PEOPLE = "search_people"
    VIEW_RECORD = "view_record"
    CREATE_PERSON = "create_person"
    EDIT_PERSON = "edit_person"
    ADD_CASE_NOTE = "add_case_note"
    ALLOCATE = "allocate"
    VIEW_TEAM_WORK = "view_team_work"
    MANAGE_DEADLINES = "manage_deadlines"
    MANAGE_RESTRICTIONS = "manage_restrictions"
    BREAK_GLASS = "break_glass"
    VIEW_AUDIT = "view_audit"
    ADMINISTER = "administer"
    # The front door and casework (their own policies add reach to these).
    RECORD_CONTACT = "record_contact"
    SCREEN_CONTACT = "screen_contact"
    DECIDE_CONTACT = "decide_contact"
    SIGN_OFF_DECISION = "sign_off_decision"
    VIEW_FRONT_DOOR = "view_front_door"
    SUBMIT_PARTNER_CONTACT = "submit_partner_contact"
    RECORD_ASSESSMENT = "record_assessment"
    AUTHORISE_ASSESSMENT = "authorise_assessment"
    CLOSE_EPISODE = "close_episode"
    RECORD_EARLY_HELP = "record_early_help"
    # Child protection and child in need plans (haven.protection).
    RECORD_PROTECTION = "record_protection"
    RECORD_CONFERENCE = "record_conference"
    DECIDE_PRE_PROCEEDINGS = "decide_pre_proceedings"
    # Children in care and care leavers (issue 6)
    RECORD_CARE = "record_care"
    CHAIR_CARE_REVIEW = "chair_care_review"
    SIGN_OFF_IRREGULAR_PLACEMENT = "sign_off_irregular_placement"
    MANAGE_PROVIDERS = "manage_providers"
    # Missing children and exploitation (haven.missing)
    RECORD_MISSING = "record_missing"
    RECORD_EXPLOITATION = "record_exploitation"


class Reach(StrEnum):
    """How far a role's reach extends over children's records (before restrictions)."""

    NONE = "none"
    ALLOCATED = "allocated"  # children allocated to me and to my team
    SERVICE = "service"  # children allocated anywhere in the part of the service I manage
    ALL = "all"  # every child (the front door, senior leaders, quality and audit)


_PRACTITIONER = frozenset(
    {
        Action.SEARCH_PEOPLE,
        Action.VIEW_RECORD,
        Action.CREATE_PERSON,
        Action.EDIT_PERSON,
        Action.ADD_CASE_NOTE,
        Action.BREAK_GLASS,
    }
)
_PRACTITIONER |= {
    Action.RECORD_CONTACT,
    Action.RECORD_ASSESSMENT,
    Action.RECORD_EARLY_HELP,
    Action.RECORD_PROTECTION,
    Action.RECORD_CARE,
    Action.RECORD_MISSING,
    Action.RECORD_EXPLOITATION,
}
_MANAGER = _PRACTITIONER | {
    Action.ALLOCATE,
    Action.VIEW_TEAM_WORK,
    Action.MANAGE_DEADLINES,
    Action.AUTHORISE_ASSESSMENT,
    Action.CLOSE_EPISODE,
    Action.VIEW_FRONT_DOOR,
    Action.RECORD_CONFERENCE,
    Action.DECIDE_PRE_PROCEEDINGS,
    Action.CHAIR_CARE_REVIEW,
}
_SCREENER = _PRACTITIONER | {Action.SCREEN_CONTACT, Action.DECIDE_CONTACT, Action.VIEW_FRONT_DOOR}

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.SOCIAL_WORKER: _PRACTITIONER,
    Role.SENIOR_PRACTITIONER: _PRACTITIONER | {Action.VIEW_TEAM_WORK},
    Role.TEAM_MANAGER: _MANAGER,
    Role.SERVICE_MANAGER: _MANAGER | {Action.MANAGE_RESTRICTIONS, Action.MANAGE_PROVIDERS},
    Role.DCS: frozenset(
        {
            Action.SEARCH_PEOPLE,
            Action.VIEW_RECORD,
            Action.VIEW_TEAM_WORK,
            Action.MANAGE_RESTRICTIONS,
            Action.BREAK_GLASS,
            Action.VIEW_FRONT_DOOR,
            Action.SIGN_OFF_IRREGULAR_PLACEMENT,
        }
    ),
    Role.MASH_SCREENER: _SCREENER,
    Role.MASH_MANAGER: _MANAGER | _SCREENER | {Action.SIGN_OFF_DECISION},
    Role.IRO: frozenset(
        {
            Action.SEARCH_PEOPLE,
            Action.VIEW_RECORD,
            Action.ADD_CASE_NOTE,
            Action.BREAK_GLASS,
            Action.RECORD_CONFERENCE,
            Action.CHAIR_CARE_REVIEW,
        }
    ),
    Role.PERSONAL_ADVISER: _PRACTITIONER,
    Role.BUSINESS_SUPPORT: frozenset(
        {
            Action.SEARCH_PEOPLE,
            Action.VIEW_RECORD,
            Action.CREATE_PERSON,
            Action.EDIT_PERSON,
            Action.RECORD_CONTACT,
            Action.MANAGE_PROVIDERS,
        }
    ),
    Role.PERFORMANCE_ANALYST: frozenset({Action.VIEW_TEAM_WORK, Action.VIEW_FRONT_DOOR}),
    Role.AUDITOR: frozenset({Action.SEARCH_PEOPLE, Action.VIEW_AUDIT}),
    Role.SYSTEM_ADMIN: frozenset({Action.ADMINISTER}),
    Role.PARTNER: frozenset({Action.SUBMIT_PARTNER_CONTACT}),
}

ROLE_REACH: dict[Role, Reach] = {
    Role.SOCIAL_WORKER: Reach.ALLOCATED,
    Role.SENIOR_PRACTITIONER: Reach.ALLOCATED,
    Role.TEAM_MANAGER: Reach.SERVICE,
    Role.SERVICE_MANAGER: Reach.SERVICE,
    Role.DCS: Reach.ALL,
    Role.MASH_SCREENER: Reach.ALL,
    Role.MASH_MANAGER: Reach.ALL,
    Role.IRO: Reach.ALL,
    Role.PERSONAL_ADVISER: Reach.ALLOCATED,
    Role.BUSINESS_SUPPORT: Reach.ALL,
    Role.PERFORMANCE_ANALYST: Reach.NONE,
    Role.AUDITOR: Reach.ALL,
    Role.SYSTEM_ADMIN: Reach.NONE,
    Role.PARTNER: Reach.NONE,
}


class HasRole(Protocol):
    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    role: str


def _role(user: HasRole) -> Role | None:
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def has_action(user: HasRole, action: Action) -> bool:
    """May this user's role do ``action`` at all (to some record)?"""
    role = _role(user)
    return role is not None and action in ROLE_ACTIONS[role]


def reach_of(user: HasRole) -> Reach:
    role = _role(user)
    return Reach.NONE if role is None else ROLE_REACH[role]


def sees_front_door(user: HasRole) -> bool:
    """May this user see every contact at the front door (the screening queue)?

    Screeners and managers with reach over children do; the performance analyst has the
    front-door figures but no reach over children, so not the contacts behind them."""
    if has_action(user, Action.SCREEN_CONTACT):
        return True
    return has_action(user, Action.VIEW_FRONT_DOOR) and reach_of(user) is not Reach.NONE


def sees_allocation_queue(user: HasRole) -> bool:
    """May this user see the children waiting for allocation? Those who allocate work, and
    senior leaders whose reach is every child."""
    if has_action(user, Action.ALLOCATE):
        return True
    return has_action(user, Action.VIEW_TEAM_WORK) and reach_of(user) is Reach.ALL


def sees_places(user: HasRole) -> bool:
    """May this user open the pages of places and peer groups linked to exploitation? Those who
    open children's records or see team work; each linked child shows only within reach."""
    return has_action(user, Action.VIEW_RECORD) or has_action(user, Action.VIEW_TEAM_WORK)
