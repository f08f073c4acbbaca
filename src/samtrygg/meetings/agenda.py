"""The generated part of an EST meeting's agenda: what happened in the group's area since the previous meeting,
read as the group reads (only what every one of its organisations may read):

- the incidents since the previous meeting (occurred in [previous meeting's start, this meeting's start)), counted
  by main category against the usual level (the mean of the same-length windows just before) and listed;
- hot spots: cells graded hot at 95 % or more (Gi* with FDR, the lägesbild's analysis) over the last four weeks,
  each marked new when it was not hot in the twelve weeks before;
- the action plans' measures in the group's area whose follow-up is due or overdue by the meeting;
- the tasks handed out at earlier meetings, still open or closed since the previous one.

Plain data for the meeting page and the protocol; `situation()` reads, nothing is written."""

import json
import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import shapely
import shapely.geometry
from django.utils import timezone

from samtrygg.analysis import hexgrid, hotspots
from samtrygg.analysis.hexgrid import resolution_for
from samtrygg.areas.models import subtree_ids
from samtrygg.incidents import aggregates
from samtrygg.incidents.query import IncidentQuery
from samtrygg.lib import cells as cell_index
from samtrygg.plans import selectors as plan_selectors

from . import selectors
from .models import Meeting

USUAL_WINDOWS = 8  # windows of the same length before the period that make "the usual level"
LISTED = 200  # incidents listed at most (all are counted)
HOT_WINDOW = timedelta(weeks=4)
HOT_BEFORE = timedelta(weeks=12)
HOT_GRADE = 2  # 95 %
DEFAULT_SPAN = timedelta(days=7)  # the first meeting of a group looks back a week


@dataclass
class CategoryCount:
    name: str
    count: int
    usual: float  # mean per window before

    @property
    def above_usual(self) -> bool:
        """Clearly above the usual level: beyond the usual count plus two Poisson standard deviations."""
        return self.count > self.usual + 2 * math.sqrt(max(self.usual, 1.0))


@dataclass
class Hotspot:
    cell: int
    place: str
    count: int  # incidents in the cell over the last four weeks
    new: bool
    grade: int  # 2: 95 %, 3: 99 %


@dataclass
class Situation:
    since: datetime
    until: datetime
    total: int
    usual: float
    by_category: list[CategoryCount] = field(default_factory=list)
    incidents: list = field(default_factory=list)  # the latest LISTED, newest first
    points: list[tuple[float, float]] = field(default_factory=list)  # (lon, lat)
    outlines: list[dict] = field(default_factory=list)  # GeoJSON: the group's area, then the areas just below
    hotspots: list[Hotspot] = field(default_factory=list)
    measures_due: list = field(default_factory=list)  # plans.Measure with .next_due, .is_overdue
    tasks: list = field(default_factory=list)


def window(meeting: Meeting) -> tuple[datetime, datetime]:
    """[since, until): from the previous meeting's start (else a week back) to this meeting's start."""
    previous = selectors.previous_meeting(meeting)
    since = previous.starts_at if previous else meeting.starts_at - DEFAULT_SPAN
    return since, meeting.starts_at


def query(meeting: Meeting) -> IncidentQuery:
    """The group's incidents: as the group reads, in its area (see selectors.group_area_ids), any time."""
    group = meeting.group
    access = selectors.group_access(group)
    return IncidentQuery(access, areas=selectors.group_area_ids(group, access))


def _between(query: IncidentQuery, since: datetime, until: datetime):
    return replace(query, since=since, until=until).queryset()


def situation(meeting: Meeting) -> Situation:
    since, until = window(meeting)
    span = until - since
    group_query = query(meeting)
    now_qs = _between(group_query, since, until)
    before_qs = _between(group_query, since - USUAL_WINDOWS * span, since)
    before = {name: n / USUAL_WINDOWS for _i, name, n in aggregates.by_category(before_qs, main=True)}
    current = aggregates.by_category(now_qs, main=True)
    by_category = [CategoryCount(name, n, before.get(name, 0.0)) for _i, name, n in current]
    by_category += [CategoryCount(name, 0, usual) for name, usual in before.items()
                    if usual and name not in {c.name for c in by_category}]
    listed = list(now_qs.select_related("category", "area", "owner").order_by("-occurred_from", "-pk")[:LISTED])
    return Situation(
        since=since, until=until, total=sum(c.count for c in by_category),
        usual=sum(before.values()), by_category=by_category, incidents=listed,
        points=[(i.lon, i.lat) for i in listed if i.lat is not None],
        outlines=_outlines(meeting.group.area),
        hotspots=_hotspots(meeting, group_query, until), measures_due=_measures_due(meeting, group_query),
        tasks=list(selectors.tasks_to_follow_up(meeting)),
    )


def _graded(geometry: dict, resolution: int, counts: list[tuple[int, int]]):
    region = hexgrid.region_cells(geometry, resolution)
    cells, values = hexgrid.study_cells(dict(counts), region)
    if not len(cells):
        return {}
    indptr, indices = hexgrid.neighbours(cells, k=1)
    result = hotspots.hotspots(cells, values, indptr, indices)
    hot = result.grade >= HOT_GRADE
    return {int(c): (int(n), int(g)) for c, n, g in zip(result.cells[hot], result.counts[hot], result.grade[hot],
                                                         strict=True)}


def _outlines(area) -> list[dict]:
    """The group's area and those directly below it, as GeoJSON; none for a group without an area (a council)."""
    if area is None:
        return []
    return [json.loads(a.geometry) for a in [area, *area.children.order_by("name")]]


def _hotspots(meeting: Meeting, group_query: IncidentQuery, until: datetime) -> list[Hotspot]:
    """The group's area's hot spots; none for a group without an area (hot spots are found within an outline)."""
    area = meeting.group.area
    if area is None:
        return []
    geometry = json.loads(area.geometry)
    resolution = resolution_for(geometry)
    recent = aggregates.by_cell(_between(group_query, until - HOT_WINDOW, until), resolution)
    if not recent:
        return []
    earlier = aggregates.by_cell(_between(group_query, until - HOT_WINDOW - HOT_BEFORE, until - HOT_WINDOW),
                                 resolution)
    hot_now = _graded(geometry, resolution, recent)
    hot_before = _graded(geometry, resolution, earlier) if earlier else {}
    names = _place_names(area, list(hot_now))
    return sorted((Hotspot(cell, names[cell], n, cell not in hot_before, grade)
                   for cell, (n, grade) in hot_now.items()), key=lambda h: (-h.count, h.cell))


def _place_names(area, cells: list[int]) -> dict[int, str]:
    """The sub-area each cell's centre lies in, else the area's own name."""
    names = dict.fromkeys(cells, area.name)
    if not cells:
        return names
    centres = shapely.points([cell_index.center(c) for c in cells])
    for sub in area.children.order_by("name"):
        inside = shapely.contains(shapely.geometry.shape(json.loads(sub.geometry)), centres)
        for cell, hit in zip(cells, inside, strict=True):
            if hit:
                names[cell] = sub.name
    return names


def _measures_due(meeting: Meeting, group_query: IncidentQuery) -> list:
    """Measures of the convening organisation's plans (as the group reads them) in the group's area, or in areas
    below it, whose follow-up is due by the meeting's day."""
    group = meeting.group
    day = timezone.localdate(meeting.starts_at)
    area_ids = subtree_ids({group.area_id})
    found = []
    measures = plan_selectors.measures(group_query.access).filter(
        plan__owner=group.owner, plan__area__in=area_ids, plan__next_versions__isnull=True,
    ).select_related("owner", "plan")
    for measure in plan_selectors.with_last_follow_up(measures.order_by("pk")):
        measure.next_due = plan_selectors.next_follow_up(measure)
        if measure.next_due is not None and measure.next_due <= day:
            measure.is_overdue = measure.next_due < day
            found.append(measure)
    return sorted(found, key=lambda m: (m.next_due, m.pk))
