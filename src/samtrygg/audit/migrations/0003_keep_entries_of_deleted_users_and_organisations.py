"""Users and organisations that appear in the audit log can be deleted, and their entries stay as they were.

The actor and organisation references lose their database constraint and their ON DELETE SET NULL (which
was an UPDATE of audit rows, refused by the append-only triggers of 0002): the entry keeps the id and the
names stored with it. The new column organisation_name is filled for new entries only; existing rows cannot
be updated (that is the point of the triggers) and keep "" there.

On SQLite these changes rebuild audit_auditentry (new table, copy, drop the old one), and dropping the old
table drops its triggers. The last operation creates them again with the SQL of 0002; on PostgreSQL ALTER
TABLE keeps triggers and nothing needs doing. Backwards, the first operation does the same after the rebuilds
of the reversed field changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# As in 0002_append_only (a migration keeps its own copy of the SQL it runs).
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permit)
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("audit", "0002_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.AddField(
            model_name="auditentry",
            name="organisation_name",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="organisation name"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="organisation",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="accounts.organisation",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
