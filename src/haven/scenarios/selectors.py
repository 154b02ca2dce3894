from typing import Any
from uuid import UUID

from haven.deadlines.selectors import deadlines_for_child


def deadlines_as_json(*, child_id: UUID) -> list[dict[str, Any]]:
    return [
        {
            "rule_id": d.rule_id,
            "rule_version": d.rule_version,
            "due_date": d.due_on.isoformat(),
            "met_date": d.met_on.isoformat() if d.met_on else None,
            "status": d.status,
        }
        for d in deadlines_for_child(child_id=child_id)
    ]
