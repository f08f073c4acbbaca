"""The effect of a measure, read from the database: incidents per calendar month in the measure's area (treated)
and in a chosen comparison area (control), before and after the measure started, and their
difference-in-differences (analysis.effect.count_effect; what it assumes is explained there and in
docs/analysis.md — the page must say that the estimate is an association, not proof).

The rules:
- Treated: the measure's areas with their sub-areas (together), or, when it has none, the plan's area.
- Control: one area that shares no part with the treated areas — neither in the area tree (the same area, one
  above or below a treated one) nor on the map (their polygons overlap; sharing a border is fine). Otherwise
  refused with a ValidationError on "control_area".
- Categories (with their subcategories): those given; else those of the incidents linked to the measure; else
  those of the measure's goals counted from incidents; else all.
- Months: `months_before` whole calendar months before the month the measure started, and from that month up to
  `months_after` months, never past the last whole month before `today`. Before and after may differ in length;
  treated and control always cover the same months.
- Counted from the plan organisation's point of view, like a lägesbild (lagesbild.gather), so everyone who opens
  the measure sees the same numbers. The caller checks the reader's right to see the measure (measure_get).
- An area the plan's organisation cannot see is refused like an overlapping one.
measure_value_effect does the same for an indicator series (analysis.effect.value_effect), by period.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samtrygg.access import OrganisationAccess
from samtrygg.analysis.effect import Effect, count_effect, value_effect
from samtrygg.areas.models import Area
from samtrygg.incidents import aggregates
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.incidents.models import Category
from samtrygg.incidents.query import IncidentQuery, Period
from samtrygg.indicators import periods
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.lib import trees
from samtrygg.lib.months import first_day, last_day
from samtrygg.lib.months import index as month_index

from ..models import GoalSource, Measure

PRETREND_WARNING_P = 0.05  # below this the areas already drifted apart before the measure
OVERLAP_TOLERANCE = 1e-6  # of the smaller area: slivers from shared borders are not an overlap


@dataclass(frozen=True)
class EffectView:
    """What the effect page draws and explains: the monthly series, the estimate and the inputs behind them."""

    measure: Measure
    treated_areas: list[Area]
    control_area: Area
    categories: list[Category]  # empty: all categories
    categories_from: str  # "given", "incidents", "goals" or "all"
    months: list[date]  # first day of each month, oldest first
    treated: list[int]  # incidents per month in the treated areas
    control: list[int]  # incidents per month in the control area
    start_index: int  # months[start_index] is the month the measure started (== len(months): no month after yet)
    before: Period | None  # the months before, as one period (None: none)
    after: Period | None  # the months from the start (None: none yet)
    months_after_requested: int
    effect: Effect

    @property
    def months_before(self) -> int:
        return self.start_index

    @property
    def months_after(self) -> int:
        return len(self.months) - self.start_index

    @property
    def pretrend_warning(self) -> bool:
        """The areas already drifted apart before the measure: the control area may not be a fair comparison."""
        return self.effect.pretrend_p is not None and self.effect.pretrend_p < PRETREND_WARNING_P


def measure_effect(measure: Measure, *, control_area: Area, categories=None, months_before: int = 12,
                   months_after: int = 12, today: date) -> EffectView:
    """The measure's effect on the incidents in its area against `control_area` (see module for the rules)."""
    if months_before < 1 or months_after < 1:
        raise ValueError("months_before and months_after must be at least 1")
    plan = measure.plan
    access = OrganisationAccess(plan.owner)
    treated_areas = treated_areas_of(measure)
    _check_control(access, treated_areas, control_area)
    chosen, source = _categories(access, measure, categories)
    months, start_index = _months(measure.start, months_before, months_after, today)
    before = _period(months[:start_index])
    after = _period(months[start_index:])
    treated = control = [0] * len(months)
    if months:
        whole = Period(months[0], last_day(month_index(months[-1])))
        ids = [c.pk for c in chosen]
        treated = _monthly(access, treated_areas, whole, ids, months)
        control = _monthly(access, [control_area], whole, ids, months)
    return EffectView(
        measure=measure, treated_areas=treated_areas, control_area=control_area, categories=chosen,
        categories_from=source, months=months, treated=treated, control=control, start_index=start_index,
        before=before, after=after, months_after_requested=months_after,
        effect=_effect(treated[:start_index], treated[start_index:], control[:start_index], control[start_index:]),
    )


def treated_areas_of(measure: Measure) -> list[Area]:
    """The measure's areas, or the plan's area when it names none."""
    return list(measure.areas.order_by("name")) or [measure.plan.area]


def control_areas(measure: Measure) -> list[Area]:
    """The areas the plan's organisation sees that may serve as the measure's control area (no overlap)."""
    access = OrganisationAccess(measure.plan.owner)
    treated = treated_areas_of(measure)
    related = _tree_related(treated)
    return [area for area in access.areas().order_by("name") if not _overlap(treated, related, area)]


def _check_control(access, treated: list[Area], control: Area) -> None:
    visible = set(access.areas().filter(pk__in=[a.pk for a in [*treated, control]]).values_list("pk", flat=True))
    if control.pk not in visible:
        raise ValidationError({"control_area": _("The plan's organisation cannot see incidents in this area.")})
    hidden = [a.name for a in treated if a.pk not in visible]
    if hidden:
        raise ValidationError(_("The plan's organisation cannot see incidents in the measure's area %(areas)s.")
                              % {"areas": ", ".join(hidden)})
    overlapping = _overlap(treated, _tree_related(treated), control)
    if overlapping:
        raise ValidationError({"control_area": _(
            "The comparison area overlaps the measure's area (%(areas)s); choose an area outside it."
        ) % {"areas": ", ".join(a.name for a in overlapping)}})


def _tree_related(treated: list[Area]) -> dict[int, set[int]]:
    """For each treated area: itself, the areas below it and the areas above it (one query)."""
    pairs = list(Area.objects.filter(parent__isnull=False).values_list("id", "parent_id"))
    upward = [(parent, child) for child, parent in pairs]
    return {a.pk: trees.descendants({a.pk}, pairs) | trees.descendants({a.pk}, upward) for a in treated}


def _overlap(treated: list[Area], related: dict[int, set[int]], control: Area) -> list[Area]:
    """The treated areas that share a part with `control`: in the area tree, or on the map."""
    return [a for a in treated if control.pk in related[a.pk] or _shapes_overlap(a, control)]


def _shapes_overlap(a: Area, b: Area) -> bool:
    if a.max_lon < b.min_lon or b.max_lon < a.min_lon or a.max_lat < b.min_lat or b.max_lat < a.min_lat:
        return False
    return a.shape.intersection(b.shape).area > OVERLAP_TOLERANCE * min(a.shape.area, b.shape.area)


def _categories(access, measure: Measure, given) -> tuple[list[Category], str]:
    if given:
        return list(given), "given"
    linked = incident_selectors.incidents(access).filter(measures=measure).values("category")
    found = list(Category.objects.filter(pk__in=linked).order_by("name"))
    if found:
        return found, "incidents"
    goals = measure.goals.filter(source=GoalSource.INCIDENTS).prefetch_related("categories")
    found = sorted({c for goal in goals for c in goal.categories.all()}, key=lambda c: (c.name, c.pk))
    if found:
        return found, "goals"
    return [], "all"


def _months(start: date, before: int, after: int, today: date) -> tuple[list[date], int]:
    """The months counted (first days) and the index of the measure's start month among them."""
    first, last_whole = month_index(start), month_index(today) - 1
    indexes = [k for k in range(first - before, first + after) if k <= last_whole]
    return [first_day(k) for k in indexes], sum(1 for k in indexes if k < first)


def _period(months: list[date]) -> Period | None:
    return Period(months[0], last_day(month_index(months[-1]))) if months else None


def _monthly(access, areas: list[Area], period: Period, category_ids: list[int], months: list[date]) -> list[int]:
    """Incidents per month in the areas (with their sub-areas, each incident once), from the owner's view."""
    incidents = IncidentQuery(access, period, [area.pk for area in areas], category_ids).queryset()
    counts = dict(aggregates.by_period(incidents, "month"))
    return [counts.get(month.isoformat(), 0) for month in months]


def _effect(tb: list, ta: list, cb: list, ca: list, kind: str = "count") -> Effect:
    """count_effect or value_effect, or "too_little_data" when there is nothing before or nothing after yet."""
    if tb and ta:
        return (count_effect if kind == "count" else value_effect)(tb, ta, cb, ca)
    tb_, ta_, cb_, ca_ = (_summary(xs, kind) for xs in (tb, ta, cb, ca))
    return Effect(kind=kind, treated_before=tb_, treated_after=ta_, control_before=cb_, control_after=ca_,
                  estimate=None, ci_low=None, ci_high=None, p=None, percent=None, percent_low=None,
                  percent_high=None, expected_treated_after=None, observed_treated_after=ta_, dispersion=None,
                  df=None, continuity_corrected=False, pretrend_p=None, verdict="too_little_data")


def _summary(xs: list, kind: str) -> float:
    """As in Effect: counts are totalled, values averaged."""
    if kind == "count":
        return float(sum(xs))
    return sum(xs) / len(xs) if xs else 0.0


# --- the indicator variant --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ValueEffectView:
    """An indicator's values (e.g. the share who feel unsafe, from the organisation's own surveys) in the
    measure's areas against the control area, per period, and their difference-in-differences."""

    series: IndicatorSeries
    treated_areas: list[Area]
    control_area: Area
    periods: list[str]  # labels, oldest first: those with a value on both sides
    treated: list[float]  # the treated areas' own values (their mean, when several have one)
    control: list[float]
    start_index: int  # periods[start_index:] started on or after the month the measure started
    effect: Effect


def measure_value_effect(measure: Measure, *, control_area: Area, today: date,
                         series: IndicatorSeries | None = None) -> ValueEffectView | None:
    """The measure's effect on an indicator: `series`, else that of its first goal read from an indicator series
    (None when it has none). Total values (not by gender) of the areas themselves (not their sub-areas), of
    periods over before the last whole month before `today`; a period ending before the measure's start month is
    before, one starting in it or later is after, one spanning the start is left out. Same areas and rules on
    the control area as measure_effect."""
    access = OrganisationAccess(measure.plan.owner)
    treated_areas = treated_areas_of(measure)
    _check_control(access, treated_areas, control_area)
    if series is None:
        goal = measure.goals.filter(source=GoalSource.INDICATOR).order_by("pk").select_related("series").first()
        if goal is None:
            return None
        series = goal.series
    start, cutoff = first_day(month_index(measure.start)), first_day(month_index(today))
    treated_ids = {a.pk for a in treated_areas}
    sides: dict[str, tuple[list[float], list[float]]] = {}
    ends: dict[str, tuple[date, date]] = {}
    values = indicator_selectors.values(access, series, areas=[*treated_ids, control_area.pk])
    for value in values.filter(value__isnull=False).order_by("period_start", "period"):
        ends[value.period] = (value.period_start, _label_end(value.period, value.period_start))
        treated, control = sides.setdefault(value.period, ([], []))
        (treated if value.area_id in treated_ids else control).append(value.value)
    before, after = [], []
    for label, (first, last) in ends.items():
        treated, control = sides[label]
        if treated and control and last < cutoff and (last < start or first >= start):
            (before if last < start else after).append((label, sum(treated) / len(treated), control[0]))
    rows = before + after
    column = [[row[k] for row in rows] for k in (1, 2)]
    return ValueEffectView(
        series=series, treated_areas=treated_areas, control_area=control_area, periods=[row[0] for row in rows],
        treated=column[0], control=column[1], start_index=len(before),
        effect=_effect(column[0][:len(before)], column[0][len(before):], column[1][:len(before)],
                       column[1][len(before):], kind="value"),
    )


def _label_end(label: str, first: date) -> date:
    """The last day of an indicator period, from its label (the inverse of indicators.periods.months)."""
    for last in range(first.month, 13):
        if periods.months(first.year, first.month, last).label == label:
            return last_day(month_index(date(first.year, last, 1)))
    return last_day(month_index(first))
