"""The fields every decided document shares (abstract: each document has its own table), and the rule every
period with a start and an end keeps (plans, agreements, promises, lägesbilder, measures)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def period_in_order(name: str, start: str = "period_start", end: str = "period_end", *, open_end: bool = False):
    """The check that a period ends on or after its start (an open end, NULL, allowed if `open_end`), with the
    message the forms and the API show when it does not."""
    in_order = Q(**{f"{end}__gte": models.F(start)})
    return models.CheckConstraint(condition=Q(**{f"{end}__isnull": True}) | in_order if open_end else in_order,
                                  name=name, violation_error_message=_("The period ends before it starts."))


class Status(models.TextChoices):
    DRAFT = "utkast", _("Draft")
    REVIEW = "granskning", _("In review")
    ADOPTED = "faststalld", _("Adopted")


class Adoptable(models.Model):
    """A document decided by a political body, in versions: utkast → granskning → fastställd (workflow.py). On
    adoption the decision (date, body) is recorded and the whole document frozen as JSON in `document`."""

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.CharField(_("decided by (body)"), max_length=200, blank=True)
    document = models.JSONField(_("adopted document"), null=True, blank=True, editable=False)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    previous = models.ForeignKey(
        "self", verbose_name=_("previous version"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})" if self.version > 1 else self.title

    @property
    def is_adopted(self) -> bool:
        return self.status == Status.ADOPTED
