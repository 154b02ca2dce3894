"""An open clock as the services would have opened it, for the generator's bulk writes."""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from haven.allocation.models import Allocation
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.rules import RULEBOOK


def open_clock_row(
    *,
    child_id: Any,
    allocations: Sequence[Allocation],
    rule_id: str,
    start: dt.date,
    subject: Any,
    calendar: WorkingDayCalendar,
    user_of: Callable[[Allocation | None], Any],
) -> Deadline | None:
    """The open ``rule_id`` clock started on ``start``, for the child's worker and team as the
    services' ``owner`` gives them (a waiting child's clock stays with the team that last held
    the case); None when no version of the rule is in force then or the calendar runs out."""
    try:
        rule = RULEBOOK.get(rule_id, start)
        due_on = rule.due(start, calendar)
    except (KeyError, ValueError):
        return None
    current = next((a for a in allocations if a.ended_on is None), None)
    last = current or (allocations[-1] if allocations else None)
    return Deadline(
        child_id=child_id,
        rule_id=rule.id,
        rule_version=rule.version,
        title=rule.title,
        due_on=due_on,
        status=DeadlineStatus.OPEN,
        assignee_id=user_of(current),
        team_id=last.team_id if last is not None else None,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.id),
    )
