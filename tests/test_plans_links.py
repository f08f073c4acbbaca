"""Linking incidents to a problem or a measure through its page: filter as in the incident list, link what
matches, remove links; only incidents the user may see, only while the plan is a draft, audited."""

from datetime import date

import pytest
from django.urls import reverse

from reporting import GRANNSTAD, NORR, category, report
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.plans import services
from samtrygg.plans.views import links

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = services.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Trygg i centrum",
                                period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter vid torget", area=world.area_a_sub)
    services.measure_save(actor=world.alice, plan=plan, problem=problem, title="Bättre belysning",
                          kind="situationell", owner=world.kommun_a, owner_function="Gatuchef",
                          start=date(2026, 2, 1))
    return plan


@pytest.fixture
def incidents(world):
    """Three klotter reports in Torget, one fight in Norr, one klotter of the other municipality."""
    torget = [report(world, hours_ago=h) for h in (2, 3, 4)]
    norr = report(world, where=NORR, category=category("hot-vald.misshandel"))
    other = report(world, where=GRANNSTAD, actor=world.carol, owner=world.kommun_b)
    return torget, norr, other


@pytest.mark.parametrize("kind", ["problem", "measure"])
def test_link_the_incidents_a_filter_finds_then_remove_one(world, login, plan, incidents, kind):
    torget, norr, other = incidents
    item = plan.problems.get() if kind == "problem" else plan.measures.get()
    url = reverse(f"plans:{kind}_incidents", args=[item.pk])
    client = login(world.alice)
    klotter = category("skadegorelse.klotter").pk

    page = client.get(url, {"category": klotter})
    assert page.status_code == 200
    assert "3 händelser matchar" in page.content.decode() or "3 incidents match" in page.content.decode()

    response = client.post(url, {"action": "link", "category": klotter})
    assert response.status_code == 302
    assert set(item.incidents.values_list("pk", flat=True)) == {i.pk for i in torget}  # not Norr's, not kommun B's
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(item.pk)).latest("pk")
    assert sorted(entry.changes["incidents"][1]) == sorted(i.pk for i in torget)

    client.post(url, {"action": "link", "category": klotter})  # again: nothing new matches
    assert item.incidents.count() == 3

    client.post(url, {"action": "unlink", "ids": [torget[0].pk]})
    assert set(item.incidents.values_list("pk", flat=True)) == {torget[1].pk, torget[2].pk}
    listed = client.get(url).content.decode()
    assert reverse("incidents:detail", args=[torget[1].pk]) in listed
    assert reverse("incidents:detail", args=[torget[0].pk]) not in listed


def test_without_a_filter_nothing_is_linked(world, login, plan, incidents):
    problem = plan.problems.get()
    client = login(world.alice)
    client.post(reverse("plans:problem_incidents", args=[problem.pk]), {"action": "link"})
    assert problem.incidents.count() == 0


def test_too_many_matches_are_refused(world, login, plan, incidents, monkeypatch):
    monkeypatch.setattr(links, "LIMIT", 2)
    problem = plan.problems.get()
    client = login(world.alice)
    client.post(reverse("plans:problem_incidents", args=[problem.pk]),
                {"action": "link", "category": category("skadegorelse.klotter").pk})
    assert problem.incidents.count() == 0


def test_incidents_the_reader_may_not_see_are_counted_not_shown(world, login, plan, incidents):
    torget, _norr, other = incidents
    problem = plan.problems.get()
    services.problem_save(actor=world.alice, plan=plan, problem=problem, incidents=[torget[0], other])
    page = login(world.alice).get(reverse("plans:problem_incidents", args=[problem.pk])).content.decode()
    assert reverse("incidents:detail", args=[torget[0].pk]) in page
    assert reverse("incidents:detail", args=[other.pk]) not in page
    assert "1 kopplad händelse till" in page or "1 more linked incident" in page


def test_readers_and_adopted_plans_cannot_change_links(world, login, plan, incidents):
    torget = incidents[0]
    problem = plan.problems.get()
    url = reverse("plans:problem_incidents", args=[problem.pk])
    assert login(world.carol).get(url).status_code == 404  # another municipality
    bob = login(world.bob)  # a reporter of the municipality sees its plan, may not change it
    page = bob.get(url)
    assert page.status_code == 200 and 'id="link-heading"' not in page.content.decode()
    assert bob.post(url, {"action": "link", "category": category("skadegorelse.klotter").pk}).status_code == 404
    services.problem_save(actor=world.alice, plan=plan, problem=problem, incidents=[torget[0]])
    services.plan_submit(actor=world.alice, plan=plan)
    services.plan_adopt(actor=world.alice, plan=plan, decided_on=date(2026, 1, 20), decided_by="Kommunstyrelsen")
    client = login(world.alice)
    assert 'id="link-heading"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "unlink", "ids": [torget[0].pk]}).status_code == 404
    assert problem.incidents.count() == 1


def test_the_plan_and_measure_pages_link_to_it(world, login, plan):
    client = login(world.alice)
    problem, measure = plan.problems.get(), plan.measures.get()
    assert reverse("plans:problem_incidents", args=[problem.pk]) in \
        client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("plans:measure_incidents", args=[measure.pk]) in \
        client.get(reverse("plans:measure_detail", args=[measure.pk])).content.decode()
