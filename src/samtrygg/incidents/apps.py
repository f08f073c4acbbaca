from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "samtrygg.incidents"
    verbose_name = _("Incidents")

    def ready(self):
        from . import changes, export_job, import_job  # noqa: F401 - register their background runners and the
        # receivers that move changes.names_version
