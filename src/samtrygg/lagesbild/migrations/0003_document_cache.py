"""The table of the "documents" cache (settings.CACHES: a DatabaseCache), made as `createcachetable` makes it, so
that `samtrygg migrate` is the one step that makes every table (and grants the runtime role its rights on it)."""

from django.core.management import call_command
from django.db import migrations

TABLE = "samtrygg_document_cache"


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("lagesbild", "0002_observation_carried_from")]
    operations = [migrations.RunPython(create, drop)]
