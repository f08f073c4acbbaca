"""API tokens get an expiry and a scope. Tokens made before this had neither: they keep full access and expire
90 days after the migration (their owners see the date on the API tokens page and make new ones)."""

import datetime

from django.db import migrations, models
from django.utils import timezone


def expire_later(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + datetime.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_apitoken")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken", name="scope",
            field=models.CharField(choices=[("read", "Read only"), ("write", "Read and write")], default="write",
                                   max_length=10, verbose_name="access"),
        ),
        migrations.RunPython(expire_later, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.AlterField(
            model_name="apitoken", name="scope",
            field=models.CharField(choices=[("read", "Read only"), ("write", "Read and write")], default="read",
                                   max_length=10, verbose_name="access"),
        ),
    ]
