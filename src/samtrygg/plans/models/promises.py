"""Medborgarlöften: the police's and the municipality's joint promises to residents, with their activities,
published on a public page per municipality when marked public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.decisions.models import period_in_order


class PromiseStatus(models.TextChoices):
    PLANNED = "planerat", _("Planned")
    ONGOING = "pagaende", _("Ongoing")
    DONE = "genomfort", _("Done")
    STOPPED = "avbrutet", _("Stopped")


class CitizenPromise(models.Model):
    """A medborgarlöfte: what the police and the municipality promise the residents of an area for a period.
    Only promises marked public (and their activities) appear on the municipality's public page."""

    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="promises"
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("given together with"), blank=True, related_name="+"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreement = models.ForeignKey(
        "plans.Agreement", verbose_name=_("collaboration agreement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="promises",
    )
    title = models.CharField(_("promise"), max_length=300)
    description = models.TextField(_("background"), blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=20, choices=PromiseStatus.choices,
                              default=PromiseStatus.PLANNED)
    public = models.BooleanField(_("public"), default=False,
                                 help_text=_("Shown to residents on the municipality's public page."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "title"]
        verbose_name = _("citizen promise (medborgarlöfte)")
        verbose_name_plural = _("citizen promises (medborgarlöften)")
        constraints = [
            period_in_order("promise_period"),
        ]

    def __str__(self) -> str:
        return self.title


class PromiseActivity(models.Model):
    promise = models.ForeignKey(CitizenPromise, on_delete=models.CASCADE, related_name="activities")
    description = models.CharField(_("activity"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=PromiseStatus.choices,
                              default=PromiseStatus.PLANNED)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.description
