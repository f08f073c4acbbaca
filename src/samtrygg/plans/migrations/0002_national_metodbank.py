"""The national method bank (plans/metodbank.json) as rows without owner."""

from django.db import migrations

from samtrygg.plans.metodbank import load_national


def load(apps, schema_editor):
    load_national(apps.get_model("plans", "MethodEntry"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
