from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RhythmConfig(AppConfig):
    name = "samtrygg.rhythm"
    verbose_name = _("The year's work")
