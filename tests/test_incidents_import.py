"""Importing incidents: CSV in the encodings and separators spreadsheets write, XLSX, GeoJSON, SWEREF 99 TM;
all or nothing with every bad row named; re-imports add nothing; the privacy guard; the command and the pages."""

import io
import json
import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from samtrygg.audit.models import AuditEntry
from samtrygg.background import services as background
from samtrygg.background.models import Job
from samtrygg.demo import incidents as demo_incidents
from samtrygg.incidents import importing
from samtrygg.incidents.models import Incident
from samtrygg.lib import crs

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SWEDISH_EXCEL = (
    "Id;Kategori;Tid;Latitud;Longitud;Platstyp;Beskrivning;Källa;Polisanmäld;Kostnad;Status\r\n"
    "A-1;skadegorelse.klotter;2025-03-01 14:30;59,195;17,625;Torg;Klotter på väggen vid torget;egen;Ja;12 500,50;ny\r\n"
    "A-2;Skadegörelse > Krossat glas;2025-03-02 02:10;59,23;17,65;;Krossad ruta i väntkuren;;nej;;\r\n"
    "A-3;Cykelstöld;1/3/2025 08:00;59,19;17,61;hallplats;;trygghetsvandring;vet ej;;hanteras\r\n"
)


def run(world, data: bytes, filename="handelser.csv", commit=True, **kwargs):
    return importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(data), filename=filename,
                                 commit=commit, **kwargs)


def test_a_swedish_excel_csv_in_latin1_with_decimal_commas_is_imported(world):
    report = run(world, SWEDISH_EXCEL.encode("cp1252"))
    assert report.ok, report.errors
    assert (report.created, report.duplicates, report.total) == (3, 0, 3)
    a1 = Incident.objects.get(external_id="A-1")
    assert a1.category.code == "skadegorelse.klotter" and a1.lat == 59.195 and a1.lon == 17.625
    assert a1.occurred_from == datetime(2025, 3, 1, 14, 30, tzinfo=STOCKHOLM)
    assert a1.description == "Klotter på väggen vid torget" and a1.place_type == "torg"
    assert (a1.reported_to_police, a1.damage_cost_sek, a1.status, a1.source) == ("ja", 12500, "ny", "egen")
    assert a1.area == world.area_a_sub and a1.cell and a1.owner == world.kommun_a and a1.reported_by == world.alice
    a2 = Incident.objects.get(external_id="A-2")
    assert a2.category.code == "skadegorelse.glaskross" and a2.area == world.area_a2 and a2.source == "import"
    a3 = Incident.objects.get(external_id="A-3")
    assert a3.occurred_from == datetime(2025, 3, 1, 8, 0, tzinfo=STOCKHOLM)
    assert a3.category.code == "stold.cykel" and a3.status == "hanteras" and a3.reported_to_police == "vet_ej"
    entry = AuditEntry.objects.get(action="import")
    assert entry.organisation == world.kommun_a and entry.actor == world.alice
    assert entry.changes["counts"][1]["created"] == 3 and entry.changes["filename"][1] == "handelser.csv"
    assert not AuditEntry.objects.filter(action="create", object_type="incidents.incident").exists()


def test_a_utf8_comma_csv_with_english_headers_is_imported(world):
    data = (
        "\ufeffexternal id,category,occurred,lat,lon,description\n"
        'e1,inbrott.bostad,2025-04-01T22:15,59.2,17.65,"Inbrott, dörren uppbruten"\n'
        "e2,Brand,2025-04-02,59.21,17.66,\n"
    ).encode()
    report = run(world, data)
    assert report.ok, report.errors
    assert report.created == 2
    assert Incident.objects.get(external_id="e1").description == "Inbrott, dörren uppbruten"
    assert Incident.objects.get(external_id="e2").occurred_from == datetime(2025, 4, 2, tzinfo=STOCKHOLM)


def test_an_xlsx_workbook_is_imported(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Ärendenummer", "Kategori", "Datum", "Latitud", "Longitud", "Kostnad"])
    sheet.append(["X1", "Klotter", datetime(2025, 5, 1, 10, 0), 59.195, 17.625, 1500])
    sheet.append(["X2", "Fordonsbrand", datetime(2025, 5, 2, 23, 45), 59.2, 17.64, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(world, buffer.getvalue(), filename="lista.xlsx")
    assert report.ok, report.errors
    assert report.created == 2
    x1 = Incident.objects.get(external_id="X1")
    assert x1.occurred_from == datetime(2025, 5, 1, 10, 0, tzinfo=STOCKHOLM) and x1.damage_cost_sek == 1500


def test_a_geojson_of_points_is_imported(world):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [17.625, 59.195]},
         "properties": {"id": "g1", "kategori": "klotter", "tid": "2025-06-01 12:00"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [17.65, 59.23]},
         "properties": {"id": "g2", "kategori": "Nedskräpning", "tid": "2025-06-02 12:00", "platstyp": "park"}},
    ]}
    report = run(world, json.dumps(doc).encode(), filename="punkter.geojson")
    assert report.ok, report.errors
    assert report.created == 2
    assert Incident.objects.get(external_id="g1").area == world.area_a_sub
    assert Incident.objects.get(external_id="g2").place_type == "park"


@pytest.mark.parametrize("chosen", [crs.AUTO, crs.SWEREF99TM])
def test_a_sweref_file_is_transformed_to_wgs84(world, chosen):
    north, east = crs.wgs84_to_sweref(59.195, 17.625)
    data = f"id;kategori;tid;N;E\ns1;klotter;2025-03-01 10:00;{north:.2f};{east:.2f}\n".encode()
    report = run(world, data, crs=chosen)
    assert report.ok, report.errors
    incident = Incident.objects.get(external_id="s1")
    assert abs(incident.lat - 59.195) < 1e-6 and abs(incident.lon - 17.625) < 1e-6
    assert incident.area == world.area_a_sub


def test_sweref_coordinates_in_a_file_declared_wgs84_are_refused(world):
    north, east = crs.wgs84_to_sweref(59.195, 17.625)
    data = f"id;kategori;tid;N;E\ns1;klotter;2025-03-01 10:00;{north:.2f};{east:.2f}\n".encode()
    report = run(world, data, crs=crs.WGS84)
    assert not report.ok and report.errors[0].row == 2
    assert not Incident.objects.exists()


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named(world):
    lines = SWEDISH_EXCEL.splitlines()
    lines.insert(2, "B-1;ingen-sådan;2025-03-01 14:30;59,195;17,625;;;;;;")
    lines.append("B-2;klotter;igår;59,195;17,625;;;;;;")
    lines.append("B-3;klotter;2025-03-01 14:30;;;;;;;;")
    lines.append("B-4;klotter;2099-03-01 14:30;48,85;2,35;;;;;tusen;")
    report = run(world, "\r\n".join(lines).encode("cp1252"))
    assert not report.committed and report.created == 0
    assert not Incident.objects.exists() and not AuditEntry.objects.filter(action="import").exists()
    by_row = {}
    for error in report.errors:
        by_row.setdefault(error.row, []).append(error)
    assert sorted(by_row) == [3, 6, 7, 8]
    assert by_row[3][0].column == "Kategori" and "ingen-sådan" in by_row[3][0].message
    assert by_row[6][0].column == "Tid"
    assert by_row[7][0].column == "Latitud"
    assert {e.column for e in by_row[8]} == {"Tid", "Latitud", "Kostnad"}
    assert report.error_count == 6 and report.total == 7 and report.valid == 3


def test_the_same_file_twice_adds_nothing(world):
    first = run(world, SWEDISH_EXCEL.encode("cp1252"))
    second = run(world, SWEDISH_EXCEL.encode("cp1252"))
    assert (first.created, second.created, second.duplicates) == (3, 0, 3)
    assert Incident.objects.count() == 3


def test_a_file_without_ids_is_deduplicated_by_content(world):
    data = ("kategori;tid;lat;lon;beskrivning\n"
            "klotter;2025-03-01 10:00;59,195;17,625;a\nklotter;2025-03-01 10:00;59,195;17,625;b\n")
    assert run(world, data.encode()).created == 2
    again = run(world, data.encode())
    assert (again.created, again.duplicates) == (0, 2)
    assert Incident.objects.count() == 2
    assert all(i.startswith("hash:") for i in Incident.objects.values_list("external_id", flat=True))


def test_a_personnummer_refuses_the_row_naming_the_kind_never_the_number(world):
    data = SWEDISH_EXCEL + "P-1;klotter;2025-03-01 14:30;59,195;17,625;;Gjort av 19121212-1212 enligt vittne;;;;\r\n"
    report = run(world, data.encode("cp1252"))
    assert not Incident.objects.exists()
    [error] = report.errors
    assert error.row == 5 and error.column == "Beskrivning" and "personnummer" in error.message
    assert "1212" not in error.message


def test_a_dry_run_checks_but_writes_nothing(world):
    report = run(world, SWEDISH_EXCEL.encode("cp1252"), commit=False)
    assert report.ok and report.valid == 3 and report.created == 0 and not report.committed
    assert not Incident.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_check_reads_outside_a_transaction_and_a_commit_writes_inside_one(world, monkeypatch):
    """On SQLite a transaction takes the write lock at once: a check held it for as long as it read the file, and
    other users' writes failed with "database is locked" meanwhile."""
    from django.db import connection

    seen = []
    validated = importing._validated_batches

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        yield from validated(*args, **kwargs)

    monkeypatch.setattr(importing, "_validated_batches", watched)
    assert run(world, SWEDISH_EXCEL.encode("cp1252"), commit=False).valid == 3
    assert run(world, SWEDISH_EXCEL.encode("cp1252")).committed
    assert seen == [False, True] and Incident.objects.count() == 3


def test_the_mapping_can_be_overridden(world):
    data = b"a;b;c;d;e\nklotter;2025-03-01 10:00;59,195;17,625;m1\n"
    assert not run(world, data).ok  # nothing guessed from these names
    mapping = {"category": 0, "occurred_from": 1, "lat": 2, "lon": 3, "external_id": 4}
    report = run(world, data, mapping=mapping)
    assert report.ok and Incident.objects.get().external_id == "m1"


def test_unreadable_files_get_a_clear_error(world):
    assert "empty" in str(run(world, b"").errors[0]).lower() or run(world, b"").errors
    report = run(world, b"PK\x03\x04not really a workbook", filename="x.xlsx")
    assert report.errors and report.errors[0].row == 0
    assert not Incident.objects.exists()


def test_the_demo_generator_file_is_accepted(world):
    buffer = io.StringIO()
    outline = world.area_a.shape
    count = demo_incidents.write_csv(
        demo_incidents.generate(random.Random(1), outline, until=date(2026, 11, 1), count=300, id_prefix="t"), buffer
    )
    report = run(world, buffer.getvalue().encode("utf-8"), filename="demo.csv")
    assert report.ok, report.errors[:3]
    assert report.created == count == Incident.objects.count()
    assert Incident.objects.filter(area__isnull=False).count() == count


def test_the_command_imports_and_dry_runs(world, tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(SWEDISH_EXCEL.encode("cp1252"))
    out = io.StringIO()
    call_command("import-incidents", str(path), "--organisation", world.kommun_a.kommunkod, "--dry-run", stdout=out)
    assert not Incident.objects.exists()
    call_command("import-incidents", str(path), "--organisation", world.kommun_a.kommunkod, stdout=out)
    assert Incident.objects.count() == 3
    assert "3" in out.getvalue()


# --- the import pages ----------------------------------------------------------------------------------------

def upload(client, world, data: bytes, name="handelser.csv", crs_choice="auto"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("incidents:import"), {
        "owner": world.kommun_a.pk, "crs": crs_choice, "file": SimpleUploadedFile(name, data),
    })


def test_the_pages_upload_map_check_and_import(world, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client = login(world.alice)
    assert client.get(reverse("incidents:import")).status_code == 200
    response = upload(client, world, SWEDISH_EXCEL.encode("cp1252"))
    assert response.status_code == 302 and response["Location"] == reverse("incidents:import_mapping")
    waiting = list((tmp_path / "private" / "incident-imports").iterdir())
    assert len(waiting) == 1 and client.session["incident_import"]["token"] == waiting[0].name
    page = client.get(reverse("incidents:import_mapping"))
    html = page.content.decode()
    assert page.status_code == 200 and 'value="1" selected' in html  # Kategori guessed for the category
    form = page.context["form"]
    data = {name: ("" if field.initial in (None, "") else field.initial) for name, field in form.fields.items()}
    preview = client.post(reverse("incidents:import_mapping"), data)
    assert preview.status_code == 200 and preview.context["report"].ok and preview.context["new"] == 3
    assert not Incident.objects.exists()  # checked, nothing written
    done = client.post(reverse("incidents:import_commit"))
    assert done.status_code == 302
    assert Incident.objects.count() == 3 and AuditEntry.objects.filter(action="import").count() == 1
    assert not any((tmp_path / "private" / "incident-imports").iterdir())  # the file is gone
    assert "incident_import" not in client.session


def test_the_check_page_lists_bad_rows_and_nothing_is_written(world, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client = login(world.alice)
    upload(client, world, (SWEDISH_EXCEL + "Z-9;okänd;2025-03-01 14:30;59,195;17,625;;;;;;\r\n").encode("cp1252"))
    form = client.get(reverse("incidents:import_mapping")).context["form"]
    data = {name: ("" if field.initial in (None, "") else field.initial) for name, field in form.fields.items()}
    preview = client.post(reverse("incidents:import_mapping"), data)
    html = preview.content.decode()
    assert "okänd" in html and "<td>5</td>" in html
    assert not preview.context["report"].ok
    client.post(reverse("incidents:import_commit"))
    assert not Incident.objects.exists()


def test_readers_cannot_import_and_another_organisation_cannot_be_chosen(world, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    assert login(world.dave).get(reverse("incidents:import")).status_code == 404
    client = login(world.carol)
    response = upload(client, world, SWEDISH_EXCEL.encode("cp1252"))  # kommun_a is not Carol's
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert client.post(reverse("incidents:import_commit")).status_code == 302
    assert not Incident.objects.exists()


def test_text_with_line_breaks_tabs_and_backslashes_is_kept_exactly(world):
    text = 'Rad ett\nrad två\tmed tabb och C:\\sökväg\\N "citat"'
    quoted = text.replace('"', '""')
    data = f'id;kategori;tid;lat;lon;beskrivning\nt1;klotter;2025-03-01 10:00;59,195;17,625;"{quoted}"\n'.encode()
    report = run(world, data)
    assert report.ok, report.errors
    assert Incident.objects.get(external_id="t1").description == text


def checked_upload(client, world) -> None:
    """The Swedish Excel file uploaded and checked with the guessed columns: ready for the last step."""
    upload(client, world, SWEDISH_EXCEL.encode("cp1252"))
    form = client.get(reverse("incidents:import_mapping")).context["form"]
    data = {name: ("" if field.initial in (None, "") else field.initial) for name, field in form.fields.items()}
    client.post(reverse("incidents:import_mapping"), data)


def test_a_large_file_is_imported_by_the_background_worker(world, login, settings, tmp_path):
    """Over IMPORT_IN_BACKGROUND_BYTES the last step queues a job: the page follows it, the worker imports all or
    nothing for an organisation the user may still report for, and the upload is gone afterwards."""
    settings.DATA_DIR = tmp_path
    settings.IMPORT_IN_BACKGROUND_BYTES = 10
    client = login(world.alice)
    checked_upload(client, world)
    done = client.post(reverse("incidents:import_commit"))
    job = Job.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("background:job", args=[job.pk])
    assert job.title.startswith("Import av ") and "incident_import" not in client.session
    assert not any((tmp_path / "private" / "incident-imports").iterdir()) and job.input_path.exists()
    page = client.get(done["Location"]).content.decode()
    assert '<progress id="job-progress" aria-labelledby="job-status-heading"></progress>' in page  # indeterminate
    assert not Incident.objects.exists()

    background.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and not job.input_path.exists() and not job.path.exists()
    assert Incident.objects.count() == 3 and AuditEntry.objects.filter(action="import").count() == 1
    page = client.get(done["Location"]).content.decode()
    assert "3 händelser importerades (0 redan importerade)." in page
    assert f'href="{reverse("incidents:list")}"' in page and "Ladda ner" not in page


def test_a_background_import_refuses_when_the_user_may_no_longer_report(world, login, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.IMPORT_IN_BACKGROUND_BYTES = 10
    client = login(world.alice)
    checked_upload(client, world)
    client.post(reverse("incidents:import_commit"))
    job = Job.objects.get()
    world.alice.memberships.all().delete()
    background.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.input_path.exists()
    assert job.message == "Inget importerades: du får inte längre rapportera för den organisationen."
    assert not Incident.objects.exists()


def test_a_place_column_is_not_taken_for_the_type_of_place_and_a_case_number_is_the_id():
    header = ["Ärendenr", "Kategori", "Datum", "Plats", "N", "E", "Beskrivning", "Polisanmäld", "Skadekostnad"]
    mapping = importing.guess_mapping(header)
    assert mapping["external_id"] == 0 and mapping["lat"] == 4 and mapping["lon"] == 5
    assert "place_type" not in mapping
