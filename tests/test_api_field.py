"""Residents' tips, weekly reports and duplicates through the REST API (issue 18 point 7): the pages' rights (404
for what the user may not see or moderate), writes through the services (audited), read-only tokens refused."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from identity_numbers import identity_number
from reporting import TORGET, category, report
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import ApiToken
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Batch, Contribution, Incident, Source
from samtrygg.tips import services as tips
from samtrygg.tips.models import Tip, TipContact
from test_api_plans import Api, _fresh_throttle, api  # noqa: F401, F811 - fixtures
from test_api_robustness import conforms

pytestmark = pytest.mark.django_db

NEAR = (TORGET[0] + 0.0008, TORGET[1])  # about 89 m north of TORGET


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def tip(world):
    channel = tips.channel_save(actor=world.alice, municipality=world.kommun_a, open=True)
    return tips.tip_submit(channel=channel, category=category("skadegorelse.klotter"), lat=TORGET[0],
                           lon=TORGET[1], place="Gångtunneln", description="Nytt klotter i tunneln",
                           email="boende@example.se")


def test_the_moderators_read_the_queue_and_a_tip_without_the_email(world, api, tip, document):  # noqa: F811
    alice = api(world.alice)
    queue = alice.get("/api/v1/tips/")
    assert queue.status_code == 200 and [t["id"] for t in queue.json()] == [tip.pk]
    conforms(document, "/api/v1/tips/", "GET", queue)
    one = alice.get(f"/api/v1/tips/{tip.pk}/")
    assert one.status_code == 200
    conforms(document, "/api/v1/tips/{id}/", "GET", one)
    data = one.json()
    assert (data["category_code"], data["place"], data["has_contact"], data["has_photo"], data["municipality"]) == (
        "skadegorelse.klotter", "Gångtunneln", True, False, world.kommun_a.pk)
    assert "boende@example.se" not in one.content.decode() + queue.content.decode()
    assert api(world.carol).get("/api/v1/tips/").json() == []  # she moderates Grannstad's, none waiting
    assert api(world.carol).get(f"/api/v1/tips/{tip.pk}/").status_code == 404
    nothing = api(world.bob).get("/api/v1/tips/")
    assert nothing.status_code == 404  # a rapportör moderates nothing
    conforms(document, "/api/v1/tips/", "GET", nothing)
    assert api(world.bob).get(f"/api/v1/tips/{tip.pk}/").status_code == 404
    assert api(world.bob).post(f"/api/v1/tips/{tip.pk}/reject/", {"reason": "x"}).status_code == 404


def test_approving_a_tip_makes_an_incident_and_deletes_the_tip(world, api, tip, document):  # noqa: F811
    assert api(world.carol).post(f"/api/v1/tips/{tip.pk}/approve/", {}).status_code == 404
    alice = api(world.alice)
    refused = alice.post(f"/api/v1/tips/{tip.pk}/approve/",
                         {"description": f"Ring {identity_number(date(1987, 4, 23), 238)}"})
    assert refused.status_code == 422 and refused.json()["code"] == "personal_data"
    conforms(document, "/api/v1/tips/{id}/approve/", "POST", refused)
    approved = alice.post(f"/api/v1/tips/{tip.pk}/approve/",
                          {"category": category("skadegorelse.klotter").pk, "description": "Klotter"})
    assert approved.status_code == 201, approved.json()
    conforms(document, "/api/v1/tips/{id}/approve/", "POST", approved)
    incident = Incident.objects.get(pk=approved.json()["incident"])
    assert (incident.source, incident.owner, incident.description, incident.lat) == (
        Source.TIP, world.kommun_a, "Klotter", TORGET[0])
    assert not Tip.objects.exists() and not TipContact.objects.exists()
    assert AuditEntry.objects.filter(object_type="tips.tip", object_id=str(tip.pk), action="delete",
                                     actor=world.alice).exists()


def test_rejecting_a_tip_needs_a_reason_and_deletes_it(world, api, tip, document):  # noqa: F811
    alice = api(world.alice)
    refused = alice.post(f"/api/v1/tips/{tip.pk}/reject/", {"reason": " "})
    assert refused.status_code == 400 and "reason" in refused.json()
    conforms(document, "/api/v1/tips/{id}/reject/", "POST", refused)
    assert Tip.objects.filter(pk=tip.pk).exists()
    assert alice.post(f"/api/v1/tips/{tip.pk}/reject/", {"reason": "Dubblett"}).status_code == 204
    assert not Tip.objects.exists()
    entry = AuditEntry.objects.get(object_type="tips.tip", object_id=str(tip.pk), action="delete")
    assert entry.changes["rejected"] == [None, "Dubblett"]


def _weekly_report(world, **changes):
    today = timezone.localdate()
    yesterday = datetime.combine(today - timedelta(days=1), time(10, 0), timezone.get_current_timezone())
    body = {"owner": world.kommun_a.pk, "period_start": str(today - timedelta(days=7)), "period_end": str(today),
            "note": "Lugn vecka", "events": [
                {"category": category("skadegorelse.klotter").pk, "area": world.area_a_sub.pk,
                 "occurred_from": yesterday.isoformat(), "description": "Klotter på skolan", "count": 3},
                {"category": category("nedskrapning.skrap").pk, "area": world.area_a2.pk,
                 "occurred_from": yesterday.isoformat(), "occurred_to": (yesterday + timedelta(hours=2)).isoformat()},
            ]}
    body.update(changes)
    return body


def test_a_weekly_report_makes_its_incidents(world, api, document):  # noqa: F811
    bob = api(world.bob)
    sent = bob.post("/api/v1/weekly-reports/", _weekly_report(world))
    assert sent.status_code == 201, sent.json()
    conforms(document, "/api/v1/weekly-reports/", "POST", sent)
    batch = Batch.objects.get(pk=sent.json()["id"])
    assert batch.incidents.count() == 4 and batch.reported_by == world.bob  # the count honoured: 3 + 1
    assert sorted(sent.json()["incidents"]) == sorted(batch.incidents.values_list("pk", flat=True))
    assert sent.json()["reported_by"] == "bob" and sent.json()["note"] == "Lugn vecka"
    listed = api(world.alice).get("/api/v1/weekly-reports/")
    assert [b["id"] for b in listed.json()] == [batch.pk]
    conforms(document, "/api/v1/weekly-reports/", "GET", listed)
    one = api(world.alice).get(f"/api/v1/weekly-reports/{batch.pk}/")
    assert one.json()["owner"] == world.kommun_a.pk
    conforms(document, "/api/v1/weekly-reports/{id}/", "GET", one)
    assert api(world.carol).get(f"/api/v1/weekly-reports/{batch.pk}/").status_code == 404
    assert api(world.carol).get("/api/v1/weekly-reports/").json() == []
    assert AuditEntry.objects.filter(object_type="incidents.batch", actor=world.bob).exists()


def test_a_weekly_report_is_all_or_nothing(world, api, document):  # noqa: F811
    body = _weekly_report(world)
    body["events"][1]["occurred_from"] = "2001-01-01T10:00:00+01:00"  # outside the period
    refused = api(world.bob).post("/api/v1/weekly-reports/", body)
    assert refused.status_code == 400, refused.json()
    conforms(document, "/api/v1/weekly-reports/", "POST", refused)
    body = _weekly_report(world)
    body["events"][0]["description"] = f"Hos {identity_number(date(1987, 4, 23), 238)}"
    assert api(world.bob).post("/api/v1/weekly-reports/", body).status_code == 422
    body = _weekly_report(world)
    body["events"][1]["area"] = world.area_b.pk  # an area Bob may not see
    assert api(world.bob).post("/api/v1/weekly-reports/", body).status_code == 400
    assert api(world.carol).post("/api/v1/weekly-reports/", _weekly_report(world)).status_code == 400  # not hers
    assert not Batch.objects.exists() and not Incident.objects.exists()


def test_a_read_only_token_sends_no_weekly_report(world, client, document):
    _, secret = accounts.api_token_create(actor=world.bob, user=world.bob, name="läsare", scope=ApiToken.Scope.READ)
    refused = Api(client, secret).post("/api/v1/weekly-reports/", _weekly_report(world))
    assert refused.status_code == 403
    conforms(document, "/api/v1/weekly-reports/", "POST", refused)
    assert not Batch.objects.exists()


def test_duplicates_are_listed_and_merged_into_one(world, api, document):  # noqa: F811
    keep = report(world, actor=world.alice, description="Klotter på busskuren")
    duplicate = report(world, where=NEAR, description="Sprayat på skyltarna")  # Bob's
    report(world, where=(TORGET[0] + 0.01, TORGET[1]))  # over a kilometre away
    alice = api(world.alice)
    found = alice.get(f"/api/v1/incidents/{keep.pk}/duplicates/")
    assert found.status_code == 200
    assert [(d["id"], d["owner_name"]) for d in found.json()] == [(duplicate.pk, world.kommun_a.name)]
    assert 80 <= found.json()[0]["distance_m"] <= 100
    conforms(document, "/api/v1/incidents/{id}/duplicates/", "GET", found)
    merged = alice.post(f"/api/v1/incidents/{keep.pk}/merge/", {"others": [duplicate.pk]})
    assert merged.status_code == 200, merged.json()
    conforms(document, "/api/v1/incidents/{id}/merge/", "POST", merged)
    assert merged.json()["incident"] == keep.pk and merged.json()["contributions"][0]["merged_from"] == duplicate.pk
    assert not Incident.objects.filter(pk=duplicate.pk).exists()
    contribution = Contribution.objects.get(incident=keep)
    assert (contribution.reported_by, contribution.description) == (world.bob, "Sprayat på skyltarna")
    listed = alice.get(f"/api/v1/incidents/{keep.pk}/contributions/")
    assert [(c["id"], c["description"], c["has_photo"]) for c in listed.json()] == [
        (contribution.pk, "Sprayat på skyltarna", False)]
    conforms(document, "/api/v1/incidents/{id}/contributions/", "GET", listed)
    itself = alice.post(f"/api/v1/incidents/{keep.pk}/merge/", {"others": [keep.pk]})
    assert itself.status_code == 400
    conforms(document, "/api/v1/incidents/{id}/merge/", "POST", itself)


def test_another_municipality_sees_nothing_of_the_duplicates(world, api):  # noqa: F811
    keep = report(world, actor=world.alice)
    duplicate = report(world, where=NEAR)
    carol, bob = api(world.carol), api(world.bob)
    for path in ("duplicates", "contributions"):
        assert carol.get(f"/api/v1/incidents/{keep.pk}/{path}/").status_code == 404
    assert carol.post(f"/api/v1/incidents/{keep.pk}/merge/", {"others": [duplicate.pk]}).status_code == 404
    assert bob.post(f"/api/v1/incidents/{keep.pk}/merge/", {"others": [duplicate.pk]}).status_code == 404
    assert Incident.objects.filter(pk=duplicate.pk).exists()
