"""Geographic areas: the municipality, its districts, neighbourhoods and places."""

import json
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.lib import geo, trees


class AreaKind(models.TextChoices):
    KOMMUN = "kommun", _("Municipality")
    KOMMUNDEL = "kommundel", _("District (kommundel/stadsdel)")
    OMRADE = "omrade", _("Neighbourhood (område)")
    PLATS = "plats", _("Place")
    DESO = "deso", _("DeSO (SCB demographic statistical area)")
    REGSO = "regso", _("RegSO (SCB regional statistical area)")


# SCB's statistical areas: imported with their code (areas/scb.py) and counted by where incidents lie, not by the
# area an incident is filed under (incidents are located among the organisation's own areas only).
STATISTICAL_KINDS = (AreaKind.DESO, AreaKind.REGSO)


class PoliceClassification(models.TextChoices):
    """The police's classification of vulnerable areas (Polisen: utsatta områden)."""

    UTSATT = "utsatt", _("Vulnerable area (utsatt område)")
    RISK = "risk", _("Risk area (riskområde)")
    SARSKILT_UTSATT = "sarskilt_utsatt", _("Particularly vulnerable area (särskilt utsatt område)")


class Area(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="areas"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    police_classification = models.CharField(
        _("police classification"), max_length=20, choices=PoliceClassification.choices, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year"), null=True, blank=True, help_text=_("The year of SCB's population figure."),
    )
    code = models.CharField(
        _("SCB code"), max_length=20, blank=True,
        help_text=_("SCB's code of a DeSO or RegSO area (e.g. 0180C1010); the kind says which system."),
    )
    geometry = models.TextField(_("geometry (GeoJSON, WGS 84)"))
    min_lon = models.FloatField(editable=False)
    min_lat = models.FloatField(editable=False)
    max_lon = models.FloatField(editable=False)
    max_lat = models.FloatField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["min_lon", "max_lon", "min_lat", "max_lat"], name="area_bbox")]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "name"], name="unique_area_name"),
            models.UniqueConstraint(fields=["owner", "kind", "code"], condition=~models.Q(code=""),
                                    name="unique_area_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def shape(self):
        return geo.parse_polygon(json.loads(self.geometry))

    def set_geometry(self, geometry: dict) -> None:
        """Validate and store a GeoJSON (Multi)Polygon; raises geo.GeometryError."""
        shape = geo.parse_polygon(geometry)
        self.geometry = json.dumps(geo.to_geojson(shape), separators=(",", ":"))
        box = geo.bbox(shape)
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = box.min_lon, box.min_lat, box.max_lon, box.max_lat
        self.__dict__.pop("shape", None)


def subtree_ids(roots) -> set[int]:
    """Ids of the areas `roots` (ids) and of every area below them."""
    roots = set(roots)
    if not roots:
        return roots  # no query
    return trees.descendants(roots, Area.objects.filter(parent__isnull=False).values_list("id", "parent_id"))


def areas_within(roots) -> set[int]:
    """What "in these areas" covers for counting incidents: the areas `roots` (ids), every area below them, and
    the areas of *other* organisations (with theirs below) whose centre lies inside one of them — a housing
    company's estates in a district, filed under the company's own areas. SCB's statistical areas are left out
    (no incident is filed under one). Only ids: whose incidents may be read is decided elsewhere (access.scope),
    so counting a partner's estate adds only what the reader may see anyway."""
    ids = subtree_ids(roots)
    if not ids:
        return ids
    tops = list(Area.objects.filter(pk__in=set(roots)).only("id", "owner_id", "min_lon", "min_lat", "max_lon",
                                                             "max_lat", "geometry"))
    if not tops:
        return ids
    candidates = Area.objects.exclude(kind__in=STATISTICAL_KINDS).filter(
        min_lon__gte=min(a.min_lon for a in tops), min_lat__gte=min(a.min_lat for a in tops),
        max_lon__lte=max(a.max_lon for a in tops), max_lat__lte=max(a.max_lat for a in tops),
    )
    owners = {a.owner_id for a in tops}
    if len(owners) == 1:
        candidates = candidates.exclude(owner_id__in=owners)
    found = set()
    for other in candidates.only("id", "owner_id", "geometry"):
        if other.pk in ids:
            continue
        centre = other.shape.centroid
        if any(top.owner_id != other.owner_id and top.shape.contains(centre) for top in tops):
            found.add(other.pk)
    return ids | subtree_ids(found)
