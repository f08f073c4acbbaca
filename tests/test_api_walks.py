"""Safety walks through the REST API (issue 18 point 7): the pages' rights (VIEW to read, REPORT to plan and record,
CHANGE to act on an observation; 404 for what the user may not do so), writes through the services (audited), an
observation sent again under its client_key stored once, read-only tokens refused."""

import datetime
import uuid
from datetime import date

import pytest
from django.utils import timezone

from identity_numbers import identity_number
from reporting import TORGET, category
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import ApiToken, Role
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident, Source
from samtrygg.plans import services as plans
from samtrygg.plans.models import Measure
from samtrygg.walks import services as walks
from samtrygg.walks.models import Observation, Participant, Walk, WalkStatus
from test_api_plans import Api, _fresh_throttle, api  # noqa: F401, F811 - fixtures
from test_api_robustness import conforms

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ROUTE = {"type": "LineString", "coordinates": [[17.624, 59.194], [17.626, 59.196]]}


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def walk(world):
    return walks.walk_save(actor=world.alice, owner=world.kommun_a, area=world.area_a_sub, title="Kvällsvandring",
                           starts_at=timezone.now() - datetime.timedelta(hours=2), meeting_place="Biblioteket")


@pytest.fixture
def observation(world, walk):
    return walks.observation_add(actor=world.bob, walk=walk, category=category("fysisk-miljo.belysning"),
                                 lat=TORGET[0], lon=TORGET[1], unsafe=4, description="Trasig lampa",
                                 suggested_measure="Byt lampan\noch röj buskarna", responsible=world.kommun_a,
                                 responsible_function="Gatuenheten")


@pytest.fixture
def draft_plan(world):
    return plans.plan_create(actor=world.alice, owner=world.kommun_a, title="Trygghetsplan", area=world.area_a,
                             period_start=TODAY - datetime.timedelta(days=30),
                             period_end=TODAY + datetime.timedelta(days=700))


def _observation(**changes):
    body = {"lat": TORGET[0], "lon": TORGET[1], "category": category("skadegorelse.klotter").pk, "unsafe": 2,
            "description": "Klotter på muren", "suggested_measure": "Sanera", "responsible_function": "Fastighet"}
    body.update(changes)
    return body


def test_a_walk_is_planned_changed_and_read(world, api, document):  # noqa: F811
    bob = api(world.bob)
    starts = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    planned = bob.post("/api/v1/walks/", {"area": world.area_a_sub.pk, "title": "Vandring i Torget",
                                          "starts_at": starts.isoformat(), "meeting_place": "Torget",
                                          "route": ROUTE})  # owner left out: Bob plans for Exempelstad only
    assert planned.status_code == 201, planned.json()
    conforms(document, "/api/v1/walks/", "POST", planned)
    data = planned.json()
    walk = Walk.objects.get(pk=data["id"])
    assert (walk.owner, walk.area, walk.created_by, walk.status) == (
        world.kommun_a, world.area_a_sub, world.bob, WalkStatus.PLANNED)
    assert (data["owner_name"], data["area_name"], data["route"], data["participants"], data["observations"]) == (
        world.kommun_a.name, "Torget", ROUTE, [], [])
    assert AuditEntry.objects.filter(object_type="walks.walk", object_id=str(walk.pk), actor=world.bob).exists()
    changed = bob.patch(f"/api/v1/walks/{walk.pk}/", {"title": "Vandring kring Torget", "route": None,
                                                       "area": world.area_a2.pk})
    assert changed.status_code == 200, changed.json()
    conforms(document, "/api/v1/walks/{id}/", "PATCH", changed)
    assert (changed.json()["title"], changed.json()["route"], changed.json()["area_name"]) == (
        "Vandring kring Torget", None, "Norr")
    bad = bob.patch(f"/api/v1/walks/{walk.pk}/", {"route": {"type": "Point", "coordinates": [17.6, 59.1]},
                                                   "area": world.area_b.pk})
    assert bad.status_code == 400 and set(bad.json()) == {"route", "area"}
    conforms(document, "/api/v1/walks/{id}/", "PATCH", bad)
    listed = api(world.alice).get("/api/v1/walks/")
    assert [w["id"] for w in listed.json()] == [walk.pk]
    conforms(document, "/api/v1/walks/", "GET", listed)
    one = api(world.alice).get(f"/api/v1/walks/{walk.pk}/")
    assert one.json()["title"] == "Vandring kring Torget"
    conforms(document, "/api/v1/walks/{id}/", "GET", one)
    for_two = api(world.carol).post("/api/v1/walks/", {"owner": world.kommun_a.pk, "area": world.area_a.pk,
                                                       "title": "X", "starts_at": starts.isoformat()})
    assert for_two.status_code == 400 and set(for_two.json()) == {"owner", "area"}  # not hers to choose
    refused = bob.post("/api/v1/walks/", {"area": world.area_a.pk, "title": "X", "starts_at": starts.isoformat(),
                                          "meeting_place": f"Hos {identity_number(date(1987, 4, 23), 238)}"})
    assert refused.status_code == 422 and refused.json()["code"] == "personal_data"
    conforms(document, "/api/v1/walks/", "POST", refused)
    assert Walk.objects.count() == 1


def test_participants_observations_and_the_walk_done(world, api, walk, document):  # noqa: F811
    bob = api(world.bob)
    added = bob.post(f"/api/v1/walks/{walk.pk}/participants/", {"organisation": world.police.pk,
                                                                 "function": "Kommunpolis", "count": 2})
    assert added.status_code == 201, added.json()
    conforms(document, "/api/v1/walks/{id}/participants/", "POST", added)
    assert added.json()["organisation_name"] == world.police.name
    assert Participant.objects.get(walk=walk).count == 2
    key = str(uuid.uuid4())
    first = bob.post(f"/api/v1/walks/{walk.pk}/observations/", _observation(client_key=key))
    assert first.status_code == 201, first.json()
    conforms(document, "/api/v1/walks/{id}/observations/", "POST", first)
    again = bob.post(f"/api/v1/walks/{walk.pk}/observations/", _observation(client_key=key))
    assert again.status_code == 200 and again.json() == first.json()  # sent twice from the phone: stored once
    conforms(document, "/api/v1/walks/{id}/observations/", "POST", again)
    assert Observation.objects.filter(walk=walk).count() == 1
    stored = Observation.objects.get(walk=walk)
    assert (stored.recorded_by, str(stored.client_key), stored.unsafe, stored.category.code) == (
        world.bob, key, 2, "skadegorelse.klotter")
    assert (first.json()["category_code"], first.json()["has_photo"], first.json()["incident"]) == (
        "skadegorelse.klotter", False, None)
    outside = bob.post(f"/api/v1/walks/{walk.pk}/observations/", _observation(lat=40.0, unsafe=7))
    assert outside.status_code == 400 and set(outside.json()) == {"lat", "unsafe"}
    conforms(document, "/api/v1/walks/{id}/observations/", "POST", outside)
    personal = bob.post(f"/api/v1/walks/{walk.pk}/observations/",
                        _observation(description=f"Bor {identity_number(date(1987, 4, 23), 238)}"))
    assert personal.status_code == 422
    conforms(document, "/api/v1/walks/{id}/observations/", "POST", personal)
    other = walks.walk_save(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Annan vandring",
                            starts_at=timezone.now())
    reused = bob.post(f"/api/v1/walks/{other.pk}/observations/", _observation(client_key=key))
    assert reused.status_code == 400 and list(reused.json()) == ["client_key"]
    assert Observation.objects.count() == 1
    done = bob.post(f"/api/v1/walks/{walk.pk}/done/", {"summary": "Belysningen brister."})
    assert done.status_code == 200, done.json()
    conforms(document, "/api/v1/walks/{id}/done/", "POST", done)
    assert (done.json()["status"], done.json()["summary"], len(done.json()["participants"]),
            [o["id"] for o in done.json()["observations"]]) == ("genomford", "Belysningen brister.", 1, [stored.pk])
    assert AuditEntry.objects.filter(object_type="walks.observation", object_id=str(stored.pk),
                                     actor=world.bob).exists()


def test_an_observation_becomes_an_incident_and_a_measure_once(
        world, api, observation, draft_plan, document):  # noqa: F811
    alice = api(world.alice)
    made = alice.post(f"/api/v1/walk-observations/{observation.pk}/incident/")
    assert made.status_code == 201, made.json()
    conforms(document, "/api/v1/walk-observations/{id}/incident/", "POST", made)
    incident = Incident.objects.get(pk=made.json()["incident"])
    assert (incident.source, incident.owner, incident.description) == (
        Source.SAFETY_WALK, world.kommun_a, "Trasig lampa")
    twice = alice.post(f"/api/v1/walk-observations/{observation.pk}/incident/")
    assert twice.status_code == 400
    conforms(document, "/api/v1/walk-observations/{id}/incident/", "POST", twice)
    assert Incident.objects.count() == 1
    no_plan = alice.post(f"/api/v1/walk-observations/{observation.pk}/measure/", {"plan": 10**6})
    assert no_plan.status_code == 400 and list(no_plan.json()) == ["plan"]
    measured = alice.post(f"/api/v1/walk-observations/{observation.pk}/measure/", {"plan": draft_plan.pk})
    assert measured.status_code == 201, measured.json()
    conforms(document, "/api/v1/walk-observations/{id}/measure/", "POST", measured)
    measure = Measure.objects.get(pk=measured.json()["measure"])
    assert (measure.plan, measure.title, measure.owner_function) == (draft_plan, "Byt lampan", "Gatuenheten")
    again = alice.post(f"/api/v1/walk-observations/{observation.pk}/measure/", {"plan": draft_plan.pk})
    assert again.status_code == 400
    conforms(document, "/api/v1/walk-observations/{id}/measure/", "POST", again)
    assert Measure.objects.count() == 1
    read = alice.get(f"/api/v1/walks/{observation.walk_id}/").json()["observations"][0]
    assert (read["incident"], read["measure"]) == (incident.pk, measure.pk)


def test_bob_records_but_does_not_act_on_observations(world, api, observation, draft_plan):  # noqa: F811
    bob = api(world.bob)
    assert bob.post(f"/api/v1/walks/{observation.walk_id}/observations/", _observation()).status_code == 201
    assert bob.post(f"/api/v1/walk-observations/{observation.pk}/incident/").status_code == 404
    assert bob.post(f"/api/v1/walk-observations/{observation.pk}/measure/",
                    {"plan": draft_plan.pk}).status_code == 404
    assert not Incident.objects.exists() and not Measure.objects.exists()
    lasare = world.user("lisa", world.kommun_a, Role.LASARE)
    assert api(lasare).get(f"/api/v1/walks/{observation.walk_id}/").status_code == 200  # a reader reads
    assert api(lasare).patch(f"/api/v1/walks/{observation.walk_id}/", {"title": "X"}).status_code == 404
    assert api(lasare).post(f"/api/v1/walks/{observation.walk_id}/observations/",
                            _observation()).status_code == 404
    assert api(lasare).post("/api/v1/walks/", {}).status_code == 403  # plans for no municipality


def test_another_municipality_gets_404_on_every_walk_url(world, api, observation, draft_plan):  # noqa: F811
    carol = api(world.carol)
    walk = observation.walk
    assert carol.get("/api/v1/walks/").json() == []
    assert carol.get(f"/api/v1/walks/{walk.pk}/").status_code == 404
    assert carol.patch(f"/api/v1/walks/{walk.pk}/", {"title": "Hennes"}).status_code == 404
    assert carol.post(f"/api/v1/walks/{walk.pk}/participants/", {"organisation": world.kommun_b.pk,
                                                                  "function": "Samordnare"}).status_code == 404
    assert carol.post(f"/api/v1/walks/{walk.pk}/observations/", _observation()).status_code == 404
    assert carol.post(f"/api/v1/walks/{walk.pk}/done/", {}).status_code == 404
    assert carol.post(f"/api/v1/walk-observations/{observation.pk}/incident/").status_code == 404
    assert carol.post(f"/api/v1/walk-observations/{observation.pk}/measure/",
                      {"plan": draft_plan.pk}).status_code == 404
    walk.refresh_from_db()
    assert (walk.title, walk.status, walk.participants.count(), walk.observations.count()) == (
        "Kvällsvandring", WalkStatus.PLANNED, 0, 1)


def test_a_read_only_token_reads_walks_but_writes_nothing(world, client, walk, observation, document):
    _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="läsare",
                                          scope=ApiToken.Scope.READ)
    reader = Api(client, secret)
    assert reader.get(f"/api/v1/walks/{walk.pk}/").status_code == 200
    writes = [("post", "/api/v1/walks/", {"area": world.area_a.pk, "title": "X",
                                          "starts_at": timezone.now().isoformat()}, "/api/v1/walks/"),
              ("patch", f"/api/v1/walks/{walk.pk}/", {"title": "X"}, "/api/v1/walks/{id}/"),
              ("post", f"/api/v1/walks/{walk.pk}/participants/", {"organisation": world.police.pk,
                                                                  "function": "Polis"},
               "/api/v1/walks/{id}/participants/"),
              ("post", f"/api/v1/walks/{walk.pk}/observations/", _observation(), "/api/v1/walks/{id}/observations/"),
              ("post", f"/api/v1/walks/{walk.pk}/done/", {}, "/api/v1/walks/{id}/done/"),
              ("post", f"/api/v1/walk-observations/{observation.pk}/incident/", {},
               "/api/v1/walk-observations/{id}/incident/")]
    for method, url, body, path in writes:
        refused = reader.send(method, url, body)
        assert refused.status_code == 403, (url, refused.status_code)
        conforms(document, path, method.upper(), refused)
    walk.refresh_from_db()
    assert (walk.title, walk.status, Walk.objects.count(), Observation.objects.count(), Incident.objects.count()) == (
        "Kvällsvandring", WalkStatus.PLANNED, 1, 1, 0)
