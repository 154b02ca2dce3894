"""What ``haven generate --status`` and ``--logins`` read."""

from typing import Any

from haven.accounts.models import User
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.synthetic.personas import DEMO_PASSWORD, PERSONAS


def council_summary() -> dict[str, Any] | None:
    """The payload of the generation event, or None if no council was generated here."""
    event = (
        AuditEvent.objects.filter(verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED)
        .order_by("-occurred_at")
        .first()
    )
    return None if event is None else dict(event.payload)


def summary_line(summary: dict[str, Any]) -> str:
    return (
        f"Synthetic council ({summary.get('scale')}, seed {summary.get('seed')}, "
        f"as of {summary.get('as_of')}): {summary.get('children', 0):,} children, "
        f"{summary.get('adults', 0):,} adults, {summary.get('staff', 0):,} staff in "
        f"{summary.get('teams', 0):,} teams, {summary.get('open_allocations', 0):,} open "
        f"allocations, {summary.get('unallocated_children', 0):,} children awaiting allocation"
    )


def persona_logins() -> list[tuple[str, str, str]]:
    """(username, role, password) for each persona that exists in this database."""
    present = set(
        User.objects.filter(username__in=[p.username for p in PERSONAS]).values_list(
            "username", flat=True
        )
    )
    return [(p.username, p.role.label, DEMO_PASSWORD) for p in PERSONAS if p.username in present]
