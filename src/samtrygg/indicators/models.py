"""Indicator series and their values.

A series is public national data (Kolada, Brå: owner NULL, readable by every signed-in user) or an organisation's
own (source "egen", e.g. its trygghetsmätning: readable by that organisation's members and by those of the
organisations above it, whose roles reach down; by others only through grants of kind "lagesbilder", for the areas
shared). A value belongs to a region (regions.py: kommun "0180", län
"L01", riket "R00") or to an area; one value per series, place, period and gender, so importing a file again
updates instead of duplicating.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    KOLADA = "kolada", "Kolada"
    BRA = "bra", "Brå"
    OWN = "egen", _("Own data")


class Gender(models.TextChoices):
    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class IndicatorSeries(models.Model):
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    external_id = models.CharField(_("id at the source"), max_length=100)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="indicator_series",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "name"]
        verbose_name = _("indicator series")
        verbose_name_plural = _("indicator series")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], condition=Q(owner__isnull=True),
                                    name="one_public_series_per_id"),
            models.UniqueConstraint(fields=["source", "external_id", "owner"], condition=Q(owner__isnull=False),
                                    name="one_own_series_per_id"),
            models.CheckConstraint(condition=Q(source="egen", owner__isnull=False) | ~Q(source="egen"),
                                   name="own_series_has_owner"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    series = models.ForeignKey(IndicatorSeries, on_delete=models.CASCADE, related_name="values")
    region_code = models.CharField(_("region"), max_length=4, blank=True)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="indicator_values")
    period = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period start"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("value"), null=True, blank=True)
    count = models.BigIntegerField(_("count"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        ordering = ["series", "period_start", "region_code", "gender"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["series", "region_code", "period", "gender"],
                                    condition=Q(area__isnull=True), name="one_value_per_region"),
            models.UniqueConstraint(fields=["series", "area", "period", "gender"],
                                    condition=Q(area__isnull=False), name="one_value_per_area"),
            models.CheckConstraint(condition=(Q(area__isnull=True) & ~Q(region_code=""))
                                   | (Q(area__isnull=False) & Q(region_code="")), name="region_or_area"),
        ]
        indexes = [models.Index(fields=["series", "region_code", "period_start"], name="indicator_value_lookup")]

    def __str__(self) -> str:
        return f"{self.series} {self.region_code or self.area_id} {self.period} {self.gender}: {self.value}"
