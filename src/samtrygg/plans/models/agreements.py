"""Samverkansöverenskommelser: what the municipality and its partners (above all the police) agree to work on
together for a period, in which focus areas, and what each party commits to — each commitment linked to the
measures that carry it out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.decisions.models import period_in_order


class Agreement(models.Model):
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="agreements"
    )
    parties = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("parties"), related_name="agreements_party_to"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("purpose"), blank=True)
    focus_areas = models.JSONField(_("focus areas"), default=list, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "title"]
        verbose_name = _("collaboration agreement (samverkansöverenskommelse)")
        verbose_name_plural = _("collaboration agreements (samverkansöverenskommelser)")
        constraints = [
            period_in_order("agreement_period"),
        ]

    def __str__(self) -> str:
        return self.title


class Commitment(models.Model):
    """What one party commits to under an agreement, and the measures through which it does so."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey("accounts.Organisation", verbose_name=_("party"), on_delete=models.PROTECT,
                              related_name="+")
    focus_area = models.CharField(_("focus area"), max_length=200, blank=True)
    text = models.TextField(_("commitment"))
    measures = models.ManyToManyField("plans.Measure", verbose_name=_("measures"), blank=True,
                                      related_name="commitments")

    class Meta:
        ordering = ["agreement", "party__name", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.party}: {self.text[:60]}"
