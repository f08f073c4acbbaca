"""The tallies' PostgreSQL triggers count every tally in one statement, the smaller tallies summed from the larger
ones (incidents.tallies.sources): a write is read three times instead of nine. The tables and their counts stay as
they are; SQLite's row triggers are unchanged."""

from django.db import migrations

from . import _0016_tallies_sql as before
from . import _0017_tallies_sql as frozen


def _install(schema_editor, module) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in getattr(module, f"{schema_editor.connection.vendor.upper()}_INSTALL"):
            cursor.execute(statement)


def install(apps, schema_editor):
    _install(schema_editor, frozen)


def reinstall_before(apps, schema_editor):
    _install(schema_editor, before)


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0016_tallies_without_category"),
    ]

    operations = [
        migrations.RunPython(install, reinstall_before),
    ]
