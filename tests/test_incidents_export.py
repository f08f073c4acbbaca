"""Exporting incidents: CSV, XLSX and GeoJSON, narrowed by the list filters, never wider than the user's rights,
audited with the filters."""

import io
import json
import re
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


def export_form(html: str) -> tuple[str, list[tuple[str, str]], set[tuple[str, str]], list[str]]:
    """The list page's export form: its action, hidden fields, radio choices and legends."""
    form = re.search(r'<form method="get" action="([^"]+)" class="export-form">(.*?)</form>', html, re.S)
    inner = form.group(2)
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', inner)
    radios = set(re.findall(r'<input type="radio" name="([^"]+)" value="([^"]+)"', inner))
    return form.group(1), hidden, radios, re.findall(r"<legend>([^<]*)</legend>", inner)


def test_the_list_exports_through_a_form_that_keeps_the_filters(world, incidents, login):
    client = login(world.alice)
    client.cookies["django_language"] = "en"
    brand = Category.objects.get(owner__isnull=True, code="brand")
    html = client.get(reverse("incidents:list"), {"category": brand.pk, "status": "ny", "page": "1"}).content.decode()
    action, hidden, radios, legends = export_form(html)
    assert action == reverse("incidents:export")
    assert sorted(hidden) == [("category", str(brand.pk)), ("status", "ny")]  # the page number is not a filter
    assert {("format", "csv"), ("format", "xlsx"), ("format", "geojson"),
            ("coordinates", "wgs84"), ("coordinates", "sweref")} <= radios
    assert [legend.strip().rstrip(":") for legend in legends] == ["File format", "Coordinate system"]
    assert 'href="/incidents/import/"' in html  # the import stays beside it

    def submitted(coordinates: str) -> list[list[str]]:
        response = client.get(action, [*hidden, ("format", "csv"), ("coordinates", coordinates)])
        return [line.split(";") for line in body(response).decode("utf-8-sig").strip().split("\r\n")]

    with_sweref = submitted("sweref")
    assert with_sweref[0][-2:] == ["SWEREF99TM N", "SWEREF99TM E"] and len(with_sweref) == 2
    north, east = (float(value.replace(",", ".")) for value in with_sweref[1][-2:])
    assert 6.5e6 < north < 6.7e6 and 6.0e5 < east < 7.0e5
    plain = submitted("wgs84")
    assert "SWEREF99TM N" not in plain[0] and len(plain) == 2
    entry = AuditEntry.objects.filter(action="export").latest("pk")
    assert entry.changes["filters"][1] == {"category": [str(brand.pk)], "status": ["ny"]}


def test_an_unknown_coordinate_system_is_404(world, login):
    response = login(world.alice).get(reverse("incidents:export"), {"format": "csv", "coordinates": "rt90"})
    assert response.status_code == 404
