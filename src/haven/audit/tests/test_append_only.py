import pytest
from django.db import DatabaseError, connection, transaction

from haven.audit.enums import AuditVerb
from haven.audit.models import AccessEvent, AppendOnlyError, AuditEvent
from haven.audit.services import access_record, audit_record


@pytest.fixture
def event(council):
    return audit_record(
        actor=council.users["social_worker"],
        verb=AuditVerb.PERSON_UPDATED,
        subject=council.children["allocated"],
        person_id=council.children["allocated"].pk,
        payload={"x": 1},
    )


def test_orm_refuses_to_change_or_remove_audit_events(event):
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


def test_orm_refuses_to_change_access_events(council):
    a = access_record(
        actor=council.users["social_worker"],
        person_id=council.children["allocated"].pk,
        view="record",
    )
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=a.pk).delete()


@pytest.mark.parametrize("table", ["audit_auditevent", "audit_accessevent"])
def test_database_trigger_refuses_raw_sql(council, event, table):
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
