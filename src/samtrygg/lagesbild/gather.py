"""The numbers behind a lägesbild, read from the database as plain data (no analysis, no wording): what the
owning organisation sees of the incidents in the area (its sub-areas, and partners' areas inside it) and period,
with whose reports they are (the owner's own, and those partners share with it), the same for the period just
before, the police's events in the municipality, the partners' observations and the problems.

Counted from the owner's point of view (access.OrganisationAccess), so every reader of a lägesbild sees the
same numbers; the reader's own right to see the lägesbild is checked by the selectors."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import caches
from django.db.models import Count

from samtrygg.access import Access, OrganisationAccess
from samtrygg.analysis.hexgrid import resolution_for
from samtrygg.areas import selectors as area_selectors
from samtrygg.areas.models import Area, subtree_ids
from samtrygg.incidents import aggregates
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.incidents.query import IncidentQuery, Period
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.lib import geo

POINT_LIMIT = 3_000  # incidents drawn as dots on the map when there are no more than this


@dataclass
class Counts:
    total: int
    by_category: list[tuple[str, int]]  # main categories, largest first


@dataclass
class Gathered:
    area_name: str
    area_geometry: dict
    sub_areas: list[tuple[str, dict]]  # (name, GeoJSON geometry) of the areas just below
    population: int | None
    period: Period
    previous_period: Period
    resolution: int
    current: Counts
    previous: Counts
    cells: list[tuple[int, int]]  # (H3 cell at `resolution`, count), located incidents of the period
    cell_months: list[tuple[int, str, int]]  # (cell, first day of month, count)
    months: list[tuple[str, int]]  # (first day of month, count) over both periods
    hour_weekday: list[list[int]]
    points: list[tuple[float, float]]  # (lon, lat), only when few
    police_total: int
    police_by_category: list[tuple[str, int]]
    kommunkod: str
    statistics: list[dict] = field(default_factory=list)  # see _statistics
    area_rates: list[tuple[str, int, int]] = field(default_factory=list)  # (SCB area, incidents, residents)
    area_rates_kind: str = ""  # "deso" or "regso"
    surveys: list[dict] = field(default_factory=list)  # see _surveys
    # whose reports the period's incidents are: (organisation, count, shared by a partner), largest first
    sources: list[tuple[str, int, bool]] = field(default_factory=list)


@dataclass
class Scope:
    """What is counted: whose view (an Access: the lägesbild's organisation, or the user exploring), which area
    (with its sub-areas), period and categories (none: all), and the municipality for outside data."""

    access: Access
    area: Area
    period: Period
    category_ids: list[int]
    kommunkod: str

    @classmethod
    def of(cls, lagesbild) -> "Scope":
        """A lägesbild's (or a deepening's) scope: always the owning organisation's view, whoever opens it."""
        owner = lagesbild.lagesbild.owner if hasattr(lagesbild, "lagesbild") else lagesbild.owner
        return cls(OrganisationAccess(owner), lagesbild.area, Period(lagesbild.period_start, lagesbild.period_end),
                   [c.pk for c in lagesbild.categories.all()] if lagesbild.pk else [], owner.municipality_code())


def query_for(scope: Scope, period: Period) -> IncidentQuery:
    """The incidents counted for `period`: the scope's view, area with its sub-areas and categories (with their
    subcategories), through the one incident query."""
    return IncidentQuery(scope.access, period, (scope.area.pk,), tuple(scope.category_ids))


def incidents_for(scope: Scope, period: Period):
    return query_for(scope, period).queryset()


STATISTICS_YEARS = 5  # indicator periods starting this many years before the period's end, and later


def _statistics(access, kommunkod: str, period: Period) -> list[dict]:
    """Public indicator series (Kolada, Brå) with values for the municipality: its values beside its län's and
    the country's, one row per period. [{name, unit, source, kommun, county, rows: [[period, k, l, r]]}]"""
    if not kommunkod or indicator_selectors.municipality(kommunkod) is None:  # also a demo's fictional kommun
        return []
    start = date(period.end.year - STATISTICS_YEARS, 1, 1)
    found = []
    public = indicator_selectors.series(access).filter(owner__isnull=True).order_by("source", "name")
    for series in public.filter(values__region_code=kommunkod, values__period_start__gte=start).distinct():
        comparison = indicator_selectors.compare(access, series, kommunkod, start=start, end=period.end)
        rows = [[r.period, r.kommun, r.lan, r.riket] for r in comparison.rows if r.kommun is not None]
        if rows:
            found.append({"name": series.name, "unit": series.unit, "source": series.get_source_display(),
                          "kommun": comparison.kommun_name, "county": comparison.county_name, "rows": rows})
    return found


def _surveys(access, area_ids: set[int], period: Period) -> list[dict]:
    """The owner's own series (e.g. trygghetsmätningar) with values for the area or its sub-areas, latest
    periods first. [{name, unit, rows: [[area, period, value]]}]"""
    start = date(period.end.year - STATISTICS_YEARS, 1, 1)
    found = []
    own = indicator_selectors.series(access).filter(owner__isnull=False).order_by("name")
    for series in own.filter(values__area__in=area_ids).distinct():
        values = indicator_selectors.values(access, series, areas=area_ids, start=start, end=period.end)
        rows = [[v.area.name, v.period, v.value] for v in values.order_by("area__name", "-period_start")]
        if rows:
            found.append({"name": series.name, "unit": series.unit, "rows": rows})
    return found


def _area_rates(area: Area, incidents) -> tuple[list[tuple[str, int, int]], str]:
    """The period's located incidents per SCB small area (DeSO, else RegSO) with a population in the area:
    [(name, incidents, residents)] and the kind. Counted by where each incident lies, whatever area it is filed
    under: per H3 cell where one small area covers the whole cell (the database counts them: no point leaves it),
    point by point in the cells that a border crosses (geo.AreaLocator.locate_cells)."""
    small = area_selectors.statistical_areas_within(area)
    if not small:
        return [], ""
    locator = geo.AreaLocator([(a.pk, a.shape) for a in small])
    located = incidents.filter(lat__isnull=False)
    per_cell = dict(located.order_by().values_list("cell").annotate(n=Count("id")))
    found: Counter = Counter()
    crossed = []
    cells = [cell for cell in per_cell if cell is not None]
    for cell, area_id in zip(cells, _located_cells(small, locator, cells), strict=True):
        if area_id is None:
            crossed.append(cell)
        else:
            found[area_id] += per_cell[cell]
    loose = [located.filter(cell__in=crossed[k:k + CELLS_PER_QUERY]) for k in range(0, len(crossed), CELLS_PER_QUERY)]
    if None in per_cell:  # no cell (not expected: every located incident gets one when written)
        loose.append(located.filter(cell__isnull=True))
    for points in loose:
        rows = list(points.values_list("lon", "lat"))
        found.update(locator.locate_many([lon for lon, _lat in rows], [lat for _lon, lat in rows]))
    return [(a.name, found.get(a.pk, 0), a.population) for a in small], small[0].kind


def _located_cells(small: list[Area], locator: geo.AreaLocator, cells: list[int]) -> list[int | None]:
    """locator.locate_cells(cells), remembered in the shared document cache for these small areas as they are
    now (their ids and outlines make the key): which small area holds a cell whole is geometry, the same for every
    lägesbild and period, and locating twenty thousand cells took a third of a municipality's gathering."""
    outlines = hashlib.sha256("".join(f"{a.pk}:{a.geometry};" for a in small).encode()).hexdigest()
    key = f"small-area-cells:{outlines}"
    known = caches["documents"].get(key) or {}
    unknown = [cell for cell in cells if cell not in known]
    if unknown:
        known.update(zip(unknown, locator.locate_cells(unknown), strict=True))
        caches["documents"].set(key, known, LOCATED_CELLS_SECONDS)
    return [known[cell] for cell in cells]


LOCATED_CELLS_SECONDS = 30 * 24 * 3600  # outlines change rarely; a changed outline is another key anyway
CELLS_PER_QUERY = 20_000  # cells in one IN list (SQLite takes up to 32,766 parameters)


def _cells(cell_months: list[tuple[int, str, int]]) -> list[tuple[int, int]]:
    """(cell, count) over the whole period, from the per-month counts (one scan of the incidents less)."""
    totals: dict[int, int] = {}
    for cell, _month, n in cell_months:
        totals[cell] = totals.get(cell, 0) + n
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def gather(scope: Scope, *, outside_data: bool = True) -> Gathered:
    """Everything a lägesbild's sections need for `scope`; `outside_data` adds the police's events, indicators
    and surveys (a deepening of a lägesbild only needs the incidents)."""
    area, period = scope.area, scope.period
    geometry = json.loads(area.geometry)
    previous = period.before()
    resolution = resolution_for(geometry)
    now, before = query_for(scope, period), query_for(scope, previous)
    now_qs = now.queryset()

    def counts(query: IncidentQuery) -> Counts:
        rows = aggregates.by_category(query.counted(by=("category",)), main=True)
        return Counts(sum(n for _i, _name, n in rows), [(name, n) for _i, name, n in rows])

    current = counts(now)
    cell_months = aggregates.by_cell_and_period(now.counted(resolution=resolution, by=("month",)), resolution,
                                                  "month")
    points = []
    if current.total <= POINT_LIMIT:
        points = [(lon, lat) for lon, lat in now_qs.filter(lat__isnull=False).values_list("lon", "lat")]
    kommunkod = scope.kommunkod if outside_data else ""
    start, end = period.bounds()
    police = incident_selectors.police_events_in(kommunkod=kommunkod, start=start, end=end) if kommunkod else None
    police_counts = aggregates.police_counts(police) if police is not None else {"total": 0, "by_category": []}
    area_rates, area_rates_kind = _area_rates(area, now_qs)
    own = set(scope.access.roles)
    sources = [(name, n, owner not in own) for owner, name, n in aggregates.by_owner(now.counted(by=()))]
    # the two periods never overlap
    months = Counter(dict(aggregates.by_period(before.counted(by=("month",)), "month")))
    months.update(dict(aggregates.by_period(now.counted(by=("month",)), "month")))
    return Gathered(
        area_name=area.name,
        area_geometry=geometry,
        sub_areas=[(a.name, json.loads(a.geometry)) for a in area.children.order_by("name")],
        population=area_selectors.population_of(area),
        period=period,
        previous_period=previous,
        resolution=resolution,
        current=current,
        previous=counts(before),
        cells=_cells(cell_months),
        cell_months=cell_months,
        months=sorted(months.items()),
        hour_weekday=aggregates.by_hour_and_weekday(now.counted(hours=True, by=())),
        points=points,
        police_total=police_counts["total"],
        police_by_category=[(name or "Övrigt", n) for _i, name, n in police_counts["by_category"]],
        kommunkod=kommunkod,
        statistics=_statistics(scope.access, kommunkod, period),
        surveys=_surveys(scope.access, subtree_ids({area.pk}), period) if outside_data else [],
        area_rates=area_rates,
        area_rates_kind=area_rates_kind,
        sources=sources,
    )
