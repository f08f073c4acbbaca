from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


def _guard(sender, instance, raw=False, **kwargs):
    from . import screen_instance
    from .dates import check_dates

    check_dates(instance)
    screen_instance(instance, raw=raw)


class GuardsConfig(AppConfig):
    name = "samtrygg.guards"
    verbose_name = _("Privacy guard")

    def ready(self):
        pre_save.connect(_guard, dispatch_uid="samtrygg.guards.privacy")
