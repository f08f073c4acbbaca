from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountyConfig(AppConfig):
    name = "samtrygg.county"
    verbose_name = _("The county level")

    def ready(self):
        """The meeting module (below this app) shows the county's shared picture under a county council's
        standing item "Mellankommunala frågor"."""
        from samtrygg.meetings.document import register_part
        from samtrygg.meetings.models import ItemKind

        from .council import meeting_part

        register_part(ItemKind.INTERMUNICIPAL, meeting_part)
