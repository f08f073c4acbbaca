"""Safety walks (trygghetsvandringar): plan a walk in the municipality's area, who took part by organisation and
function, observations recorded on the walk (a photo without its metadata), an observation made an incident
(source: trygghetsvandring) or a measure in a draft action plan, each once; the reporter records but does not act
on an observation; another municipality sees none of it; the walk report reads back from its PDF."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from identity_numbers import identity_number
from pdf_pixels import pages
from reporting import TORGET, category
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Role
from samtrygg.audit.models import AuditEntry
from samtrygg.demo import walks as demo_walks
from samtrygg.incidents.models import Incident, Source
from samtrygg.plans import services as plans
from samtrygg.plans.models import Measure
from samtrygg.walks import services
from samtrygg.walks.models import Observation, Participant, Walk, WalkStatus
from test_incidents_pages import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk(world):
    return services.walk_save(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Kvällsvandring Torget",
                              starts_at=timezone.now() - timedelta(hours=3), meeting_place="Utanför biblioteket",
                              route='{"type":"LineString","coordinates":[[17.62,59.19],[17.625,59.195]]}')


def observe(world, walk, **fields):
    values = {"category": category("fysisk-miljo.belysning"), "lat": TORGET[0], "lon": TORGET[1], "unsafe": 4,
              "description": "Lampan vid gångtunneln är trasig.", "suggested_measure": "Byt armaturen",
              "responsible": world.kommun_a, "responsible_function": "Gatuenheten"}
    values.update(fields)
    return services.observation_add(actor=world.bob, walk=walk, **values)


def draft_plan(world):
    return plans.plan_create(actor=world.alice, owner=world.kommun_a, title="Trygghetsplan", area=world.area_a,
                             period_start=timezone.localdate() - timedelta(days=30),
                             period_end=timezone.localdate() + timedelta(days=700))


def test_plan_a_walk_through_the_pages(world, login):
    client = login(world.bob)  # a reporter plans walks too
    assert client.get(reverse("walks:create")).status_code == 200
    response = client.post(reverse("walks:create"), {
        "owner": world.kommun_a.pk, "area": world.area_a.pk, "title": "Vandring i Centrum",
        "starts_at": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "meeting_place": "Torget", "route": "[[1,2]]"})
    assert response.status_code == 200 and not Walk.objects.exists()  # not a line
    response = client.post(reverse("walks:create"), {
        "owner": world.kommun_a.pk, "area": world.area_a.pk, "title": "Vandring i Centrum",
        "starts_at": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "meeting_place": "Torget", "route": ""})  # without JavaScript: no route
    walk = Walk.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("walks:detail", args=[walk.pk])
    assert walk.owner == world.kommun_a and walk.status == WalkStatus.PLANNED and walk.created_by == world.bob
    assert "Vandring i Centrum" in client.get(reverse("walks:list")).content.decode()
    assert AuditEntry.objects.filter(object_type="walks.walk", action="create", organisation=world.kommun_a).exists()
    other_area = client.post(reverse("walks:edit", args=[walk.pk]), {
        "area": world.area_b.pk, "title": "X", "starts_at": "2026-01-01T10:00", "route": ""})
    assert other_area.status_code == 200  # not one of the municipality's areas


def test_the_route_is_a_line(world, walk):
    assert walk.route == '{"type":"LineString","coordinates":[[17.62,59.19],[17.625,59.195]]}'
    for bad in ('{"type":"Point","coordinates":[17.6,59.1]}', '{"type":"LineString","coordinates":[[17.6,59.1]]}',
                '{"type":"LineString","coordinates":[[917.6,59.1],[17.6,59.2]]}', "not json"):
        with pytest.raises(ValidationError):
            services.walk_save(actor=world.alice, walk=walk, route=bad)


def test_participants_by_organisation_and_function(world, login, walk):
    client = login(world.bob)
    url = reverse("walks:participants", args=[walk.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": world.police.pk, "function": "Kommunpolis", "count": 2})
    assert response.status_code == 302
    participant = Participant.objects.get(walk=walk)
    assert participant.organisation == world.police and participant.count == 2
    assert "Kommunpolis" in client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert client.post(reverse("walks:participant_remove", args=[participant.pk])).status_code == 302
    assert not Participant.objects.exists()
    assert AuditEntry.objects.filter(object_type="walks.participant", action="delete").exists()


def test_record_an_observation_with_a_photo_without_metadata(world, login, walk):
    client = login(world.bob)
    url = reverse("walks:observation_create", args=[walk.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="use-position"' in page.content.decode()
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "IMG_0007.jpg"
    response = client.post(url, {
        "category": category("fysisk-miljo.vegetation").pk, "lat": TORGET[0], "lon": TORGET[1], "unsafe": 5,
        "description": "Täta buskar längs gångvägen.", "suggested_measure": "Röj buskarna",
        "responsible": world.kommun_a.pk, "responsible_function": "Parkenheten", "photo": photo})
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.recorded_by == world.bob and observation.unsafe == 5
    assert "IMG_0007" not in observation.photo.name
    with observation.photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif() and "comment" not in image.info
    assert client.get(reverse("walks:observation_photo", args=[observation.pk])).status_code == 200
    detail = client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert "Täta buskar längs gångvägen." in detail and "Röj buskarna" in detail
    assert client.post(url, {"category": category("fysisk-miljo.vegetation").pk, "lat": "", "lon": "",
                             "unsafe": 3}).status_code == 200  # the point is required
    assert client.post(url, {"category": category("fysisk-miljo.vegetation").pk, "lat": TORGET[0],
                             "lon": TORGET[1], "unsafe": 9}).status_code == 200  # 1 to 5
    assert Observation.objects.count() == 1
    edit = client.post(reverse("walks:observation_edit", args=[observation.pk]), {
        "category": observation.category_id, "lat": TORGET[0], "lon": TORGET[1], "unsafe": 2,
        "description": "Buskarna är röjda på ena sidan."})
    assert edit.status_code == 302
    observation.refresh_from_db()
    assert observation.unsafe == 2 and observation.description == "Buskarna är röjda på ena sidan."
    assert client.post(reverse("walks:observation_delete", args=[observation.pk])).status_code == 302
    assert not Observation.objects.exists()


def test_an_observation_made_an_incident_once(world, login, walk):
    observation = observe(world, walk, photo=jpeg_with_gps())
    client = login(world.bob)  # a reporter may not
    assert client.post(reverse("walks:observation_incident", args=[observation.pk])).status_code == 404
    assert reverse("walks:observation_incident", args=[observation.pk]) not in client.get(
        reverse("walks:detail", args=[walk.pk])).content.decode()
    client = login(world.alice)
    before = Incident.objects.filter(owner=world.kommun_a).count()
    assert client.post(reverse("walks:observation_incident", args=[observation.pk])).status_code == 302
    incident = Incident.objects.get(source=Source.SAFETY_WALK)
    assert incident.source == "trygghetsvandring" and incident.owner == world.kommun_a
    assert incident.category == observation.category and incident.description == observation.description
    assert (incident.lat, incident.lon) == (observation.lat, observation.lon) and incident.photo
    assert Incident.objects.filter(owner=world.kommun_a).count() == before + 1  # counted with the others
    observation.refresh_from_db()
    assert observation.incident == incident
    with pytest.raises(ValidationError):
        services.observation_to_incident(actor=world.alice, observation=observation)
    client.post(reverse("walks:observation_incident", args=[observation.pk]))
    assert Incident.objects.filter(source=Source.SAFETY_WALK).count() == 1


def test_an_observation_put_in_a_draft_action_plan_once(world, login, walk):
    plan = draft_plan(world)
    observation = observe(world, walk, responsible=world.police, responsible_function="Kommunpolis")
    url = reverse("walks:observation_measure", args=[observation.pk])
    assert login(world.bob).post(url, {"plan": plan.pk}).status_code == 404  # a reporter may not
    client = login(world.alice)
    assert client.get(url).status_code == 200
    assert client.post(url, {"plan": plan.pk}).status_code == 302
    measure = Measure.objects.get(plan=plan)
    assert measure.title == "Byt armaturen" and measure.owner == world.police
    assert measure.owner_function == "Kommunpolis" and list(measure.areas.all()) == [world.area_a]
    observation.refresh_from_db()
    assert observation.measure == measure
    with pytest.raises(ValidationError):
        services.observation_to_measure(actor=world.alice, observation=observation, plan=plan)
    assert Measure.objects.filter(plan=plan).count() == 1
    other = observe(world, walk, responsible=None, responsible_function="")
    measure = services.observation_to_measure(actor=world.alice, observation=other, plan=plan)
    assert measure.owner == world.kommun_a  # none given: the municipality


def test_only_a_draft_plan_of_the_municipality(world, walk):
    other = plans.plan_create(actor=world.carol, owner=world.kommun_b, title="Grannstads plan", area=world.area_b,
                              period_start=timezone.localdate(), period_end=timezone.localdate() + timedelta(days=90))
    with pytest.raises(ValidationError):
        services.observation_to_measure(actor=world.alice, observation=observe(world, walk), plan=other)


def test_the_walk_done_with_a_summary(world, login, walk):
    client = login(world.bob)
    response = client.post(reverse("walks:done", args=[walk.pk]), {"summary": "Belysningen är huvudfrågan."})
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.status == WalkStatus.DONE and walk.summary == "Belysningen är huvudfrågan."


def test_another_municipality_gets_404_on_every_page(world, login, walk):
    observation = observe(world, walk, photo=jpeg_with_gps())
    participant = services.participant_add(actor=world.alice, walk=walk, organisation=world.police,
                                           function="Kommunpolis")
    client = login(world.carol)
    for name, pk in (("detail", walk.pk), ("edit", walk.pk), ("done", walk.pk), ("participants", walk.pk),
                     ("observation_create", walk.pk), ("report", walk.pk), ("observation_edit", observation.pk),
                     ("observation_photo", observation.pk), ("observation_measure", observation.pk)):
        assert client.get(reverse(f"walks:{name}", args=[pk])).status_code == 404, name
    for name, pk in (("observation_incident", observation.pk), ("observation_delete", observation.pk),
                     ("participant_remove", participant.pk)):
        assert client.post(reverse(f"walks:{name}", args=[pk])).status_code == 404, name
    assert client.get(reverse("walks:report_document", args=[walk.pk, "pdf"])).status_code == 404
    assert "Kvällsvandring" not in client.get(reverse("walks:list")).content.decode()
    assert Observation.objects.filter(pk=observation.pk, incident__isnull=True).exists()


def test_the_privacy_guard_screens_the_text(world, walk):
    with pytest.raises(ValidationError):
        observe(world, walk, description=f"Han har nummer {identity_number(date(1987, 4, 23), 238)}")


def test_the_report_as_page_pdf_and_docx(world, login, walk):
    services.participant_add(actor=world.alice, walk=walk, organisation=world.police, function="Kommunpolis",
                             count=2)
    services.participant_add(actor=world.alice, walk=walk, organisation=world.kommun_a, function="Trygghetssamordnare")
    observe(world, walk)
    observe(world, walk, category=category("skadegorelse.klotter"), description="Klotter på elskåpet.",
            suggested_measure="Sanera klottret", lat=TORGET[0] + 0.001)
    services.walk_done(actor=world.alice, walk=walk, summary="Belysningen längs gångvägen är huvudfrågan.")
    client = login(world.bob)
    page = client.get(reverse("walks:report", args=[walk.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kvällsvandring Torget" in html and "Klotter på elskåpet." in html and "<img" in html
    response = client.get(reverse("walks:report_document", args=[walk.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(" ".join(p["text"] for p in pages(response.content)).split())  # table cells wrap
    for expected in ("Kvällsvandring Torget", "Lampan vid gångtunneln är trasig.", "Klotter på elskåpet.",
                     "Kommunpolis", "Lokalpolisområde Södertälje", "Trygghetssamordnare", "Gatuenheten",
                     "Belysningen längs gångvägen är huvudfrågan.", "Centrum"):
        assert expected in text, (expected, text)
    docx = client.get(reverse("walks:report_document", args=[walk.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert AuditEntry.objects.filter(object_type="walks.walk", object_id=str(walk.pk), action="export").count() == 2


def test_the_demo_walks(world):
    for username, role in (("samordnare", Role.SAMORDNARE), ("rapportor", Role.RAPPORTOR)):
        accounts.user_create(actor=None, username=username, password="correct horse battery",
                             organisation=world.kommun_a, role=role)
    draft_plan(world)
    demo_walks.build(world.kommun_a, timezone.localdate())  # world's "Centrum" stands in for Exempelby's
    done, planned = Walk.objects.get(status=WalkStatus.DONE), Walk.objects.get(status=WalkStatus.PLANNED)
    assert done.observations.count() == 4 and done.route and done.summary
    assert done.observations.filter(incident__isnull=False).count() == 1
    assert done.observations.filter(measure__isnull=False).count() == 1
    assert planned.starts_at > timezone.now()
