"""No two periods of care, and no two 903 episodes, of one child overlap.

PostgreSQL keeps this with exclusion constraints over date ranges (btree_gist gives the equality
on the child); SQLite, which has none, with triggers that refuse the write. An open period or
episode runs to the end of time. Episodes are half-open, so one may end the day the next starts
(903 ``X1``); periods are closed, so a new period cannot start the day the last one ended.
"""

from django.db import migrations

TABLES = (
    # table, start, end, range bounds
    ("care_careperiod", "started_on", "ended_on", "[]"),
    ("care_careepisode", "started_on", "ended_on", "[)"),
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, start, end, bounds in TABLES:
        if vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            schema_editor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {table}_no_overlap EXCLUDE USING gist "
                f"(child_id WITH =, daterange({start}, {end}, '{bounds}') WITH &&)"
            )
        elif vendor == "sqlite":
            # Two stretches overlap when each starts before the other ends (an open end is
            # the end of time; a half-open stretch may end the day the next starts).
            before = "<=" if bounds == "[]" else "<"
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(
                    f"""
                    CREATE TRIGGER {table}_no_overlap_{event.lower()}
                    BEFORE {event} ON {table}
                    FOR EACH ROW WHEN EXISTS (
                        SELECT 1 FROM {table} o
                        WHERE o.child_id = NEW.child_id AND o.id != NEW.id
                          AND o.{start} {before} COALESCE(NEW.{end}, '9999-12-31')
                          AND NEW.{start} {before} COALESCE(o.{end}, '9999-12-31')
                          AND (o.{end} IS NULL OR o.{start} != o.{end} OR '{bounds}' = '[]')
                          AND (NEW.{end} IS NULL OR NEW.{start} != NEW.{end}
                               OR '{bounds}' = '[]')
                    )
                    BEGIN
                        SELECT RAISE(ABORT, 'CHECK constraint failed: {table}_no_overlap');
                    END
                    """
                )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, *_ in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {table}_no_overlap")
        elif vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_overlap_{event}")


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
