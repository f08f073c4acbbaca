"""Exporting incidents: CSV, XLSX and GeoJSON, narrowed by the list filters, never wider than the user's rights,
audited with the filters."""

import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import services
from samtrygg.incidents.models import Category

pytestmark = pytest.mark.django_db


def add(world, owner, actor, lat, lon, code="skadegorelse.klotter", text=""):
    return services.incident_create(
        actor=actor, owner=owner, category=Category.objects.get(owner__isnull=True, code=code),
        occurred_from=timezone.now() - timedelta(hours=3), lat=lat, lon=lon, description=text,
    )


@pytest.fixture
def incidents(world):
    return [
        add(world, world.kommun_a, world.bob, 59.195, 17.625, text="=HYPERLINK(\"x\")"),
        add(world, world.kommun_a, world.bob, 59.23, 17.65, code="brand.anlagd"),
        add(world, world.kommun_b, world.carol, 59.20, 17.85, text="Grannstads händelse"),
    ]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_holds_own_incidents_only_and_is_audited(world, incidents, login):
    client = login(world.alice)
    response = client.get(reverse("incidents:export"), {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = body(response).decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("Id;Kategori;Tid") and len(lines) == 3
    assert "Grannstads" not in text
    assert "'=HYPERLINK" in text  # no formula reaches a spreadsheet
    entry = AuditEntry.objects.get(action="export", object_type="incidents.incident")
    assert entry.actor == world.alice and entry.changes["count"][1] == 2


def test_the_filters_narrow_the_export_and_are_recorded(world, incidents, login):
    client = login(world.alice)
    brand = Category.objects.get(owner__isnull=True, code="brand")
    response = client.get(reverse("incidents:export"), {"format": "geojson", "category": brand.pk})
    doc = json.loads(body(response))
    assert [f["properties"]["kategori"] for f in doc["features"]] == ["brand.anlagd"]
    assert doc["features"][0]["geometry"]["coordinates"] == [17.65, 59.23]
    entry = AuditEntry.objects.get(action="export")
    assert entry.changes["filters"][1] == {"category": [str(brand.pk)]}


def test_another_municipality_sees_only_its_own(world, incidents, login):
    response = login(world.carol).get(reverse("incidents:export"), {"format": "geojson"})
    features = json.loads(body(response))["features"]
    assert [f["properties"]["beskrivning"] for f in features] == ["Grannstads händelse"]


def test_xlsx_export_with_sweref_columns(world, incidents, login):
    response = login(world.alice).get(reverse("incidents:export"), {"format": "xlsx", "sweref": "1"})
    sheet = load_workbook(io.BytesIO(body(response)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("SWEREF99TM N", "SWEREF99TM E") and len(rows) == 3
    assert all(6.5e6 < r[-2] < 6.7e6 for r in rows[1:])


def test_an_exported_csv_is_accepted_by_the_importer(world, incidents, login):
    from samtrygg.incidents import importing

    data = body(login(world.alice).get(reverse("incidents:export"), {"format": "csv"}))
    report = importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(data),
                                   filename="export.csv", commit=False)
    assert report.ok, report.errors
    assert report.total == 2


def test_an_unknown_format_is_404_and_anonymous_users_are_sent_to_login(world, client, login):
    assert client.get(reverse("incidents:export")).status_code == 302
    assert login(world.alice).get(reverse("incidents:export"), {"format": "pdf"}).status_code == 404
