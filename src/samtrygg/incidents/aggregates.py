"""Counts of (already scoped and filtered) incidents: by spatial cell at a chosen resolution, by area, by
category, by week or month, and by hour × weekday. One GROUP BY each, computed in the database, so they stay
fast at a million incidents. Used by the map, the API and (later) the lägesbild."""

from django.db.models import Count, F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay, TruncMonth, TruncWeek

from samtrygg.lib import cells

from .models import Incident, PoliceEvent


def by_cell(incidents: QuerySet[Incident], resolution: int) -> list[tuple[int, int]]:
    """[(cell at `resolution`, count)] for the located incidents, largest first."""
    expr = RawSQL(cells.parent_sql("incidents_incident.cell", resolution), [])  # noqa: S611 - no user input
    rows = (
        incidents.filter(cell__isnull=False).order_by().annotate(c=expr).values("c").annotate(n=Count("id"))
        .order_by("-n", "c").values_list("c", "n")
    )
    return list(rows)


def by_cell_and_period(
    incidents: QuerySet[Incident], resolution: int, period: str = "month"
) -> list[tuple[int, str, int]]:
    """[(cell at `resolution`, ISO date of the week's Monday or the month's first day, count)] for the located
    incidents: the space-time cube of emerging hot spot analysis, in one GROUP BY."""
    expr = RawSQL(cells.parent_sql("incidents_incident.cell", resolution), [])  # noqa: S611 - no user input
    trunc = {"week": TruncWeek, "month": TruncMonth}[period]
    rows = (
        incidents.filter(cell__isnull=False).order_by().annotate(c=expr, p=trunc("occurred_from"))
        .values("c", "p").annotate(n=Count("id")).order_by("c", "p").values_list("c", "p", "n")
    )
    return [(c, p.date().isoformat(), n) for c, p, n in rows]


def by_area(incidents: QuerySet[Incident]) -> list[tuple[int | None, str, int]]:
    """[(area id, area name, count)]; incidents outside every area come as (None, "", n)."""
    rows = incidents.order_by().values("area", "area__name").annotate(n=Count("id")).order_by("-n", "area__name")
    return [(r["area"], r["area__name"] or "", r["n"]) for r in rows]


def by_owner(incidents: QuerySet[Incident]) -> list[tuple[int, str, int]]:
    """[(organisation id, name, count)], largest first: whose reports they are."""
    rows = incidents.order_by().values("owner", "owner__name").annotate(n=Count("id")).order_by("-n", "owner__name")
    return [(r["owner"], r["owner__name"], r["n"]) for r in rows]


def by_category(incidents: QuerySet[Incident], *, main: bool = False) -> list[tuple[int, str, int]]:
    """[(category id, name, count)]; with main=True subcategories count towards their main category."""
    if main:
        rows = (
            incidents.order_by()
            .annotate(main_id=_main_category_id(), main_name=_main_category_name())
            .values("main_id", "main_name").annotate(n=Count("id")).order_by("-n", "main_name")
        )
        return [(r["main_id"], r["main_name"], r["n"]) for r in rows]
    rows = incidents.order_by().values("category", "category__name").annotate(n=Count("id")).order_by("-n")
    return [(r["category"], r["category__name"], r["n"]) for r in rows]


def by_period(incidents: QuerySet[Incident], period: str = "month") -> list[tuple[str, int]]:
    """[(ISO date of the week's Monday or the month's first day, count)] in time order (Europe/Stockholm)."""
    trunc = {"week": TruncWeek, "month": TruncMonth}[period]
    rows = (
        incidents.order_by().annotate(p=trunc("occurred_from")).values("p").annotate(n=Count("id")).order_by("p")
    )
    return [(r["p"].date().isoformat(), r["n"]) for r in rows]


def by_hour_and_weekday(incidents: QuerySet[Incident]) -> list[list[int]]:
    """A 7 × 24 matrix: counts[weekday 0=Monday][hour], local time (Europe/Stockholm)."""
    matrix = [[0] * 24 for _ in range(7)]
    rows = (
        incidents.order_by()
        .annotate(d=ExtractIsoWeekDay("occurred_from"), h=ExtractHour("occurred_from"))
        .values("d", "h").annotate(n=Count("id"))
    )
    for r in rows:
        matrix[r["d"] - 1][r["h"]] = r["n"]
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
