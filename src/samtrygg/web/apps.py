from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "samtrygg.web"
    verbose_name = _("User interface")
