"""The server's side of offline reporting: a report carries the device's key (client_key) and is stored once
however often it arrives; the manifest and the service worker are served, the worker from the site's root."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting import category
from samtrygg.incidents import services
from samtrygg.incidents.models import Incident, SubmissionKey
from samtrygg.walks import services as walk_services
from test_incidents_pages import form_data

pytestmark = pytest.mark.django_db


def test_a_report_sent_twice_under_its_key_is_stored_once(world, login):
    client = login(world.bob)
    key = str(uuid.uuid4())
    data = form_data(world, description="Klotter på busskuren", client_key=key, duplicate_choice="new")
    first = client.post(reverse("incidents:report"), data)
    second = client.post(reverse("incidents:report"), data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Incident.objects.count() == 1 and SubmissionKey.objects.get().key == uuid.UUID(key)
    assert "redan" in client.get(second["Location"]).content.decode()  # "had arrived already"
    assert client.post(reverse("incidents:report"), form_data(world, description="Annat", client_key=str(
        uuid.uuid4()), duplicate_choice="new")).status_code == 302
    assert Incident.objects.count() == 2


def test_the_key_is_the_users_own(world):
    key = uuid.uuid4()
    fields = {"category": category("skadegorelse"), "occurred_from": timezone.now(), "lat": 59.19, "lon": 17.62}
    a, created_a = services.incident_report(actor=world.bob, client_key=key, owner=world.kommun_a, **fields)
    again, created_again = services.incident_report(actor=world.bob, client_key=key, owner=world.kommun_a, **fields)
    b, created_b = services.incident_report(actor=world.alice, client_key=key, owner=world.kommun_a, **fields)
    assert (created_a, created_again, created_b) == (True, False, True) and a == again != b


def test_the_app_files(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest.json()["start_url"] == "/incidents/report/"
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert "incidents/report/" in worker.content.decode() and "iakttagelse" in worker.content.decode()


def test_an_observation_sent_twice_under_its_key_is_stored_once(world):
    walk = walk_services.walk_save(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Vandring",
                                   starts_at=timezone.now(), meeting_place="Torget")
    key = uuid.uuid4()
    fields = {"category": category("skadegorelse.klotter"), "lat": 59.19, "lon": 17.62, "unsafe": 3}
    first = walk_services.observation_add(actor=world.bob, walk=walk, client_key=key, **fields)
    again = walk_services.observation_add(actor=world.bob, walk=walk, client_key=key, **fields)
    other = walk_services.observation_add(actor=world.bob, walk=walk, client_key=uuid.uuid4(), **fields)
    assert first == again != other and walk.observations.count() == 2
