from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalksConfig(AppConfig):
    name = "samtrygg.walks"
    verbose_name = _("Safety walks")
