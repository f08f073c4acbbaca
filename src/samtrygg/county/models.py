"""The county level: regional organisations (länsstyrelse, kommunalförbund, region), their member municipalities,
and what each member shares with its region — aggregates only, per kind, revocably."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.accounts.models import REGIONAL_TYPES  # noqa: F401 - re-exported for the county's services, selectors
from samtrygg.decisions.models import Adoptable

DEFAULT_MIN_COUNT = 5


class Region(models.Model):
    """A regional organisation's county settings: which län it belongs to (for "the county" beside the members)
    and the smallest count it may see (k): smaller shared counts are hidden."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="region",
    )
    county_code = models.CharField(_("county code"), max_length=2, blank=True,
                                   help_text=_("The two-digit länskod, e.g. 19 for Västmanland."))
    min_count = models.PositiveSmallIntegerField(
        _("smallest count shown"), default=DEFAULT_MIN_COUNT,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Shared counts below this are hidden, and so are the counts that would reveal them."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return str(self.organisation)


class RegionMember(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="region_memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")
        constraints = [models.UniqueConstraint(fields=["region", "municipality"], name="one_membership_per_region")]

    def __str__(self) -> str:
        return f"{self.municipality} ∈ {self.region}"


class ShareKind(models.TextChoices):
    AREA_COUNTS = "area_counts", _("Incident counts per area, category and year")
    CELL_COUNTS = "cell_counts", _("Incident counts per hexagon cell (for hot spots across borders)")
    COLLABORATION = "collaboration", _("Agreements and measures (the collaboration map)")


class AggregateShareQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class AggregateShare(models.Model):
    """A member municipality shares one kind of aggregate with its region, until it revokes. Never single
    incidents: the region sees counts, and only those of at least the region's `min_count`."""

    member = models.ForeignKey(RegionMember, verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="shares")
    kind = models.CharField(_("kind of data"), max_length=20, choices=ShareKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AggregateShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aggregate sharing")
        verbose_name_plural = _("aggregate sharings")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], condition=models.Q(revoked_at__isnull=True),
                                    name="one_active_share_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.member.municipality} → {self.member.region}: {self.get_kind_display()}"


class CountyPicture(Adoptable):
    """The county's lägesbild: a regional situation picture for one calendar year from what the members share
    (the safe counts, the cross-border hot spots) and one national statistics series, with the region's own summary
    and conclusions; drafted, sent for review and adopted like a municipality's (`decisions.workflow`), when its
    document is frozen."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="pictures")
    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                              related_name="+", editable=False)  # the region's organisation: whose decision it is
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    series = models.ForeignKey("indicators.IndicatorSeries", verbose_name=_("statistics"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField(_("summary"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("county situation picture")
        verbose_name_plural = _("county situation pictures")
