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
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.audit.models import AuditEntry
from samtrygg.reference import Kommun, kommuner
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
    kommun = municipality(kommunkod)
    if kommun is None:
        raise KeyError(kommunkod)
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


DEMO_COUNTY_CODE = "19"  # Västmanlands län: where the demo places its fictional municipalities (9901–9999)
KOLADA_FETCH = "indicators.koladafetch"  # the audit log's object type of a scheduled Kolada fetch that succeeded
KOLADA_FETCH_FAILED = "indicators.koladafetch.failed"  # ... in which some KPI failed


def municipality(kommunkod: str) -> Kommun | None:
    """One of Sweden's 290 municipalities by kommunkod; or a demo organisation's fictional one (9901–9999, see
    accounts.services), placed in DEMO_COUNTY_CODE's county so that the demo's statistics have a county and Sweden
    beside them; None for anything else."""
    if kommunkod in kommuner():
        return kommuner()[kommunkod]
    demo = Organisation.objects.filter(is_demo=True, type=OrgType.KOMMUN, kommunkod=kommunkod).first()
    if not kommunkod or demo is None:
        return None
    return Kommun(kommunkod, demo.name.removesuffix(" kommun"), DEMO_COUNTY_CODE,
                  regions.counties()[regions.county(DEMO_COUNTY_CODE)])


def national_places(access: Access) -> dict[str, set[str]]:
    """{kommunkod: region codes} for the municipalities of the organisations where the user may change data (an
    admin or samordnare there): national statistics they add are stored for that municipality, its county and
    Sweden only (the installation's administrators import them for every place). Real municipalities, and a demo
    organisation's fictional one (municipality())."""
    found: dict[str, set[str]] = {}
    for organisation in Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).select_related("parent"):
        code = organisation.municipality_code()
        if code and code not in found and (kommun := municipality(code)) is not None:
            found[code] = {code, regions.county(kommun.county_code), regions.RIKET}
    return dict(sorted(found.items()))


def last_kolada_fetch(*, succeeded: bool | None = None) -> AuditEntry | None:
    """The audit entry of the latest scheduled Kolada fetch (services.kolada_fetch_record); only those in which
    every KPI was fetched (succeeded=True) or some failed (False)."""
    kinds = {True: [KOLADA_FETCH], False: [KOLADA_FETCH_FAILED], None: [KOLADA_FETCH, KOLADA_FETCH_FAILED]}
    entries = AuditEntry.objects.filter(object_type__in=kinds[succeeded])
    return entries.order_by("-at", "-id").first()
