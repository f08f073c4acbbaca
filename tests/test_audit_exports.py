"""Every export is on record in the log of each organisation whose data it holds, where that organisation's admins
see it (/audit/): incident files (CSV, XLSX, GeoJSON) from the export page and listings through the API, with
each organisation's row count; document downloads (lägesbild, plan, half-year report, protocol) in the owner's
log."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from personas import World
from reporting import GRANNSTAD, NORR, TORGET, report
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Role
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access as GrantAccess
from samtrygg.sharing.models import DataKind

pytestmark = pytest.mark.django_db


class SharedWorld(World):
    """Kommun A shares its incidents in Centrum with the police, whose coordinator Petra exports what she sees:
    three of kommun A's incidents (two in Centrum; Norr is not shared) and one of the police's own."""

    def __init__(self):
        super().__init__()
        self.petra = self.user("petra", self.police, Role.SAMORDNARE)
        self.police_admin = self.user("polisadmin", self.police, Role.ADMIN)
        sharing.grant_create(actor=None, grantor=self.kommun_a, grantee=self.police, kind=DataKind.INCIDENTS,
                             access=GrantAccess.READ, areas=[self.area_a])
        report(self, TORGET)
        report(self, TORGET, hours_ago=3)
        report(self, NORR)  # not shared: not Petra's
        report(self, GRANNSTAD, actor=self.carol, owner=self.kommun_b)
        report(self, TORGET, actor=self.petra, owner=self.police)


@pytest.fixture
def shared(db):
    return SharedWorld()


def exports(organisation) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="export", organisation=organisation))


def seen_on_the_audit_page(client, admin, text: str) -> bool:
    client.force_login(admin, backend="samtrygg.accounts.backends.PasswordBackend")
    return text in client.get("/audit/", {"action": "export"}).content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
def test_an_incident_file_is_on_record_with_each_owner(shared, client, fmt):
    client.force_login(shared.petra, backend="samtrygg.accounts.backends.PasswordBackend")
    response = client.get(reverse("incidents:export"), {"format": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "geojson":
        assert len(json.loads(body)["features"]) == 3

    [of_a], [of_police] = exports(shared.kommun_a), exports(shared.police)
    assert (of_a.actor, of_a.changes["count"], of_a.changes["total"]) == (shared.petra, [None, 2], [None, 3])
    assert (of_police.changes["count"], of_police.changes["format"]) == ([None, 1], [None, fmt])
    assert exports(shared.kommun_b) == []  # none of its incidents left
    assert seen_on_the_audit_page(client, shared.alice, f"händelser ({fmt}), 2 rader")
    assert seen_on_the_audit_page(client, shared.police_admin, f"händelser ({fmt}), 1 rad")
    assert not seen_on_the_audit_page(client, shared.alice, f"händelser ({fmt}), 1 rad")


def test_an_empty_export_is_recorded_in_the_exporters_organisation(shared, client):
    client.force_login(shared.carol, backend="samtrygg.accounts.backends.PasswordBackend")
    b"".join(client.get(reverse("incidents:export"), {"format": "csv", "status": "avslutad"}).streaming_content)
    [entry] = exports(shared.kommun_b)
    assert entry.changes["count"] == [None, 0] and entry.changes["filters"] == [None, {"status": ["avslutad"]}]


@pytest.mark.parametrize("fmt", ["json", "geojson"])
def test_a_listing_through_the_api_is_on_record_with_each_owner(shared, client, fmt):
    _token, secret = accounts.api_token_create(actor=shared.petra, user=shared.petra, name="GIS")
    api = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    query = {"page_size": 2} | ({"format": "geojson"} if fmt == "geojson" else {})
    first = client.get("/api/v1/incidents/", query, **api)
    assert first.status_code == 200
    body = first.json()
    rows = body["features"] if fmt == "geojson" else body["results"]
    assert len(rows) == 2 and body["next"]
    assert client.get(body["next"], **api).status_code == 200  # the next page belongs to the same listing

    [of_a], [of_police] = exports(shared.kommun_a), exports(shared.police)
    assert (of_a.changes["count"], of_a.changes["format"], of_a.actor) == ([None, 2], [None, fmt], shared.petra)
    assert of_a.changes["filters"] == [None, {"page_size": ["2"]}]
    assert of_police.changes["count"] == [None, 1]
    assert exports(shared.kommun_b) == []
    assert seen_on_the_audit_page(client, shared.alice, f"händelser ({fmt}), 2 rader")
    assert seen_on_the_audit_page(client, shared.police_admin, f"händelser ({fmt}), 1 rad")


def test_an_api_listing_counts_only_what_its_filters_let_through(shared, client):
    _token, secret = accounts.api_token_create(actor=shared.petra, user=shared.petra, name="GIS")
    own = Incident.objects.get(owner=shared.police)
    since = timezone.localtime(own.occurred_from).date().isoformat()
    response = client.get("/api/v1/incidents/", {"organisation": shared.police.pk, "period_from": since},
                          HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [row["id"] for row in response.json()["results"]] == [own.pk]
    assert exports(shared.kommun_a) == []
    assert exports(shared.police)[0].changes["count"] == [None, 1]


def test_document_downloads_are_on_record_with_their_owner(client):
    """The lägesbild (PDF, DOCX), the plan and its half-year report (PDF, DOCX) and the protocol (PDF), each in the
    log of the organisation that owns it, where its admin sees it."""
    from samtrygg.lagesbild import services as lagesbild_services
    from samtrygg.meetings import services as meetings
    from samtrygg.meetings.models import GroupKind
    from samtrygg.plans import services as plans

    world = World()
    today = timezone.localdate()
    lagesbild = lagesbild_services.lagesbild_create(
        actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Lägesbild Centrum",
        period_start=today - timedelta(days=30), period_end=today)
    plan = plans.plan_create(actor=world.carol, owner=world.kommun_b, area=world.area_b, title="Plan Grannstad",
                             period_start=today, period_end=today + timedelta(days=700))
    group = meetings.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.EST, name="EST Centrum",
                                area=world.area_a)
    meetings.function_save(actor=world.alice, group=group, organisation=world.kommun_a, title="Samordnare",
                           holder=world.alice)
    now = timezone.now()
    meeting = meetings.meeting_create(actor=world.alice, group=group, title="EST-möte", starts_at=now,
                                      ends_at=now + timedelta(hours=1))
    carol_admin = World.user("grannadmin", world.kommun_b, Role.ADMIN)

    client.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    for url in (reverse("lagesbild:pdf", args=[lagesbild.pk]), reverse("lagesbild:docx", args=[lagesbild.pk]),
                f"/meetings/{meeting.pk}/protocol.pdf"):
        assert client.get(url).status_code == 200, url
    client.force_login(world.carol, backend="samtrygg.accounts.backends.PasswordBackend")
    half = f"{today.year}-{1 if today.month <= 6 else 2}"
    for fmt in ("pdf", "docx"):
        assert client.get(reverse("plans:plan_document", args=[plan.pk, fmt])).status_code == 200
        assert client.get(reverse("plans:plan_report", args=[plan.pk, fmt]) + f"?half={half}").status_code == 200

    assert sorted((e.object_type, e.changes["format"][1], e.actor_name) for e in exports(world.kommun_a)) == [
        ("lagesbild.lagesbild", "docx", "alice"), ("lagesbild.lagesbild", "pdf", "alice"),
        ("meetings.meeting", "pdf", "alice")]
    assert sorted((e.changes["document"][1], e.changes["format"][1]) for e in exports(world.kommun_b)) == [
        ("plan", "docx"), ("plan", "pdf"), (f"report {half}", "docx"), (f"report {half}", "pdf")]
    assert seen_on_the_audit_page(client, world.alice, "Lägesbild Centrum")
    assert seen_on_the_audit_page(client, carol_admin, "Plan Grannstad")
    assert not seen_on_the_audit_page(client, carol_admin, "Lägesbild Centrum")
