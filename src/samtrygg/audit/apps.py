from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samtrygg.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import dbroles, receivers  # noqa: F401 - connects the login/logout/lockout receivers

        # After every migrate, the runtime database role gets its rights (dbroles.py; also registers its check).
        post_migrate.connect(dbroles.grant_after_migrate, sender=self, dispatch_uid="samtrygg.audit.dbroles")
