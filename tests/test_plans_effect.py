"""The effect view of a measure: monthly incidents in the measure's area against a control area, before and after
its start, read from the database (incidents imported in bulk through the importer) and estimated by
analysis.effect. A planted halving is found; a change common to both areas is not taken for an effect."""

import io
import itertools
from datetime import date

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from personas import make_area
from reporting import NORR, TORGET
from samtrygg.incidents import importing
from samtrygg.incidents.models import Category, Incident
from samtrygg.indicators import formats
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.indicators.services import import_indicators
from samtrygg.plans import selectors, services

pytestmark = pytest.mark.django_db

TODAY = date(2025, 7, 15)  # the last whole month is June 2025
START = date(2024, 7, 10)  # before: July 2023 – June 2024; after: July 2024 – June 2025
HEADER = "Id;Kategori;Tid;Latitud;Longitud\r\n"
ROW_IDS = itertools.count(1)  # ids unique across imports, or the importer skips rows it already has


def month_first(k: int) -> date:
    """The first day of the k-th month from START's month (k < 0: before)."""
    index = START.year * 12 + START.month - 1 + k
    return date(index // 12, index % 12 + 1, 1)


def import_rows(world, rows: list[tuple[str, str, tuple[float, float]]]) -> None:
    """Incidents (category name, local time, (lat, lon)) for kommun A, through the bulk importer."""
    lines = [f"E-{next(ROW_IDS)};{cat};{when};{lat};{lon}\r\n" for cat, when, (lat, lon) in rows]
    report = importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(
        (HEADER + "".join(lines)).encode()), filename="handelser.csv", commit=True)
    assert report.ok and report.created == len(rows), report.errors


def plant(world, *, seed: int, treated_after: float, control_after: float, base: float = 20.0,
          category: str = "Klotter") -> tuple[list[int], list[int]]:
    """Poisson counts per month, 12 before and 12 after START, in Torget (treated) and Norr (control), with a
    shared season; after the start each area's mean is multiplied by its factor. Returns the planted counts.
    Over seeds 0–999 these counts give (analysis.effect) "decrease" for a halving in 99.9 %, and a false signal
    for a common −30 % in 2.1 % (nominal 5 %); the tests use fixed seeds."""
    rng, days = np.random.default_rng(seed), np.random.default_rng(seed + 1000)
    rows, treated, control = [], [], []
    for k in range(-12, 12):
        season = 1 + 0.3 * np.sin(2 * np.pi * month_first(k).month / 12)
        for where, factor, out in ((TORGET, treated_after, treated), (NORR, control_after, control)):
            n = int(rng.poisson(base * season * (factor if k >= 0 else 1)))
            out.append(n)
            first = month_first(k)
            rows += [(category, f"{first.replace(day=1 + int(days.integers(0, 28))).isoformat()} 14:30", where)
                     for _ in range(n)]
    import_rows(world, rows)
    return treated, control


def measure(world, areas=None, start=START, incidents=None, goals=None):
    plan = services.plan_create(actor=world.alice, owner=world.kommun_a, title="Trygg stad", area=world.area_a,
                                period_start=date(2023, 1, 1), period_end=date(2026, 12, 31))
    return services.measure_save(actor=world.alice, plan=plan, title="Belysning på torget", kind="situationell",
                                 owner=world.kommun_a, owner_function="Trygghetssamordnare", start=start,
                                 areas=[world.area_a_sub] if areas is None else areas, incidents=incidents,
                                 goals=goals)


def test_a_planted_halving_is_recovered(world):
    treated, control = plant(world, seed=1, treated_after=0.5, control_after=1.0)
    view = selectors.measure_effect(measure(world), control_area=world.area_a2, today=TODAY)
    assert view.months == [month_first(k) for k in range(-12, 12)] and view.start_index == 12
    assert (view.treated, view.control) == (treated, control)
    assert view.treated_areas == [world.area_a_sub] and view.categories == [] and view.categories_from == "all"
    effect = view.effect
    assert effect.verdict == "decrease", effect
    assert -60 < effect.percent < -40 and effect.percent_low < -50 < effect.percent_high
    assert effect.treated_after == sum(treated[12:]) and effect.control_before == sum(control[:12])
    assert view.before.start == date(2023, 7, 1) and view.before.end == date(2024, 6, 30)
    assert view.after.start == date(2024, 7, 1) and view.after.end == date(2025, 6, 30)


def test_a_change_in_both_areas_is_no_effect(world):
    plant(world, seed=1, treated_after=0.7, control_after=0.7)  # a city-wide drop of 30 %
    view = selectors.measure_effect(measure(world), control_area=world.area_a2, today=TODAY)
    assert sum(view.treated[12:]) < 0.85 * sum(view.treated[:12])  # the treated area did fall ...
    assert view.effect.verdict == "no_clear_change", view.effect  # ... but no more than the control area
    assert view.effect.percent_low < 0 < view.effect.percent_high
    assert not view.pretrend_warning


def test_other_categories_are_not_counted(world):
    treated, control = plant(world, seed=3, treated_after=0.5, control_after=1.0)
    import_rows(world, [("Cykelstöld", f"{month_first(k).isoformat()} 12:00", TORGET) for k in range(-12, 12)
                        for _ in range(5)])
    klotter = Category.objects.get(owner__isnull=True, code="skadegorelse.klotter")
    linked = Incident.objects.filter(category=klotter).first()
    view = selectors.measure_effect(measure(world, incidents=[linked]), control_area=world.area_a2, today=TODAY)
    assert view.categories == [klotter] and view.categories_from == "incidents"
    assert view.treated == treated and view.effect.verdict == "decrease"
    everything = selectors.measure_effect(measure(world), control_area=world.area_a2, today=TODAY)
    assert everything.treated == [n + 5 for n in treated] and everything.control == control
    theft = Category.objects.get(owner__isnull=True, code="stold.cykel")
    only_theft = selectors.measure_effect(measure(world), control_area=world.area_a2, categories=[theft],
                                          today=TODAY)
    assert only_theft.treated == [5] * 24 and only_theft.control == [0] * 24
    assert only_theft.effect.verdict == "too_little_data"  # nothing in the control area


def test_categories_come_from_incident_goals_when_no_incident_is_linked(world):
    plan_measure = measure(world)
    klotter = Category.objects.get(owner__isnull=True, code="skadegorelse.klotter")
    goal = services.goal_save(actor=world.alice, plan=plan_measure.plan, title="Halverat klotter", indicator="antal",
                              source="handelser", area=world.area_a_sub, baseline=200, baseline_date=date(2024, 1, 1),
                              target=100, target_date=date(2026, 1, 1), categories=[klotter])
    plan_measure.goals.add(goal)
    view = selectors.measure_effect(plan_measure, control_area=world.area_a2, today=TODAY)
    assert view.categories == [klotter] and view.categories_from == "goals"


def test_months_are_whole_local_months_up_to_the_last_whole_month(world):
    import_rows(world, [
        ("Klotter", "2023-06-30 23:59", TORGET),  # before the window
        ("Klotter", "2023-07-01 00:05", TORGET),  # the first month (local time; 22:05 UTC the day before)
        ("Klotter", "2024-06-30 23:30", TORGET),  # the last month before the start
        ("Klotter", "2024-07-01 00:30", TORGET),  # the start month
        ("Klotter", "2025-06-30 23:30", TORGET),  # the last whole month
        ("Klotter", "2025-07-02 10:00", TORGET),  # this month: not yet whole
    ])
    view = selectors.measure_effect(measure(world), control_area=world.area_a2, today=TODAY)
    expected = [0] * 24
    expected[0] = expected[11] = expected[12] = expected[23] = 1
    assert view.treated == expected and view.control == [0] * 24
    assert view.effect.verdict == "too_little_data"


def test_too_little_data(world):
    plant(world, seed=4, treated_after=0.5, control_after=1.0)
    short = selectors.measure_effect(measure(world), control_area=world.area_a2, months_before=2, today=TODAY)
    assert short.months_before == 2 and short.effect.verdict == "too_little_data"
    recent = selectors.measure_effect(measure(world, start=date(2025, 6, 3)), control_area=world.area_a2,
                                      today=TODAY)  # one month after so far
    assert (recent.months_before, recent.months_after) == (12, 1)
    assert recent.months_after_requested == 12 and recent.effect.verdict == "too_little_data"
    not_yet = selectors.measure_effect(measure(world, start=date(2025, 7, 1)), control_area=world.area_a2,
                                       today=TODAY)
    assert not_yet.months_after == 0 and not_yet.after is None and not_yet.effect.verdict == "too_little_data"


def refusal(effect, measure, control_area) -> str:
    """The message with which `control_area` is refused (in whichever language is active)."""
    with pytest.raises(ValidationError) as refused:
        effect(measure, control_area=control_area, today=TODAY)
    (message,) = refused.value.message_dict["control_area"]
    return message


def test_a_control_area_overlapping_the_measure_is_refused(world):
    torget = measure(world)
    across = make_area(world.kommun_a, "Västra torget", (17.625, 59.185, 17.64, 59.195))  # not in the tree
    for control in (world.area_a, world.area_a_sub, across):  # above the treated area, itself, across it
        assert "Torget" in refusal(selectors.measure_effect, torget, control)
    refusal(selectors.measure_effect, torget, world.area_b)  # another municipality's: not seen by the plan's
    centrum = measure(world, areas=[world.area_a])
    view = selectors.measure_effect(centrum, control_area=world.area_a2, today=TODAY)  # Norr shares a border
    assert view.effect.verdict == "too_little_data"
    assert selectors.control_areas(centrum) == [world.area_a2]
    assert selectors.control_areas(torget) == [world.area_a2]


def test_the_plan_area_is_treated_when_the_measure_names_none(world):
    plant(world, seed=5, treated_after=0.5, control_after=1.0)
    view = selectors.measure_effect(measure(world, areas=[]), control_area=world.area_a2, today=TODAY)
    assert view.treated_areas == [world.area_a]  # Centrum, with Torget inside it
    assert view.effect.verdict == "decrease"


def survey(world, rows: list[tuple[str, str, float]]):
    """The organisation's own indicator series "Andel otrygga" with values (area, period, value)."""
    lines = "".join(f"Andel otrygga;{area};{period};{str(round(value, 2)).replace('.', ',')};Totalt;procent\r\n"
                    for area, period, value in rows)
    parsed = formats.parse(("Indikator;Område;År;Värde;Kön;Enhet\r\n" + lines).encode(), "trygghet.csv", "table")
    import_indicators(parsed, user=world.alice, owner=world.kommun_a)
    return IndicatorSeries.objects.get(owner=world.kommun_a, name="Andel otrygga")


def quarters(seed: int, treated_after: float, control_after: float) -> list[tuple[str, str, float]]:
    """Quarterly shares 2022Q3–2025Q3 in Torget (40 %) and Norr (35 %) with noise; from 2024Q3 on (the measure
    started in July 2024) each is moved by its change in points. 2025Q3 is not over on TODAY."""
    rng = np.random.default_rng(seed)
    rows = []
    for year, q in [(y, q) for y in (2022, 2023, 2024, 2025) for q in (1, 2, 3, 4)][2:15]:
        after = (year, q) >= (2024, 3)
        rows.append(("Torget", f"{year}Q{q}", 40 + (treated_after if after else 0) + rng.normal(0, 1.5)))
        rows.append(("Norr", f"{year}Q{q}", 35 + (control_after if after else 0) + rng.normal(0, 1.5)))
    return rows + [("Torget", "2024", 38.0), ("Norr", "2024", 35.0)]  # a year spanning the start: left out


def indicator_measure(world, series):
    plan_measure = measure(world)
    goal = services.goal_save(actor=world.alice, plan=plan_measure.plan, title="Färre otrygga på torget",
                              indicator="andel otrygga", source="indikator", series=series, area=world.area_a_sub,
                              baseline=40, baseline_date=date(2024, 1, 1), target=30, target_date=date(2026, 1, 1))
    plan_measure.goals.add(goal)
    return plan_measure


def test_an_indicator_drop_is_recovered(world):
    series = survey(world, quarters(1, treated_after=-10, control_after=0))
    view = selectors.measure_value_effect(indicator_measure(world, series), control_area=world.area_a2,
                                          today=TODAY)
    assert view.periods == ["2022Q3", "2022Q4", "2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2",
                            "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    assert view.start_index == 8 and view.series == series
    assert view.effect.kind == "value" and view.effect.verdict == "decrease", view.effect
    assert -13 < view.effect.estimate < -7 and view.effect.ci_low < -10 < view.effect.ci_high


def test_an_indicator_change_in_both_areas_is_no_effect(world):
    series = survey(world, quarters(2, treated_after=-3, control_after=-3))
    view = selectors.measure_value_effect(indicator_measure(world, series), control_area=world.area_a2,
                                          today=TODAY)
    assert view.effect.verdict == "no_clear_change", view.effect
    assert view.effect.ci_low < 0 < view.effect.ci_high


def test_a_measure_without_an_indicator_goal_has_no_indicator_effect(world):
    assert selectors.measure_value_effect(measure(world), control_area=world.area_a2, today=TODAY) is None
    assert "Torget" in refusal(selectors.measure_value_effect, measure(world), world.area_a)


def test_the_effect_page_says_it_plainly_for_incidents_and_the_indicator(world, login):
    plant(world, seed=1, treated_after=0.5, control_after=1.0)
    series = survey(world, quarters(1, treated_after=-10, control_after=0))
    planted = indicator_measure(world, series)
    page = login(world.alice).get(f"/plans/measures/{planted.pk}/effect/",
                                  {"control_area": world.area_a2.pk, "months_before": 12, "months_after": 12})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Händelserna minskade mer i åtgärdens område än i jämförelseområdet." in html
    assert "Indikatorn sjönk mer i åtgärdens område än i jämförelseområdet." in html
    assert "Detta är en jämförelse, inte ett bevis." in html and html.count("<img") >= 2
    refused = login(world.alice).get(f"/plans/measures/{planted.pk}/effect/", {"control_area": world.area_a.pk})
    assert "Resultat" not in refused.content.decode() and "errorlist" in refused.content.decode()
