"""Reads for the protection pathway: a child's protection record, a plan with the trajectory of
each outcome, the indicators leaders watch (plans over two years, repeat plans within two years,
long-term neglect without improvement) and the neglect chronology.

Due dates are read from stored deadlines; the only date arithmetic here is the two-year and
long-term-neglect look-backs, counted with ``timescales.calendar.add_months``.
"""

from haven.protection.selectors.neglect import (
    NeglectEvent,
    long_term_neglect,
    neglect_chronology,
    neglect_months,
)
from haven.protection.selectors.records import (
    ChildProtection,
    OutcomeTrajectory,
    PlanDetail,
    child_protection,
    enquiry_get,
    finalise_problems,
    not_improving,
    open_plan_for,
    open_work_on_episode,
    plan_detail,
    plan_flags,
    plan_get,
    pre_proceedings_get,
)

__all__ = [
    "ChildProtection",
    "NeglectEvent",
    "OutcomeTrajectory",
    "PlanDetail",
    "child_protection",
    "enquiry_get",
    "finalise_problems",
    "long_term_neglect",
    "neglect_chronology",
    "neglect_months",
    "not_improving",
    "open_plan_for",
    "open_work_on_episode",
    "plan_detail",
    "plan_flags",
    "plan_get",
    "pre_proceedings_get",
]
