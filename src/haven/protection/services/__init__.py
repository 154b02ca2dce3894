"""Writes for the protection pathway. Each service is one transaction and writes its audit."""

from haven.protection.services.conference import conference_record, is_quorate
from haven.protection.services.enquiry import (
    section47_complete,
    section47_update,
    strategy_discussion_record,
)
from haven.protection.services.orders import (
    pre_proceedings_decide,
    pre_proceedings_meeting_record,
    pre_proceedings_start,
    pre_proceedings_update,
    protective_order_end,
    protective_order_record,
)
from haven.protection.services.plan import (
    action_add,
    action_update,
    cin_plan_start,
    core_group_record,
    outcome_achieve,
    outcome_add,
    plan_end,
    plan_finalise,
    plan_review_record,
    visit_record,
)

__all__ = [
    "action_add",
    "action_update",
    "cin_plan_start",
    "conference_record",
    "core_group_record",
    "is_quorate",
    "outcome_achieve",
    "outcome_add",
    "plan_end",
    "plan_finalise",
    "plan_review_record",
    "pre_proceedings_decide",
    "pre_proceedings_meeting_record",
    "pre_proceedings_start",
    "pre_proceedings_update",
    "protective_order_end",
    "protective_order_record",
    "section47_complete",
    "section47_update",
    "strategy_discussion_record",
    "visit_record",
]
