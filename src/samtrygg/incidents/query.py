"""Incidents for a scope and a period: the one typed query every reader of incidents shares — the list's filters
(list page, map, export, API), the lägesbild's gathering, the action plans' progress and effect views, the
meetings' generated agenda. No request objects: whose view (an `Access`), which local days or which moments,
which areas (each with its sub-areas, and other organisations' areas inside it: a housing company's estates)
and which categories (each with its subcategories).

    IncidentQuery(access, period=Period(date(2026, 1, 1), date(2026, 3, 31)), areas=[area.pk]).queryset()

Every part narrows the scoped queryset (selectors.incidents); none widens it. Days are local (Europe/Stockholm)
days compared with local midnights, so the indexes on the stored UTC times serve them."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Func, QuerySet
from django.utils import timezone

from samtrygg.access import Access, Action
from samtrygg.areas.models import areas_within
from samtrygg.lib import trees
from samtrygg.lib.months import first_day
from samtrygg.lib.months import index as month_index

from . import selectors, tallies
from .models import Category, Incident, Tally


def local_midnight(day: date) -> datetime:
    """The start of `day` in Swedish time, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class LocalMinute(Func):
    """A stored moment as Swedish local date and time to the minute, as text ("2026-07-01T22:30"), computed by the
    database: the map's points say when without a time-zone conversion per row in Python."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):  # SQLite: the function Django registers on its connections
        sql, params = compiler.compile(self.source_expressions[0])
        return (f"replace(substr(django_datetime_trunc('minute', {sql}, %s, 'UTC'), 1, 16), ' ', 'T')",
                [*params, timezone.get_current_timezone_name()])

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"""to_char({sql} AT TIME ZONE %s, 'YYYY-MM-DD"T"HH24:MI')""", [*params, zone]


@dataclass(frozen=True)
class Period:
    """Whole local days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> "Period":
        """The comparison period: the same dates a year earlier when the period is at most a year long (so the
        seasons match: January–November against January–November; 29 February becomes the 28th); else as many
        whole months just before when the period is whole months, or as many days."""
        if _year_earlier(self.end) < self.start:
            return Period(_year_earlier(self.start), _year_earlier(self.end))
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            length = month_index(self.end) - month_index(self.start) + 1
            return Period(first_day(month_index(self.start) - length), self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def whole_months(self) -> bool:
        return self.start.day == 1 and (self.end + timedelta(days=1)).day == 1

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes at local (Europe/Stockholm) midnights."""
        return local_midnight(self.start), local_midnight(self.end + timedelta(days=1))


def _year_earlier(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def descendant_ids(model, root_ids: Iterable[int]) -> set[int]:
    """The rows `root_ids` of a model with a `parent` (categories, areas) and every row below them."""
    return trees.descendants(set(root_ids), model.objects.filter(parent__isnull=False).values_list("id", "parent_id"))


def occurred_between(qs: QuerySet, start: datetime | None = None, end: datetime | None = None,
                     field: str = "occurred_from") -> QuerySet:
    """Rows whose `field` lies in [start, end); either bound may be open."""
    if start is not None:
        qs = qs.filter(**{f"{field}__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{field}__lt": end})
    return qs


def in_box(qs: QuerySet, bbox: tuple[float, float, float, float]) -> QuerySet:
    """Rows whose point lies in bbox (min_lon, min_lat, max_lon, max_lat); rows without a point never do."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)


def in_areas(qs: QuerySet, area_ids: Iterable[int]) -> QuerySet:
    """Incidents in any of the areas: filed under one of them, an area below, or another organisation's area
    whose centre lies inside (a partner's estate, see areas.models.areas_within). No areas: no narrowing."""
    area_ids = set(area_ids)
    return qs.filter(area__in=areas_within(area_ids)) if area_ids else qs


def in_categories(qs: QuerySet, category_ids: Iterable[int]) -> QuerySet:
    """Incidents in any of the categories or their subcategories (no categories: no narrowing)."""
    category_ids = set(category_ids)
    return qs.filter(category__in=descendant_ids(Category, category_ids)) if category_ids else qs


@dataclass(frozen=True)
class IncidentQuery:
    """Which incidents: whose view, when (local days, or from one moment to another), where, what."""

    access: Access
    period: Period | None = None
    areas: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()
    since: datetime | None = None  # occurred at or after this moment (with or instead of `period`)
    until: datetime | None = None  # occurred before this moment
    action: Action = Action.VIEW
    owners: tuple[int, ...] = ()  # reported by one of these organisations (none: whoever)

    def __post_init__(self):
        for name in ("areas", "categories", "owners"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def queryset(self) -> QuerySet[Incident]:
        qs = selectors.incidents(self.access, self.action)
        if self.period is not None:
            qs = occurred_between(qs, *self.period.bounds())
        qs = occurred_between(qs, self.since, self.until)
        return self._narrowed(qs)

    def tally(self, *, resolution: int | None = None, hours: bool = False,
              by: Iterable[str] = ("category", "month")) -> QuerySet[Tally] | None:
        """The same incidents as rows of the smallest tally (models.Tally) that counts them by what the reader
        groups by — `by` ("category", "month"), H3 cells at `resolution`, local weekday and hour (`hours`) — and
        by what this query narrows by; or None when no tally can: a period of other than whole months, or a moment
        as a bound. aggregates.* count either alike."""
        if self.since is not None or self.until is not None or (self.period and not self.period.whole_months):
            return None
        needs = set(by)
        needs |= {"month"} if self.period is not None else set()
        needs |= {"category"} if self.categories else set()
        needs |= {"hour"} if hours else set()
        model = tallies.fitting(needs, resolution)
        if model is None:
            return None
        qs = selectors.tallies(self.access, model, self.action)
        if self.period is not None:
            qs = qs.filter(month__gte=self.period.start, month__lte=self.period.end)
        return self._narrowed(qs)

    def counted(self, *, resolution: int | None = None, hours: bool = False,
                by: Iterable[str] = ("category", "month")) -> QuerySet:
        """What to count these incidents from with aggregates.*: their tally when one can answer, else the
        incidents themselves."""
        tally = self.tally(resolution=resolution, hours=hours, by=by)
        return self.queryset() if tally is None else tally

    def _narrowed(self, qs: QuerySet) -> QuerySet:
        if self.owners:
            qs = qs.filter(owner__in=self.owners)
        return in_categories(in_areas(qs, self.areas), self.categories)

    def with_period(self, period: Period) -> "IncidentQuery":
        """The same scope in another period (the comparison period, a rolling window)."""
        return IncidentQuery(self.access, period, self.areas, self.categories, action=self.action,
                             owners=self.owners)
