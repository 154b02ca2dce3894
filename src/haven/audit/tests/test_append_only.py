from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from haven.audit.enums import AuditVerb
from haven.audit.models import AccessEvent, AppendOnlyError, AuditEvent
from haven.audit.services import access_record, audit_record


@pytest.fixture
def event(council: Any) -> AuditEvent:
    return audit_record(
        actor=council.users["social_worker"],
        verb=AuditVerb.PERSON_UPDATED,
        subject=council.children["allocated"],
        person_id=council.children["allocated"].pk,
        payload={"x": 1},
    )


def test_orm_refuses_to_change_or_remove_audit_events(event: AuditEvent) -> None:
    event.payload = {"x": 2}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(payload={})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).payload == {"x": 1}


def test_orm_refuses_to_change_access_events(council: Any) -> None:
    a = access_record(
        actor=council.users["social_worker"],
        person_id=council.children["allocated"].pk,
        view="record",
    )
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=a.pk).delete()
    a.view = "something_else"
    with pytest.raises(AppendOnlyError):
        a.save()
    with pytest.raises(AppendOnlyError):
        a.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=a.pk).update(break_glass=True)
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.bulk_update([a], ["view"])
    assert AccessEvent.objects.get(pk=a.pk).view == "record"


@pytest.mark.parametrize("table", ["audit_auditevent", "audit_accessevent"])
def test_database_trigger_refuses_raw_sql(council: Any, event: AuditEvent, table: str) -> None:
    access_record(
        actor=council.users["social_worker"],
        person_id=council.children["allocated"].pk,
        view="record",
    )
    statements = [f"UPDATE {table} SET occurred_at = occurred_at"]
    if connection.vendor == "postgresql":
        statements.append(f"DELETE FROM {table}")
    for sql in statements:
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql)


#: What the database itself refuses, by vendor (see migration 0002): PostgreSQL refuses
#: UPDATE and DELETE; SQLite refuses UPDATE (a DELETE trigger would block the test flush).
REFUSED_BY_DATABASE = {"postgresql": {"UPDATE", "DELETE"}, "sqlite": {"UPDATE"}}


def _trigger_names(table: str) -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
        else:
            cur.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        return {row[0] for row in cur.fetchall()}


@pytest.mark.parametrize("table", ["audit_auditevent", "audit_accessevent"])
def test_the_append_only_trigger_is_installed(db: Any, table: str) -> None:
    assert connection.vendor in REFUSED_BY_DATABASE
    assert f"{table}_append_only" in _trigger_names(table)


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_a_refused_raw_statement_leaves_every_row_as_it_was(
    council: Any, event: AuditEvent, model: type[AuditEvent] | type[AccessEvent]
) -> None:
    access_record(
        actor=council.users["social_worker"],
        person_id=council.children["allocated"].pk,
        view="record",
    )
    table = model._meta.db_table
    before = sorted((str(r.pk), r.occurred_at) for r in model.objects.all())
    assert before
    statements = {
        "UPDATE": f"UPDATE {table} SET occurred_at = %s",
        "DELETE": f"DELETE FROM {table}",
    }
    for verb in sorted(REFUSED_BY_DATABASE[connection.vendor]):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(statements[verb], *([["2000-01-01 00:00:00"]] if verb == "UPDATE" else []))
    assert sorted((str(r.pk), r.occurred_at) for r in model.objects.all()) == before
