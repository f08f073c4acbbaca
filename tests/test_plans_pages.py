"""The action plan pages, through the test client: every page renders for the plan's coordinator, the forms
write through the services, and another municipality sees none of it."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from samtrygg.plans import services
from samtrygg.plans.models import ActionPlan, FollowUp, Measure, MethodEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = services.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Trygg i centrum",
                                period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter vid torget", area=world.area_a_sub,
                                    place="Mörka passager", guardians="Ingen rör sig där kvällstid")
    goal = services.goal_save(actor=world.alice, plan=plan, problem=problem, title="Halvera klotter vid torget",
                              indicator="Klotter per 12 månader", source="handelser", area=world.area_a_sub,
                              baseline=40, baseline_date=date(2025, 12, 31), target=20,
                              target_date=date(2027, 12, 31))
    manual = services.goal_save(actor=world.alice, plan=plan, problem=problem, title="Färre otrygga",
                                indicator="Andel otrygga", unit="%", source="manuell", baseline=30,
                                baseline_date=date(2025, 12, 31), target=20, target_date=date(2027, 12, 31))
    services.measure_save(actor=world.alice, plan=plan, problem=problem, goals=[goal, manual],
                          title="Bättre belysning", kind="situationell", owner=world.kommun_a,
                          owner_function="Gatuchef", start=date(2026, 2, 1), areas=[world.area_a_sub])
    return plan


def test_every_page_renders(world, login, plan):
    client = login(world.alice)
    measure = plan.measures.get()
    pages = [
        reverse("plans:plan_list"), reverse("plans:plan_create"), reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:plan_edit", args=[plan.pk]), reverse("plans:problem_create", args=[plan.pk]),
        reverse("plans:problem_edit", args=[plan.problems.get().pk]),
        reverse("plans:goal_create", args=[plan.pk]), reverse("plans:goal_edit", args=[plan.goals.first().pk]),
        reverse("plans:measure_create", args=[plan.pk]), reverse("plans:measure_detail", args=[measure.pk]),
        reverse("plans:measure_edit", args=[measure.pk]), reverse("plans:follow_up_add", args=[measure.pk]),
        reverse("plans:measure_effect", args=[measure.pk]),
        reverse("plans:measure_effect", args=[measure.pk]) + f"?control_area={world.area_a2.pk}&months_before=12"
                                                             "&months_after=12",
        reverse("plans:conflict_create", args=[plan.pk]), reverse("plans:agreement_list"),
        reverse("plans:agreement_create"), reverse("plans:method_create"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    for fmt in ("pdf", "docx"):
        assert client.get(reverse("plans:plan_document", args=[plan.pk, fmt])).status_code == 200
        assert client.get(reverse("plans:plan_report", args=[plan.pk, fmt]) + "?half=2026-2").status_code == 200
    assert client.get(reverse("plans:plan_report", args=[plan.pk, "pdf"]) + "?half=2026-3").status_code == 404
    for half in ("0000-1", "9999-2", "1899-2"):  # outside the calendar: no such report (year 0 was a 500)
        assert client.get(reverse("plans:plan_report", args=[plan.pk, "pdf"]) + f"?half={half}").status_code == 404


def test_another_municipality_sees_nothing(world, login, plan):
    client = login(world.carol)
    measure = plan.measures.get()
    assert "Trygg i centrum" not in client.get(reverse("plans:plan_list")).content.decode()
    for url in (reverse("plans:plan_detail", args=[plan.pk]), reverse("plans:measure_detail", args=[measure.pk]),
                reverse("plans:plan_document", args=[plan.pk, "pdf"]),
                reverse("plans:measure_effect", args=[measure.pk])):
        assert client.get(url).status_code == 404, url


def test_a_follow_up_through_the_form_records_values_and_status(world, login, plan):
    client = login(world.alice)
    measure = plan.measures.get()
    manual = plan.goals.get(source="manuell")
    response = client.post(reverse("plans:follow_up_add", args=[measure.pk]), {
        "date": timezone.localdate().isoformat(), "status": "gul", "production": "Tolv nya lampor",
        "process": "Försenad leverans", "effect": "", f"goal_{manual.pk}": "26",
    })
    assert response.status_code == 302
    assert FollowUp.objects.get(measure=measure).production == "Tolv nya lampor"
    assert Measure.objects.get(pk=measure.pk).status == "gul"
    assert manual.values.get().value == 26
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Tolv nya lampor" not in page and "rag-gul" in page


def test_a_plan_from_an_adopted_lagesbild_and_the_workflow(world, login):
    from samtrygg.lagesbild import services as lagesbild_services

    lb = lagesbild_services.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                             title="Lägesbild 2025", period_start=date(2025, 1, 1),
                                             period_end=date(2025, 12, 31))
    lagesbild_services.problem_save(actor=world.alice, lagesbild=lb, title="Rån vid stationen")
    client = login(world.alice)
    response = client.post(reverse("plans:plan_create"), {
        "owner": world.kommun_a.pk, "title": "Åtgärdsplan 2026", "area": world.area_a.pk, "lagesbild": lb.pk,
        "period_start": "2026-01-01", "period_end": "2027-12-31", "summary": "",
    })
    assert response.status_code == 200  # the lägesbild is not adopted: not offered
    lagesbild_services.lagesbild_submit(actor=world.alice, lagesbild=lb)
    lagesbild_services.lagesbild_adopt(actor=world.alice, lagesbild=lb, decided_on=date(2026, 1, 20),
                                       decided_by="Kommunstyrelsen")
    response = client.post(reverse("plans:plan_create"), {
        "owner": world.kommun_a.pk, "title": "Åtgärdsplan 2026", "area": world.area_a.pk, "lagesbild": lb.pk,
        "period_start": "2026-01-01", "period_end": "2027-12-31", "summary": "",
    })
    plan = ActionPlan.objects.get(title="Åtgärdsplan 2026")
    assert response.status_code == 302
    assert list(plan.problems.values_list("title", flat=True)) == ["Rån vid stationen"]
    client.post(reverse("plans:plan_step", args=[plan.pk, "submit"]))
    client.post(reverse("plans:plan_adopt", args=[plan.pk]), {"decided_on": "2026-02-10",
                                                              "decided_by": "Kommunfullmäktige"})
    plan.refresh_from_db()
    assert plan.is_adopted and plan.revise_by == date(2028, 2, 10)
    assert client.get(reverse("plans:goal_create", args=[plan.pk])).status_code == 404
    client.post(reverse("plans:plan_step", args=[plan.pk, "new-version"]))
    newer = ActionPlan.objects.get(previous=plan)
    assert newer.version == 2 and list(newer.problems.values_list("title", flat=True)) == ["Rån vid stationen"]


def test_an_own_method_through_the_form(world, login):
    client = login(world.alice)
    response = client.post(reverse("plans:method_create"), {
        "owner": world.kommun_a.pk, "name": "Trygga skolvägar", "code": "trygga-skolvagar", "kind": "situationell",
        "strategy": "risk", "technique": "0", "description": "Belysning och röjning längs skolvägar.",
        "evidence": "saknas", "evidence_note": "", "shared": "on",
    })
    method = MethodEntry.objects.get(code="trygga-skolvagar")
    assert response.status_code == 302 and method.owner == world.kommun_a and method.shared
    assert "Trygga skolvägar" in login(world.carol).get(reverse("plans:method_list")).content.decode()  # shared


def test_a_plan_past_its_revision_date_says_so(world, login, plan):
    services.plan_submit(actor=world.alice, plan=plan)
    services.plan_adopt(actor=world.alice, plan=plan, decided_on=date(2024, 1, 10), decided_by="KF")
    client = login(world.alice)
    assert "ska revideras" in client.get(reverse("plans:plan_list")).content.decode()
    assert "Planen skulle ha reviderats senast 2026-01-10" in client.get(
        reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    services.plan_new_version(actor=world.alice, plan=plan)
    assert "ska revideras" not in client.get(reverse("plans:plan_list")).content.decode()


def test_an_agreement_page_links_the_commitments_measures(world, login, plan):
    agreement = services.agreement_save(actor=world.alice, owner=world.kommun_a, parties=[world.police],
                                        title="Samverkan 2026", period_start=date(2026, 1, 1),
                                        period_end=date(2027, 12, 31))
    services.commitment_save(actor=world.alice, agreement=agreement, party=world.police,
                             text="Synlig polis vid torget", measures=[plan.measures.get()])
    page = login(world.alice).get(reverse("plans:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Synlig polis vid torget" in page and "Bättre belysning" in page
    police = login(world.dave).get(reverse("plans:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Synlig polis vid torget" in police and "Bättre belysning" not in police  # the plan is not theirs


def test_an_agreement_through_its_forms(world, login):
    client = login(world.alice)
    response = client.post(reverse("plans:agreement_create"), {
        "owner": world.kommun_a.pk, "title": "Samverkan 2026", "description": "", "parties": [world.police.pk],
        "focus_areas": "Trygg centrummiljö\n\nUngdomar i riskzon\n", "period_start": "2026-01-01",
        "period_end": "2027-12-31", "signed_on": "",
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    agreement = world.kommun_a.agreements.get()
    assert agreement.focus_areas == ["Trygg centrummiljö", "Ungdomar i riskzon"]
    assert list(agreement.parties.all()) == [world.police]
    client.post(reverse("plans:commitment_add", args=[agreement.pk]), {
        "party": world.police.pk, "focus_area": "Ungdomar i riskzon", "text": "Kontaktpolis på fritidsgården"})
    assert agreement.commitments.get().focus_area == "Ungdomar i riskzon"
    client.post(reverse("plans:agreement_edit", args=[agreement.pk]), {
        "title": "Samverkan 2026–2027", "description": "", "parties": [world.police.pk, world.forvaltning_a.pk],
        "focus_areas": "Trygg centrummiljö",
        "period_start": "2026-01-01", "period_end": "2027-12-31", "signed_on": ""})
    agreement.refresh_from_db()
    assert agreement.title == "Samverkan 2026–2027" and agreement.parties.count() == 2
    assert agreement.focus_areas == ["Trygg centrummiljö"]


def test_the_dashboards_charts_are_drawn_once_until_a_goal_changes(world, login, plan, monkeypatch):
    from samtrygg.publishing import figures

    drawn = []
    render = figures.render
    monkeypatch.setattr(figures, "render", lambda fig, *args, **kwargs: drawn.append(fig.alt) or render(fig, *args,
                                                                                                          **kwargs))
    client = login(world.alice)
    url = reverse("plans:plan_detail", args=[plan.pk])
    first = client.get(url).content.decode()
    assert len(drawn) == 2  # one chart per goal
    # Another view, another user of the same plan: the shared cache's drawings (the "documents" cache, a table).
    charts = re.compile(r'src="data:image/svg\+xml;base64,[^"]+"')
    assert charts.findall(client.get(url).content.decode()) == charts.findall(first) and len(drawn) == 2
    assert login(world.bob).get(url).status_code == 200 and len(drawn) == 2
    # A new value of the manual goal: its chart is drawn again, the other's is not.
    manual = plan.goals.get(source="manuell")
    services.goal_value_add(actor=world.alice, goal=manual, date=date(2026, 6, 30), value=25)
    assert "25" in login(world.alice).get(url).content.decode()
    assert len(drawn) == 3 and drawn[-1].startswith(manual.title)


def test_a_period_that_ends_before_it_starts_is_said_so_not_by_the_constraints_name(world, login):
    response = login(world.alice).post(reverse("plans:plan_create"), {
        "owner": world.kommun_a.pk, "area": world.area_a.pk, "title": "Baklänges",
        "period_start": "2027-01-01", "period_end": "2026-01-01"})
    html = response.content.decode()
    assert response.status_code == 200 and "Perioden slutar innan den börjar." in html and "plan_period" not in html
    assert not ActionPlan.objects.filter(title="Baklänges").exists()
