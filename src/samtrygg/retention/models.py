"""Retention (gallring) of incident descriptions and photos: each organisation's rule, and the record of each run
of the job that applies it. The incidents themselves stay (category, times, place, status), so counts, the
lägesbild and trends do not change; only the free text and the photo go."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_MONTHS = 600  # 50 years: anything longer is "keep"


def _months_field(verbose_name, help_text):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, help_text=help_text,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
    )


class RetentionRule(models.Model):
    """An organisation's rule. Empty months mean "keep". An organisation without a rule of its own follows the
    nearest organisation above it that has one (selectors.effective_rule); one with a rule follows only its own."""

    owner = models.OneToOneField("accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                 related_name="retention_rule")
    description_months = _months_field(
        _("remove descriptions after (months)"),
        _("Months after the incident occurred. Leave empty to keep descriptions."))
    photo_months = _months_field(
        _("remove photos after (months)"),
        _("Months after the incident occurred. Leave empty to keep photos."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(description_months__isnull=True)
                | Q(description_months__gte=1, description_months__lte=MAX_MONTHS),
                name="retention_description_months_range",
            ),
            models.CheckConstraint(
                condition=Q(photo_months__isnull=True) | Q(photo_months__gte=1, photo_months__lte=MAX_MONTHS),
                name="retention_photo_months_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner}: {self.description_months or '–'} / {self.photo_months or '–'}"


class RetentionRun(models.Model):
    """What one run of the job removed from one organisation's incidents: written (with its audit entry) only when
    it removed something, so a second run leaves no trace. Counts and cut-offs only, never any text."""

    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="+")
    rule_owner = models.ForeignKey("accounts.Organisation", verbose_name=_("rule of"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("time"))
    description_months = models.PositiveSmallIntegerField(null=True)
    photo_months = models.PositiveSmallIntegerField(null=True)
    description_cutoff = models.DateTimeField(_("descriptions of incidents before"), null=True)
    photo_cutoff = models.DateTimeField(_("photos of incidents before"), null=True)
    descriptions = models.PositiveIntegerField(_("descriptions removed"), default=0)
    photos = models.PositiveIntegerField(_("photos removed"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        indexes = [models.Index(fields=["organisation", "-at"], name="retention_run_org_time")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}: {self.descriptions} / {self.photos}"
