"""Issue 5's Must show, in Chromium: from a prioritised problem in an adopted lägesbild to a measure with an
owner and a goal; two follow-ups; the plan's dashboard and the half-year report (PDF) reflect both."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from browsing import assert_accessible
from pdf_pixels import pages
from reporting import category, report
from samtrygg.lagesbild import services as lagesbild_services
from samtrygg.plans.document import half_year
from samtrygg.plans.models import ActionPlan, FollowUp
from test_browser_plans import national_methods  # noqa: F401 - autouse: the method bank survives a flush

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()
HALF_START, _HALF_END = half_year(TODAY)
BASELINE = HALF_START - timedelta(days=1)
PHONE = {"width": 390, "height": 844}


def adopted_lagesbild(world):
    lagesbild = lagesbild_services.lagesbild_create(
        actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Lägesbild Centrum",
        period_start=BASELINE - timedelta(days=364), period_end=BASELINE)
    lagesbild_services.problem_save(actor=world.alice, lagesbild=lagesbild, title="Klotter vid torget kvällstid",
                                    description="Fredag och lördag kväll vid gångtunneln.", area=world.area_a_sub)
    lagesbild_services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    return lagesbild_services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=BASELINE,
                                              decided_by="Kommunstyrelsen")


def save(page):
    page.locator("main form button[type=submit]").first.click()
    page.locator(".messages").wait_for()


def follow_up(page, day, status: str, done: str, value: str):
    page.get_by_role("link", name="Registrera en uppföljning").click()
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_status").select_option(label=status)
    page.locator("#id_production").fill(done)
    page.get_by_label("Andel boende som ser klotter (%)").fill(value)
    save(page)
    assert "Uppföljningen registrerades." in page.locator(".messages").inner_text()


def test_from_a_prioritised_problem_to_a_followed_up_measure_on_the_dashboard_and_in_the_report(
        world, page_for, live_server):
    lagesbild = adopted_lagesbild(world)

    # Alice opens the adopted lägesbild and makes an action plan from it: its problem comes along.
    alice = page_for("alice")
    alice.goto(f"{live_server.url}/lagesbild/{lagesbild.pk}/")
    alice.get_by_role("link", name="Gör en åtgärdsplan utifrån den").click()
    alice.locator("#id_period_start").fill(HALF_START.isoformat())
    alice.locator("#id_period_end").fill(HALF_START.replace(year=HALF_START.year + 2).isoformat())
    save(alice)
    plan = ActionPlan.objects.get()
    assert alice.url == f"{live_server.url}/plans/{plan.pk}/" and plan.lagesbild == lagesbild
    assert "Klotter vid torget kvällstid" in alice.locator("#problems-heading + ol").inner_text()

    # The cause analysis.
    alice.get_by_role("link", name="Analysera orsaker och redigera").click()
    alice.locator("#id_place").fill("Gångtunneln är mörk och syns inte från gatan.")
    alice.locator("#id_place_managers").fill("Gatukontoret och bostadsbolaget.")
    save(alice)
    assert "Orsaksanalys skriven." in alice.locator("#problems-heading + ol").inner_text()

    # A goal, measured at follow-ups.
    alice.get_by_role("link", name="Lägg till ett mål").click()
    alice.locator("#id_title").fill("Halvera andelen som ser klotter vid torget")
    alice.locator("#id_problem").select_option(label="Klotter vid torget kvällstid")
    alice.locator("#id_indicator").fill("Andel boende som ser klotter")
    alice.locator("#id_unit").fill("%")
    alice.locator("#id_source").select_option(value="manuell")
    alice.locator("#id_baseline").fill("40")
    alice.locator("#id_baseline_date").fill(BASELINE.isoformat())
    alice.locator("#id_target").fill("20")
    alice.locator("#id_target_date").fill(BASELINE.replace(year=BASELINE.year + 2).isoformat())
    save(alice)

    # A measure against the problem's cause, with its owner (organisation and function) and the goal.
    alice.locator("#problems-heading + ol").get_by_role("link", name="Lägg till en åtgärd").click()
    alice.locator("#id_title").fill("Ny belysning i gångtunneln")
    alice.locator("#id_addresses").select_option(value="plats")
    alice.locator("#id_kind").select_option(value="situationell")
    alice.locator("#id_strategy").select_option(value="risk")
    alice.get_by_label("Halvera andelen som ser klotter vid torget").check()
    alice.locator("#id_owner").select_option(label="Socialförvaltningen")
    alice.locator("#id_owner_function").fill("Fältsamordnare")
    alice.locator("#id_start").fill(HALF_START.isoformat())
    alice.locator("#id_budget").fill("250000")
    save(alice)
    alice.wait_for_url(re.compile(r"/plans/measures/\d+/$"))
    facts = alice.locator(".facts").inner_text()
    assert "Socialförvaltningen, Fältsamordnare" in facts and "Klotter vid torget kvällstid" in facts
    assert_accessible(alice, "measure-detail")

    # Two follow-ups: green with a first value, then yellow with a second.
    follow_up(alice, HALF_START, "Grön: går enligt plan", "Tolv nya armaturer monterade i tunneln.", "34")
    follow_up(alice, TODAY, "Gul: försenad eller osäker", "Resterande armaturer försenade från leverantören.",
              "30")
    assert FollowUp.objects.count() == 2
    history = alice.locator("ol.goals").inner_text()
    assert "Tolv nya armaturer" in history and "Resterande armaturer" in history

    # The dashboard reflects them: the measure is yellow, last followed up today, the goal's latest value 30.
    alice.get_by_role("link", name=plan.title).first.click()
    alice.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")
    figures = alice.locator("#state-heading + dl").inner_text()
    assert re.search(r"Åtgärder: Gul\s+1", figures) and re.search(r"Åtgärder: Grön\s+0", figures)
    row = alice.locator("#measures-heading ~ .table-wrap tbody tr").first.inner_text()
    assert "Ny belysning i gångtunneln" in row and "Gul" in row and TODAY.isoformat() in row
    goal = alice.locator("ul.goals > li").first.inner_text()
    assert "Senaste värde: 30" in goal and "I fas" in goal  # 40 → 30 within months: ahead of the path to 20
    assert alice.locator("ul.goals img").first.evaluate("img => img.naturalWidth > 0")
    assert_accessible(alice, "plan-dashboard")
    alice.screenshot(path="/tmp/plan-dashboard-1280.png", full_page=True)

    # The half-year report to kommunstyrelsen, as PDF.
    with alice.expect_download() as download:
        alice.get_by_role("button", name="Rapport som PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(page["text"] for page in pages(pdf)).split())
    for expected in ("Uppföljning av", "Rapport till kommunstyrelsen", "Sida 1 av",
                     "Tolv nya armaturer monterade i tunneln.", "Resterande armaturer försenade från leverantören.",
                     "Ny belysning i gångtunneln", "Halvera andelen som ser klotter vid torget", "Gul",
                     "samtrygg · Uppföljning"):
        assert expected in text, expected
    assert re.search(r"\b2 Uppföljningar under perioden", text), "two follow-ups counted in the key figures"

    # On a phone, the dashboard fits the screen.
    phone = page_for("alice", viewport=PHONE)
    phone.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_plan_pages_pass_axe(world, page_for, live_server):
    """Every form and page of the plans module, as a coordinator sees it (WCAG 2.1 A/AA)."""
    from samtrygg.plans import services

    plan = services.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Trygg i centrum",
                                period_start=HALF_START, period_end=HALF_START.replace(year=HALF_START.year + 2))
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter vid torget")
    goal = services.goal_save(actor=world.alice, plan=plan, problem=problem, title="Halvera klotter",
                              indicator="Andel", unit="%", baseline=40, baseline_date=BASELINE, target=20,
                              target_date=BASELINE.replace(year=BASELINE.year + 2))
    measure = services.measure_save(actor=world.alice, plan=plan, problem=problem, goals=[goal],
                                    title="Belysning", kind="situationell", owner=world.kommun_a,
                                    owner_function="Gatuchef", start=HALF_START)
    conflict = services.conflict_save(actor=world.alice, plan=plan, title="Röjning mot naturvård")
    services.problem_save(actor=world.alice, plan=plan, problem=problem, incidents=[report(world)])
    report(world, hours_ago=5)  # one to link
    agreement = services.agreement_save(actor=world.alice, owner=world.kommun_a, parties=[world.police],
                                        title="Samverkan 2026", period_start=HALF_START,
                                        period_end=HALF_START.replace(year=HALF_START.year + 2),
                                        focus_areas=["Trygg centrummiljö"])
    alice = page_for("alice")
    for name, path in [
        ("plan-list", "/plans/"), ("plan-new", "/plans/new/"), ("problem-form", f"/plans/problems/{problem.pk}/"),
        ("goal-form", f"/plans/goals/{goal.pk}/"), ("measure-form", f"/plans/measures/{measure.pk}/edit/"),
        ("follow-up-form", f"/plans/measures/{measure.pk}/follow-up/"),
        ("effect", f"/plans/measures/{measure.pk}/effect/?control_area={world.area_a2.pk}"),
        ("linked-incidents", f"/plans/problems/{problem.pk}/incidents/?category={category('skadegorelse').pk}"),
        ("conflict-form", f"/plans/conflicts/{conflict.pk}/"), ("agreements", "/plans/agreements/"),
        ("agreement", f"/plans/agreements/{agreement.pk}/"), ("method-new", "/plans/methods/new/"),
    ]:
        alice.goto(f"{live_server.url}{path}")
        assert alice.locator("h1").count() == 1, name
        assert_accessible(alice, name)
