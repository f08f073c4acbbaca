from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OgcConfig(AppConfig):
    name = "samtrygg.ogc"
    verbose_name = _("OGC API – Features")
