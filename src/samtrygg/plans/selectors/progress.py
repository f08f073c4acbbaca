"""How far each goal has come: its measured values over time, read from its source, and where the latest one
stands against the straight path from baseline to target.

- Incident goals: the incidents of the goal's categories in its area (the plan's area when none), counted from
  the plan organisation's view like a lägesbild, over the 12 months up to the end of each whole month since the
  baseline.
- Indicator goals: the series' values for the goal's area, else for the plan's municipality, for periods
  starting after the baseline.
- Manual goals: the values recorded (at follow-ups), after the baseline."""

import datetime
from dataclasses import dataclass

from samtrygg.access import OrganisationAccess
from samtrygg.incidents import aggregates
from samtrygg.incidents.query import IncidentQuery, Period
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.lib import months

from ..models import Goal, GoalSource

ROLLING_MONTHS = 12


@dataclass(frozen=True)
class Progress:
    points: list[tuple[datetime.date, float]]  # the baseline first, then the measured values in time order
    latest: tuple[datetime.date, float] | None  # the last measured value (never the baseline)
    expected: float | None  # where the straight path from baseline to target stands at the latest date
    state: str  # "reached", "on_track", "behind" or "no_values"

    @property
    def change(self) -> float | None:
        return None if self.latest is None else self.latest[1] - self.points[0][1]


def progress(goal: Goal, today: datetime.date) -> Progress:
    measured = measured_values(goal, today)
    points = [(goal.baseline_date, goal.baseline), *measured]
    if not measured:
        return Progress(points, None, None, "no_values")
    when, value = measured[-1]
    span = (goal.target_date - goal.baseline_date).days
    fraction = min(1.0, max(0.0, (when - goal.baseline_date).days / span))
    expected = goal.baseline + (goal.target - goal.baseline) * fraction
    lower_is_better = goal.target < goal.baseline
    if (value <= goal.target) if lower_is_better else (value >= goal.target):
        state = "reached"
    elif (value <= expected) if lower_is_better else (value >= expected):
        state = "on_track"
    else:
        state = "behind"
    return Progress(points, measured[-1], expected, state)


def target_path(goal: Goal, dates: list[datetime.date]) -> list[float]:
    """The straight path from baseline to target at each date (flat after the target date)."""
    span = (goal.target_date - goal.baseline_date).days
    return [goal.baseline + (goal.target - goal.baseline) * min(1.0, max(0.0, (d - goal.baseline_date).days / span))
            for d in dates]


def measured_values(goal: Goal, today: datetime.date) -> list[tuple[datetime.date, float]]:
    if goal.source == GoalSource.INCIDENTS:
        return _incident_values(goal, today)
    if goal.source == GoalSource.INDICATOR:
        return _indicator_values(goal)
    return [(v.date, v.value) for v in goal.values.filter(date__gt=goal.baseline_date).order_by("date", "pk")]


def _incident_values(goal: Goal, today: datetime.date) -> list[tuple[datetime.date, float]]:
    """Rolling 12-month counts at the end of each whole month after the baseline's month, up to the last whole
    month before today (and not past the target date's month)."""
    first = months.index(goal.baseline_date) + 1
    last = min(months.index(today) - 1, months.index(goal.target_date))
    if last < first:
        return []
    monthly = _monthly(goal.plan, goal.area or goal.plan.area, [c.pk for c in goal.categories.all()], first, last)
    return [(months.last_day(m), float(_rolling(monthly, m))) for m in range(first, last + 1)]


def incident_baseline(plan, area, category_ids: list[int], baseline_date: datetime.date) -> int:
    """The incidents counted as an incident goal counts them, over the 12 months up to the end of the baseline
    date's month: the baseline when the coordinator leaves it to samtrygg."""
    month = months.index(baseline_date)
    return _rolling(_monthly(plan, area or plan.area, category_ids, month, month), month)


def _rolling(monthly: dict[int, int], month: int) -> int:
    return sum(monthly.get(k, 0) for k in range(month - ROLLING_MONTHS + 1, month + 1))


def _monthly(plan, area, category_ids: list[int], first: int, last: int) -> dict[int, int]:
    """Incidents per month index, for the months [first − 11, last], from the plan organisation's view (whole
    months: read from the month tally)."""
    period = Period(months.first_day(first - ROLLING_MONTHS + 1), months.last_day(last))
    incidents = IncidentQuery(OrganisationAccess(plan.owner), period, [area.pk], category_ids).counted(
        by=("month",))
    return {months.index(datetime.date.fromisoformat(month)): n
            for month, n in aggregates.by_period(incidents, "month")}


def _indicator_values(goal: Goal) -> list[tuple[datetime.date, float]]:
    access = OrganisationAccess(goal.plan.owner)
    if goal.area_id:
        values = indicator_selectors.values(access, goal.series, areas=[goal.area_id])
    else:
        values = indicator_selectors.values(access, goal.series, region_codes=[goal.plan.owner.municipality_code()])
    return [(v.period_start, v.value) for v in values.filter(period_start__gt=goal.baseline_date)
            if v.value is not None]
