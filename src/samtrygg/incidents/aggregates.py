"""Counts of (already scoped and filtered) incidents: by spatial cell at a chosen resolution, by area, by
category, by week or month, and by hour × weekday. One GROUP BY each, computed in the database. Each takes either
the incidents themselves or the same incidents' tally (query.IncidentQuery.tally: rows that each count many
incidents, models.Tally) and gives the same counts from both; the tally is what keeps the map, the API, the
lägesbild and the county fast at millions of incidents."""

from functools import reduce
from operator import or_

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay, TruncMonth, TruncWeek

from samtrygg.lib import cells

from .models import Incident, PoliceEvent, Tally


def _tallied(rows: QuerySet) -> bool:
    return issubclass(rows.model, Tally)


def _n(rows: QuerySet):
    """How many incidents a group holds: the tally rows' sum, or the incidents' count (COUNT(*): a query that
    reads only indexed columns, such as the map's box, then reads the index alone)."""
    return Sum("n") if _tallied(rows) else Count("*")


def total(incidents: QuerySet[Incident] | QuerySet[Tally]) -> int:
    if _tallied(incidents):
        return incidents.order_by().aggregate(total=Sum("n"))["total"] or 0
    return incidents.count()


def _cell(rows: QuerySet, resolution: int) -> RawSQL:
    sql = cells.parent_sql(f"{rows.model._meta.db_table}.cell", resolution)
    return RawSQL(sql, [])  # noqa: S611 - no user input


def _month(rows: QuerySet, period: str):
    """The first day of the local week or month (a tally has months only)."""
    if _tallied(rows):
        if period != "month":
            raise ValueError("a tally counts by month")
        return F("month")
    return {"week": TruncWeek, "month": TruncMonth}[period]("occurred_from")


def _day(value) -> str:
    return (value.date() if hasattr(value, "date") else value).isoformat()


def by_cell(incidents: QuerySet[Incident] | QuerySet[Tally], resolution: int) -> list[tuple[int, int]]:
    """[(cell at `resolution`, count)] for the located incidents, largest first."""
    rows = (
        incidents.filter(cell__isnull=False).order_by().annotate(c=_cell(incidents, resolution)).values("c")
        .annotate(count=_n(incidents)).order_by("-count", "c").values_list("c", "count")
    )
    return list(rows)


def by_cell_in_box(incidents: QuerySet[Incident] | QuerySet[Tally], resolution: int,
                   bbox: tuple[float, float, float, float]) -> list[tuple[int, int]]:
    """[(cell, count)] of the cells at `resolution` whose centre lies in bbox, with all their incidents (the map's
    hexagons are whole; `incidents` must reach cells.widened(bbox) or beyond). Only the cell ranges that cover the
    box are read (an index on the stored cells serves them)."""
    stored = getattr(incidents.model, "RESOLUTION", cells.CELL_RESOLUTION)
    near = reduce(or_, (Q(cell__range=span) for span in cells.ranges_covering(bbox, stored)))
    return [(cell, n) for cell, n in by_cell(incidents.filter(near), resolution) if cells.centred_in(cell, bbox)]


def by_cell_and_period(
    incidents: QuerySet[Incident], resolution: int, period: str = "month"
) -> list[tuple[int, str, int]]:
    """[(cell at `resolution`, ISO date of the week's Monday or the month's first day, count)] for the located
    incidents: the space-time cube of emerging hot spot analysis, in one GROUP BY."""
    rows = (
        incidents.filter(cell__isnull=False).order_by()
        .annotate(c=_cell(incidents, resolution), p=_month(incidents, period))
        .values("c", "p").annotate(count=_n(incidents)).order_by("c", "p").values_list("c", "p", "count")
    )
    days: dict = {}  # each month's ISO date written once, not once per cell (tens of thousands of rows)
    return [(c, days.get(p) or days.setdefault(p, _day(p)), n) for c, p, n in rows]


def by_area(incidents: QuerySet[Incident]) -> list[tuple[int | None, str, int]]:
    """[(area id, area name, count)]; incidents outside every area come as (None, "", n)."""
    rows = (incidents.order_by().values("area", "area__name").annotate(count=_n(incidents))
            .order_by("-count", "area__name"))
    return [(r["area"], r["area__name"] or "", r["count"]) for r in rows]


def by_owner(incidents: QuerySet[Incident]) -> list[tuple[int, str, int]]:
    """[(organisation id, name, count)], largest first: whose reports they are."""
    rows = (incidents.order_by().values("owner", "owner__name").annotate(count=_n(incidents))
            .order_by("-count", "owner__name"))
    return [(r["owner"], r["owner__name"], r["count"]) for r in rows]


def by_category(incidents: QuerySet[Incident], *, main: bool = False) -> list[tuple[int, str, int]]:
    """[(category id, name, count)]; with main=True subcategories count towards their main category."""
    if main:
        rows = (
            incidents.order_by()
            .annotate(main_id=_main_category_id(), main_name=_main_category_name())
            .values("main_id", "main_name").annotate(count=_n(incidents)).order_by("-count", "main_name")
        )
        return [(r["main_id"], r["main_name"], r["count"]) for r in rows]
    rows = (incidents.order_by().values("category", "category__name").annotate(count=_n(incidents))
            .order_by("-count", "category"))
    return [(r["category"], r["category__name"], r["count"]) for r in rows]


def by_period(incidents: QuerySet[Incident], period: str = "month") -> list[tuple[str, int]]:
    """[(ISO date of the week's Monday or the month's first day, count)] in time order (Europe/Stockholm)."""
    rows = (
        incidents.order_by().annotate(p=_month(incidents, period)).values("p").annotate(count=_n(incidents))
        .order_by("p")
    )
    return [(_day(r["p"]), r["count"]) for r in rows]


def by_hour_and_weekday(incidents: QuerySet[Incident]) -> list[list[int]]:
    """A 7 × 24 matrix: counts[weekday 0=Monday][hour], local time (Europe/Stockholm)."""
    matrix = [[0] * 24 for _ in range(7)]
    if _tallied(incidents):
        moments = {"d": F("weekday"), "h": F("hour")}
    else:
        moments = {"d": ExtractIsoWeekDay("occurred_from"), "h": ExtractHour("occurred_from")}
    rows = incidents.order_by().annotate(**moments).values("d", "h").annotate(count=_n(incidents))
    for r in rows:
        matrix[r["d"] - 1][r["h"]] = r["count"]
    return matrix


def _main_category_id():
    return Coalesce(F("category__parent_id"), F("category_id"))


def _main_category_name():
    return Coalesce(F("category__parent__name"), F("category__name"))


# --- the police's public events, counted apart from own reports -------------------------------------------------

def police_by_type(events: QuerySet[PoliceEvent]) -> list[tuple[str, int]]:
    """[(police event type, count)], largest first."""
    rows = events.order_by().values("type").annotate(n=Count("id")).order_by("-n", "type")
    return [(r["type"], r["n"]) for r in rows]


def police_by_category(events: QuerySet[PoliceEvent]) -> list[tuple[int | None, str, int]]:
    """[(main category id, name, count)]; events of types without a category come as (None, "", n)."""
    rows = (
        events.order_by().annotate(main_id=_main_category_id(), main_name=_main_category_name())
        .values("main_id", "main_name").annotate(n=Count("id")).order_by("-n", "main_name")
    )
    return [(r["main_id"], r["main_name"] or "", r["n"]) for r in rows]


def police_by_month(events: QuerySet[PoliceEvent]) -> list[tuple[str, int]]:
    """[(ISO date of the month's first day, count)] in time order (Europe/Stockholm)."""
    rows = events.order_by().annotate(p=TruncMonth("occurred_at")).values("p").annotate(n=Count("id")).order_by("p")
    return [(r["p"].date().isoformat(), r["n"]) for r in rows]


def police_counts(events: QuerySet[PoliceEvent]) -> dict:
    """All police counts for (already narrowed, e.g. selectors.police_events_in) events."""
    return {
        "total": events.count(), "by_type": police_by_type(events), "by_category": police_by_category(events),
        "by_month": police_by_month(events),
    }
