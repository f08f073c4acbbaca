"""Every installation starts with the national default categories (incidents/taxonomy.py)."""

from django.db import migrations

from samtrygg.incidents.taxonomy import national_rows


def create(apps, schema_editor):
    Category = apps.get_model("incidents", "Category")
    ids: dict[str, int] = dict(Category.objects.filter(owner__isnull=True).values_list("code", "id"))
    for code, name, parent_code, sort in national_rows():
        if code not in ids:
            ids[code] = Category.objects.create(
                code=code, name=name, sort=sort, parent_id=ids.get(parent_code) if parent_code else None
            ).pk


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
