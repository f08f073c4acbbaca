"""The members' own incidents as raw counts, read for the region's aggregates only (never a single incident, and
never shown before `publication.py` has hidden the small counts). A member's incidents are those its organisation
and the organisations below it own, whoever may otherwise read them."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area
from samtrygg.areas.selectors import population_of
from samtrygg.incidents import aggregates
from samtrygg.incidents.models import Incident
from samtrygg.incidents.query import Period
from samtrygg.lib import trees

NO_AREA = 0  # the key of incidents filed under no area of the member's own


@dataclass
class MemberCounts:
    total: int = 0
    categories: dict[int, int] = field(default_factory=dict)  # main category id → count
    areas: dict[int, int] = field(default_factory=dict)  # the member's top-level area id (NO_AREA) → count


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def own_organisations(municipality_id: int) -> set[int]:
    return trees.descendants([municipality_id], Organisation.objects.values_list("id", "parent_id"))


def member_incidents(municipality_id: int, period: Period) -> QuerySet[Incident]:
    start, end = period.bounds()
    return Incident.objects.filter(owner__in=own_organisations(municipality_id),
                                   occurred_from__gte=start, occurred_from__lt=end)


def top_areas(municipality_id: int) -> dict[int, int]:
    """{area id: its top-level ancestor} over the areas the member's organisations own."""
    parents = dict(Area.objects.filter(owner__in=own_organisations(municipality_id)).values_list("id", "parent_id"))
    top = {}
    for area in parents:
        node = area
        while parents.get(node) is not None and parents[node] in parents:
            node = parents[node]
        top[area] = node
    return top


def own_population(municipality_id: int) -> int | None:
    """The residents of the member's own top-level areas (for a municipality outside the reference data: the
    demo's), None when none has a population."""
    tops = Area.objects.filter(owner__in=own_organisations(municipality_id), parent__isnull=True)
    found = [n for area in tops if (n := population_of(area))]
    return sum(found) or None


def member_counts(municipality_id: int, period: Period) -> MemberCounts:
    incidents = member_incidents(municipality_id, period)
    counts = MemberCounts()
    counts.categories = {cat: n for cat, _name, n in aggregates.by_category(incidents, main=True)}
    counts.total = sum(counts.categories.values())
    top = top_areas(municipality_id)
    areas: dict[int, int] = defaultdict(int)
    for area, _name, n in aggregates.by_area(incidents):
        areas[top.get(area, NO_AREA) if area is not None else NO_AREA] += n
    counts.areas = dict(areas)
    return counts


def cell_counts(municipality_ids: list[int], period: Period, resolution: int) -> dict[int, int]:
    """{H3 cell at `resolution`: count} of the located incidents of these members together."""
    merged: dict[int, int] = defaultdict(int)
    for municipality_id in municipality_ids:
        for cell, n in aggregates.by_cell(member_incidents(municipality_id, period), resolution):
            merged[cell] += n
    return dict(merged)
