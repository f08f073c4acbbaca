"""How far goals have come (manual values and incidents counted as rolling 12-month sums), when a measure's
follow-up is due, and the half-yearly follow-up report to kommunstyrelsen: its key figures, the follow-ups of the
period, a trend per goal, and the PDF."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from pdf_pixels import pages
from reporting import GRANNSTAD, NORR, TORGET, category, report
from samtrygg.plans import selectors, services
from samtrygg.plans.document import compose_report, half_year
from samtrygg.plans.models import Measure
from samtrygg.plans.selectors.progress import progress
from samtrygg.publishing.document import Document, Figure, KeyFigures, Paragraph, Table
from samtrygg.publishing.pdf import render_pdf

pytestmark = pytest.mark.django_db

STOCKHOLM = timezone.get_default_timezone()


def sv(text: str) -> str:
    """A label as the (Swedish) report writes it."""
    with translation.override("sv"):
        return gettext(text)


def make_plan(world, **fields):
    fields.setdefault("title", "Åtgärdsplan Centrum 2025–2026")
    return services.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                period_start=date(2025, 1, 1), period_end=date(2026, 12, 31), **fields)


def make_goal(world, plan, categories=None, **fields):
    fields = {"title": "Klottret ska halveras", "indicator": "Rapporterade klotter", "source": "manuell",
              "baseline": 100, "baseline_date": date(2024, 1, 1), "target": 50, "target_date": date(2026, 1, 1),
              **fields}
    return services.goal_save(actor=world.alice, plan=plan, categories=categories, **fields)


def make_measure(world, plan, **fields):
    fields = {"title": "Ny belysning i gångtunneln", "kind": "situationell", "owner": world.kommun_a,
              "owner_function": "Trygghetssamordnare", "start": date(2025, 1, 1), **fields}
    return services.measure_save(actor=world.alice, plan=plan, **fields)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


# --- progress of manual goals -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "state"), [(None, "no_values"), (45, "reached"), (50, "reached"),
                                              (70, "on_track"), (80, "behind")])
def test_a_lower_is_better_goal_against_the_straight_path(world, value, state):
    goal = make_goal(world, make_plan(world))  # 100 → 50 over two years: 75 expected after one
    services.goal_value_add(actor=world.alice, goal=goal, date=date(2023, 12, 1), value=10)  # before the baseline
    if value is not None:
        services.goal_value_add(actor=world.alice, goal=goal, date=date(2024, 6, 1), value=99)
        services.goal_value_add(actor=world.alice, goal=goal, date=date(2025, 1, 1), value=value)
    result = progress(goal, date(2025, 6, 1))
    assert result.state == state
    if value is None:
        assert result.points == [(date(2024, 1, 1), 100)] and result.latest is None
    else:
        assert result.points == [(date(2024, 1, 1), 100), (date(2024, 6, 1), 99), (date(2025, 1, 1), value)]
        assert result.expected == pytest.approx(100 - 50 * 366 / 731)
        assert result.change == value - 100


@pytest.mark.parametrize(("value", "state"), [(40, "reached"), (41, "reached"), (31, "on_track"), (29, "behind")])
def test_a_higher_is_better_goal_against_the_straight_path(world, value, state):
    goal = make_goal(world, make_plan(world), title="Fler ska känna sig trygga", indicator="Andel trygga",
                     unit="%", baseline=20, target=40)
    services.goal_value_add(actor=world.alice, goal=goal, date=date(2025, 1, 1), value=value)
    result = progress(goal, date(2025, 6, 1))
    assert result.state == state
    assert result.expected == pytest.approx(20 + 20 * 366 / 731)


def test_after_the_target_date_the_path_stands_at_the_target(world):
    goal = make_goal(world, make_plan(world))
    services.goal_value_add(actor=world.alice, goal=goal, date=date(2026, 6, 1), value=55)
    result = progress(goal, date(2026, 7, 1))
    assert result.expected == 50 and result.state == "behind"


# --- progress of incident goals ---------------------------------------------------------------------------------

def test_an_incident_goal_counts_rolling_12_month_sums_at_month_ends(world):
    """Windows: January 2025 = Feb 2024–Jan 2025, February = Mar 2024–Feb 2025, March = Apr 2024–Mar 2025."""
    klotter = category("skadegorelse.klotter")
    planted = [(date(2024, 1, 15), 7),  # before every window
               (date(2024, 2, 10), 1),  # January only
               (date(2024, 3, 20), 2),  # January, February
               (date(2024, 6, 15), 3),  # all three
               (date(2025, 2, 5), 4)]   # February, March
    for day, n in planted:
        for _ in range(n):
            report(world, occurred_from=at(day), category=klotter)
    for _ in range(5):  # March and only March: just after local midnight (still February in UTC)
        report(world, occurred_from=at(date(2025, 3, 1), 0, 30), category=klotter)
    report(world, occurred_from=at(date(2025, 4, 2)), category=klotter)  # after the last whole month
    # not counted: another category, another area, another municipality (even at the same place)
    report(world, occurred_from=at(date(2024, 6, 15)), category=category("stold.cykel"))
    report(world, occurred_from=at(date(2024, 6, 15)), category=klotter, where=NORR)
    for where in (TORGET, GRANNSTAD):
        report(world, occurred_from=at(date(2024, 6, 15)), category=klotter, actor=world.carol,
               owner=world.kommun_b, where=where)
    plan = make_plan(world)
    goal = make_goal(world, plan, categories=[klotter], source="handelser", area=world.area_a, baseline=10,
                     baseline_date=date(2024, 12, 31), target=5, target_date=date(2026, 12, 31))
    result = progress(goal, date(2025, 4, 15))
    assert result.points == [(date(2024, 12, 31), 10), (date(2025, 1, 31), 6), (date(2025, 2, 28), 9),
                             (date(2025, 3, 31), 12)]
    assert result.state == "behind"
    # the whole of Centrum's sub-areas count, and without an area the plan's area is used
    services.goal_save(actor=world.alice, plan=plan, goal=goal, area=None)
    assert progress(goal, date(2025, 4, 15)).points[-1] == (date(2025, 3, 31), 12)
    # a whole month must have passed since the baseline's month
    assert progress(goal, date(2025, 1, 20)).state == "no_values"
    # left without a baseline, samtrygg counts it: the 12 months up to the baseline date's month (Jan–Dec 2024)
    counted = make_goal(world, plan, categories=[klotter], source="handelser", area=world.area_a, baseline=None,
                        baseline_date=date(2024, 12, 31), target=5, target_date=date(2026, 12, 31))
    assert counted.baseline == 7 + 1 + 2 + 3
    with pytest.raises(ValidationError):  # other goals need theirs
        make_goal(world, plan, source="manuell", baseline=None)


def test_an_incident_goal_over_several_categories_and_the_main_category(world):
    for code in ("skadegorelse.klotter", "skadegorelse.glaskross", "stold.cykel"):
        report(world, occurred_from=at(date(2025, 1, 10)), category=category(code))
    plan = make_plan(world)
    damage = make_goal(world, plan, categories=[category("skadegorelse")], source="handelser", baseline=5,
                       baseline_date=date(2024, 12, 31), target=1, target_date=date(2025, 12, 31))
    both = make_goal(world, plan, categories=[category("skadegorelse.glaskross"), category("stold.cykel")],
                     source="handelser", baseline=5, baseline_date=date(2024, 12, 31), target=1,
                     target_date=date(2025, 12, 31))
    assert progress(damage, date(2025, 2, 3)).latest == (date(2025, 1, 31), 2)  # its subcategories count
    assert progress(both, date(2025, 2, 3)).latest == (date(2025, 1, 31), 2)
    assert progress(damage, date(2025, 2, 3)).state == "on_track"  # 2 ≤ 5 − 4 × 31/365


# --- the half-yearly report -------------------------------------------------------------------------------------

def test_half_years():
    assert half_year(date(2025, 1, 1)) == half_year(date(2025, 6, 30)) == (date(2025, 1, 1), date(2025, 6, 30))
    assert half_year(date(2025, 7, 1)) == half_year(date(2025, 12, 31)) == (date(2025, 7, 1), date(2025, 12, 31))


def section(doc: Document, key: str):
    return next(s for s in doc.sections if s.key == key)


def key_figures(doc: Document) -> dict[str, float]:
    block = next(b for b in section(doc, "sammanfattning").blocks if isinstance(b, KeyFigures))
    return {item.label: item.value for item in block.items}


@pytest.fixture
def followed_up(world):
    """A plan in its first half of 2025: three measures in green, yellow and red, two follow-ups in the period and
    one before it, a manual and an incident goal."""
    plan = make_plan(world)
    manual = make_goal(world, plan, title="Otryggheten i Torget ska halveras", indicator="Andel otrygga",
                       unit="%", baseline=40, baseline_date=date(2024, 6, 30), target=20,
                       target_date=date(2026, 6, 30))
    incidents = make_goal(world, plan, title="Klottret ska minska", categories=[category("skadegorelse.klotter")],
                          source="handelser", baseline=3, baseline_date=date(2024, 12, 31), target=1,
                          target_date=date(2026, 12, 31))
    lamps = make_measure(world, plan, title="Belysning i gångtunneln", start=date(2025, 1, 1), goals=[manual])
    walks = make_measure(world, plan, title="Nattvandring", start=date(2024, 5, 15), status="rod")
    make_measure(world, plan, title="Kameror vid stationen", start=date(2024, 6, 1), follow_up_months=3,
                 status="gul")
    services.follow_up_add(actor=world.alice, measure=walks, date=date(2024, 11, 15), status="rod",
                           production="Gammal uppföljning före perioden")
    services.follow_up_add(actor=world.alice, measure=lamps, date=date(2025, 3, 10), status="gul",
                           production="Tio lampor bytta", goal_values={manual: 36})
    services.follow_up_add(actor=world.alice, measure=lamps, date=date(2025, 5, 20), status="gron",
                           effect="Fler rör sig i tunneln", goal_values={manual: 30})
    for day in (date(2025, 1, 12), date(2025, 2, 3), date(2025, 2, 4)):
        report(world, occurred_from=at(day))
    start, end = half_year(date(2025, 6, 30))
    return {"plan": plan, "manual": manual, "incidents": incidents,
            "doc": compose_report(plan, start, end, today=date(2025, 7, 15))}


def test_the_report_has_key_figures_for_the_half_year(followed_up):
    figures = key_figures(followed_up["doc"])
    assert figures[sv("Measures")] == 3
    assert (figures[sv("Green")], figures[sv("Yellow")], figures[sv("Red")]) == (1, 1, 1)
    assert figures[sv("Follow-ups in the period")] == 2
    # Nattvandring: 15 May 2025, six months after November; Kameror: never followed up, due 1 September 2024
    assert figures[sv("Overdue follow-ups")] == 2
    overdue = next(b for b in section(followed_up["doc"], "forsenade").blocks if isinstance(b, Table))
    assert sorted(row[0] for row in overdue.rows) == ["Kameror vid stationen", "Nattvandring"]
    assert figures[sv("Goals reached or on track")] == 1  # 30 % is ahead of the path; 3 klotter a year is not


def test_the_report_lists_only_the_follow_ups_of_the_period(followed_up):
    rows = next(b for b in section(followed_up["doc"], "uppfoljningar").blocks if isinstance(b, Table)).rows
    assert [(row[1], row[3], row[5]) for row in rows] == [("Belysning i gångtunneln", "Tio lampor bytta", ""),
                                                          ("Belysning i gångtunneln", "", "Fler rör sig i tunneln")]
    assert "Gammal uppföljning" not in str(followed_up["doc"].to_dict())
    measures = next(b for b in section(followed_up["doc"], "atgarder").blocks if isinstance(b, Table)).rows
    assert [row[0] for row in measures] == ["Nattvandring", "Kameror vid stationen", "Belysning i gångtunneln"]


def test_the_report_has_a_trend_figure_per_goal(followed_up):
    trends = [f for f in followed_up["doc"].figures() if f.kind == "trend"]
    assert len(trends) == 2
    manual, incidents = trends  # in the order of their target dates
    assert manual.caption.startswith("Otryggheten i Torget ska halveras")
    assert manual.data["labels"] == ["2024-06", "2025-03", "2025-05"]
    outcome, path = manual.data["series"]
    assert outcome["values"] == [40, 36, 30]
    elapsed = (date(2025, 5, 20) - date(2024, 6, 30)).days / (date(2026, 6, 30) - date(2024, 6, 30)).days
    assert path["values"] == pytest.approx([40, 40 - 20 * 253 / 730, 40 - 20 * elapsed])
    assert incidents.caption.startswith("Klottret ska minska")
    assert incidents.data["labels"] == ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert incidents.data["series"][0]["values"] == [3, 1, 3, 3, 3, 3, 3]  # rolling sums, January–June 2025


def test_an_empty_period_says_so(world, followed_up):
    doc = compose_report(followed_up["plan"], date(2024, 1, 1), date(2024, 6, 30), today=date(2025, 7, 15))
    assert key_figures(doc)[sv("Follow-ups in the period")] == 0
    blocks = section(doc, "uppfoljningar").blocks
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)


def test_the_report_renders_to_pdf_with_the_follow_ups(followed_up):
    doc = followed_up["doc"]
    read = pages(render_pdf(doc))
    text = " ".join(" ".join(page["text"] for page in read).split())  # table cells wrap their lines
    assert "Tio lampor bytta" in text and "Fler rör sig i tunneln" in text
    assert "Gammal uppföljning" not in text
    assert "Otryggheten i Torget ska halveras" in text and "Exempelstad kommun" in text
    assert sum(len(page["boxes"]) for page in read) == len([f for f in doc.figures() if isinstance(f, Figure)]) == 2
    assert Document.from_dict(doc.to_dict()) == doc  # plain data: it can be frozen and rendered again


# --- when follow-up is due --------------------------------------------------------------------------------------

def test_follow_up_is_due_its_interval_after_the_start_or_the_last_follow_up_at_month_ends(world):
    plan = make_plan(world)
    monthly = make_measure(world, plan, start=date(2025, 1, 31), follow_up_months=1)
    assert selectors.next_follow_up(monthly) == date(2025, 2, 28)
    leap = make_measure(world, plan, start=date(2024, 1, 31), follow_up_months=1)
    assert selectors.next_follow_up(leap) == date(2024, 2, 29)
    yearly = make_measure(world, plan, start=date(2024, 8, 31), follow_up_months=18)
    assert selectors.next_follow_up(yearly) == date(2026, 2, 28)
    services.follow_up_add(actor=world.alice, measure=monthly, date=date(2025, 3, 31), status="gron")
    services.follow_up_add(actor=world.alice, measure=monthly, date=date(2025, 2, 10), status="gron")  # older
    assert selectors.next_follow_up(monthly) == date(2025, 4, 30)
    annotated = selectors.with_last_follow_up(Measure.objects.filter(pk=monthly.pk)).get()
    assert selectors.next_follow_up(annotated) == date(2025, 4, 30)


def test_the_last_follow_up_is_due_at_the_end_and_none_after_one_past_it(world):
    plan = make_plan(world)
    ending = make_measure(world, plan, start=date(2025, 1, 1), end=date(2025, 3, 15), follow_up_months=6)
    assert selectors.next_follow_up(ending) == date(2025, 3, 15)  # not 1 July: it ends before
    services.follow_up_add(actor=world.alice, measure=ending, date=date(2025, 3, 10), status="gron")
    assert selectors.next_follow_up(ending) == date(2025, 3, 15)
    assert selectors.follow_up_state(plan, date(2025, 3, 15)).overdue == []
    [late] = selectors.follow_up_state(plan, date(2025, 3, 16)).overdue
    assert late == ending and late.next_due == date(2025, 3, 15)
    services.follow_up_add(actor=world.alice, measure=ending, date=date(2025, 3, 20), status="gron")
    assert selectors.next_follow_up(ending) is None
    assert selectors.follow_up_state(plan, date(2026, 1, 1)).overdue == []


def test_overdue_lists_the_measures_past_their_due_date(world):
    plan = make_plan(world)
    make_measure(world, plan, title="Sen", start=date(2025, 1, 1), follow_up_months=3)
    kept = make_measure(world, plan, title="I tid", start=date(2025, 1, 1), follow_up_months=3)
    services.follow_up_add(actor=world.alice, measure=kept, date=date(2025, 3, 20), status="gron")
    state = selectors.follow_up_state(plan, date(2025, 4, 15))
    assert [(m.title, m.next_due) for m in state.overdue] == [("Sen", date(2025, 4, 1))]
    assert state.by_status == {"gron": 2, "gul": 0, "rod": 0}
    assert {m.title for m in selectors.follow_up_state(plan, date(2025, 6, 21)).overdue} == {"Sen", "I tid"}
