"""Reads of indicators, always scoped by the permission resolver.

Who sees what: public national series (owner NULL: Kolada, Brå) every signed-in user; an organisation's own series
whoever may view that organisation's data (Access.orgs_for: its members, and those of the organisations above it,
whose roles reach down), and other organisations only the values for areas shared with them by a grant of kind
"lagesbilder" (and the series those values belong to).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from samtrygg.access import Access, Action
from samtrygg.reference import kommuner
from samtrygg.sharing.models import DataKind

from . import regions
from .models import Gender, IndicatorSeries, IndicatorValue


def _visible_values(access: Access) -> Q:
    """The values this user may read, as a filter on IndicatorValue."""
    if not access.signed_in:
        return Q(pk__in=[])
    return (Q(series__owner__isnull=True) | Q(series__owner__in=access.orgs_for(Action.VIEW))
            | Q(area__in=access.granted_area_ids(DataKind.LAGESBILDER)))


def series(access: Access) -> QuerySet[IndicatorSeries]:
    """The series this user may read: public ones, their organisations' own, and those with values shared."""
    if not access.signed_in:
        return IndicatorSeries.objects.none()
    shared = IndicatorValue.objects.filter(area__in=access.granted_area_ids(DataKind.LAGESBILDER)).values("series")
    return IndicatorSeries.objects.filter(
        Q(owner__isnull=True) | Q(owner__in=access.orgs_for(Action.VIEW)) | Q(pk__in=shared)
    ).select_related("owner")


def values(
    access: Access, series: IndicatorSeries, *, region_codes: list[str] | None = None, areas=None,
    gender: str | None = Gender.TOTAL, start: date | None = None, end: date | None = None,
) -> QuerySet[IndicatorValue]:
    """The values of one series this user may read, by period; optionally only some regions or areas, one gender
    (None: all), periods starting within [start, end]."""
    qs = IndicatorValue.objects.filter(_visible_values(access), series=series)
    if region_codes is not None:
        qs = qs.filter(region_code__in=region_codes)
    if areas is not None:
        qs = qs.filter(area__in=areas)
    if gender is not None:
        qs = qs.filter(gender=gender)
    if start is not None:
        qs = qs.filter(period_start__gte=start)
    if end is not None:
        qs = qs.filter(period_start__lte=end)
    return qs.select_related("area").order_by("period_start", "period", "region_code", "area__name")


@dataclass
class ComparisonRow:
    period: str
    start: date
    kommun: float | None = None
    lan: float | None = None
    riket: float | None = None
    kommun_count: int | None = None
    lan_count: int | None = None
    riket_count: int | None = None


@dataclass
class Comparison:
    series: IndicatorSeries
    kommunkod: str
    kommun_name: str
    county_code: str  # "L01"
    county_name: str
    rows: list[ComparisonRow] = field(default_factory=list)


def compare(access: Access, series: IndicatorSeries, kommunkod: str, start: date | None = None,
            end: date | None = None, gender: str = Gender.TOTAL) -> Comparison:
    """A kommun's values beside its län's and the country's, one row per period (oldest first) in which any of the
    three has a value in the data; a missing one is None. KeyError for an unknown kommunkod."""
    kommun = kommuner()[kommunkod]
    county = regions.county(kommun.county_code)
    found = Comparison(series, kommunkod, kommun.name, county, kommun.county_name)
    columns = {kommunkod: "kommun", county: "lan", regions.RIKET: "riket"}
    rows: dict[str, ComparisonRow] = {}
    for value in values(access, series, region_codes=list(columns), gender=gender, start=start, end=end):
        row = rows.setdefault(value.period, ComparisonRow(value.period, value.period_start))
        column = columns[value.region_code]
        setattr(row, column, value.value)
        setattr(row, f"{column}_count", value.count)
    found.rows = sorted(rows.values(), key=lambda r: (r.start, r.period))
    return found
