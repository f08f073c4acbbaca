"""Bad input never crashes an importer (issue 14, item 4): every importer — incidents (CSV, XLSX, GeoJSON), the
police's events feed, indicators (Kolada JSON, Brå, tables), areas (GeoJSON) — answers each malformed file with a
clear error naming the file and, where there is one, the row and field; its command exits with CommandError (no
other exception), its upload page answers 200 with the error (never 500), and nothing is written.

The matrix: importer × malformation (CASES). Then what is accepted with a warning (columns not read), the caps,
and the XLSX expansion case: a generated ZIP bomb refused within seconds and a fixed memory bound."""

import html
import io
import json
import os
import random
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from samtrygg.areas.models import Area
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident, PoliceEvent
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue
from samtrygg.lib import safe_read, tabular

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
NEXT_YEARS = date.today().year + 3  # a period "decades ahead" need not be decades: more than a year is refused


# --- files --------------------------------------------------------------------------------------------------------

def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The ZIP `data` with the member `name` replaced by `content`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
INCIDENT_HEADER = ["Id", "Kategori", "Tid", "Latitud", "Longitud", "Beskrivning"]
INCIDENT_ROW = ["A-1", "klotter", "2025-03-01 14:30", 59.195, 17.625, "Klotter"]
TABLE_HEADER = ["Indikator", "Område", "År", "Värde"]
TABLE_ROW = ["Andel otrygga", "Torget", "2025", "31,5"]


def broken_xlsx(header, row) -> bytes:
    """A workbook whose sheet XML breaks off after the header row (a cut download, a bad export)."""
    good = xlsx([header, row, row])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read(SHEET)
    cut = sheet.index(b"<row", sheet.index(b"<row", sheet.index(b"<row") + 1) + 1) + 20  # in the third row
    return with_member(good, SHEET, sheet[:cut] + b"<c r=\"Z\"<<<")


def zip_bomb(unpacked: int = 1536 * 2**20) -> bytes:
    """An XLSX whose sheet unpacks to `unpacked` bytes (1.5 GB: the size the review found) from a few MB on disk:
    one MB of row XML deflated once, its blocks repeated (a full flush makes each repetition the same bytes), a
    correct CRC. A real, valid ZIP: what it declares is what it holds."""
    row = b'<row><c t="inlineStr"><is><t>klotter</t></is></c></row>'
    chunk = row * (2**20 // len(row))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kategori</t></is></c>'
            b"</row>")
    tail = b"</sheetData></worksheet>"
    repeats = (unpacked - len(head) - len(tail)) // len(chunk)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_chunk = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    packed = packed_head + packed_chunk * repeats + packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    members = []
    base = zipfile.ZipFile(io.BytesIO(xlsx([["Kategori"]])))
    for info in base.infolist():
        if info.filename == SHEET:
            members.append((SHEET, packed, crc, len(head) + repeats * len(chunk) + len(tail)))
        else:
            content = base.read(info)
            raw = zlib.compressobj(9, zlib.DEFLATED, -15)
            members.append((info.filename, raw.compress(content) + raw.flush(), zlib.crc32(content), len(content)))
    return _zip(members)


def _zip(members) -> bytes:
    """A ZIP archive of deflated members (name, deflated bytes, CRC-32, unpacked size), written by hand."""
    out, central = io.BytesIO(), []
    for name, data, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = b"".join(central)
    start = out.tell()
    out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory),
                                      start, 0))
    return out.getvalue()


def lying_zip(data: bytes, member: str = SHEET, declared: int | None = None) -> bytes:
    """The ZIP `data` with the unpacked size its central directory declares for `member` changed (smaller than
    the truth by default: a bomb that hides its size; or huge)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    directory = data.find(b"PK\x01\x02")
    while data[directory + 46: directory + 46 + struct.unpack_from("<H", data, directory + 28)[0]] != member.encode():
        directory = data.find(b"PK\x01\x02", directory + 4)
    size = declared if declared is not None else max(info.compress_size * 2, 1000)
    return data[: directory + 24] + struct.pack("<I", size) + data[directory + 28:]


def garbage() -> bytes:
    """Binary bytes that are no file of any kind (seeded, so every run sends the same)."""
    data = bytearray(random.Random(14).randbytes(8192))
    data[0] = 0x01  # not "{", "[" or "PK": the format detection sees neither JSON nor ZIP
    return bytes(data)


def deep_json() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


def feature_collection(*features, **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", **extra, "features": list(features)}).encode()


def point(**properties):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [17.625, 59.195]},
            "properties": {"id": "g1", "kategori": "klotter", "tid": "2025-06-01 12:00", **properties}}


def square(name="Torg", x=18.0, y=59.3, **properties):
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Feature", "properties": {"name": name, **properties},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def police_item(**fields):
    return {"id": 612685, "datetime": "2025-11-13 20:14:24 +01:00", "name": "13 november 18.28, Stöld, Malmö",
            "summary": "Stöld", "url": "/aktuellt/", "type": "Stöld",
            "location": {"name": "Malmö", "gps": "55.6,13.0"}, **fields}


def kolada(**record) -> bytes:
    value = {"kpi": "N07403", "municipality": "0180", "period": 2023,
             "values": [{"gender": "T", "count": 1, "status": "", "value": 56.2, "isdeleted": False}]}
    return json.dumps({"count": 1, "next_url": None, "values": [{**value, **record}]}).encode()


def csv_text(header: list[str], *rows: list[str]) -> bytes:
    return ("\r\n".join(";".join(map(str, row)) for row in [header, *rows]) + "\r\n").encode()


INCIDENT_CSV = csv_text(INCIDENT_HEADER, ["A-1", "klotter", "2025-03-01 14:30", "59,195", "17,625", "Klotter"],
                        ["A-2", "klotter", "2025-03-01 15:30", "59,195", "17,625", "Klotter"])
TABLE_CSV = csv_text(TABLE_HEADER, TABLE_ROW, ["Andel otrygga", "Norr", "2025", "19,0"])


# Each case: (importer, malformation) -> (file name, bytes, what the error must say). Importers: "incidents",
# "police", "indicators", "areas". "{row}" texts are where the error names the row (and field). The texts are
# English: the commands run under translation.override("en"), the upload pages with the English language cookie.
CASES: dict[tuple[str, str], tuple[str, bytes, str]] = {
    # deeply nested JSON: a RecursionError before
    ("incidents", "deep_json"): ("punkter.geojson", deep_json(), "nested too deeply"),
    ("police", "deep_json"): ("feed.json", deep_json(), "nested more than 64 levels"),
    ("indicators", "deep_json"): ("kolada.json", deep_json(), "nested more than 64 levels"),
    ("areas", "deep_json"): ("omr.geojson", deep_json(), "nested more than 64 levels"),
    # numbers JSON allows but no one can read
    ("incidents", "json_number"): ("punkter.geojson", feature_collection(point(kostnad=1e999)), "number"),
    ("police", "json_number"): ("feed.json", b"[" + b"9" * 5000 + b"]", "number"),
    ("indicators", "json_number"): ("kolada.json", kolada().replace(b"56.2", b"NaN"), "NaN"),
    ("areas", "json_number"): ("omr.geojson", feature_collection(square()).replace(b"18.0,", b"1e999,", 1),
                               "number"),
    # wrong JSON types anywhere in the structure
    ("incidents", "properties_list"): ("punkter.geojson", feature_collection(
        point(), {**point(), "properties": ["kategori", "klotter"]}), "Feature 2: “properties” must be an object"),
    ("incidents", "geometry_string"): ("punkter.geojson", feature_collection(
        {**point(), "geometry": "POINT(17.6 59.2)"}), "Feature 1: “geometry” must be an object"),
    ("incidents", "property_object"): ("punkter.geojson", feature_collection(point(tid={"from": "2025"})),
                                       "Feature 1: the property “tid” must be a single value"),
    ("areas", "properties_list"): ("omr.geojson", feature_collection(square(), {**square("B"), "properties": ["B"]}),
                                   "Feature 2: “properties” must be an object"),
    ("areas", "geometry_string"): ("omr.geojson", feature_collection({**square(), "geometry": "POLYGON((18 59))"}),
                                   "Feature 1 (Torg): geometry is missing"),
    ("areas", "name_object"): ("omr.geojson", feature_collection(square({"sv": "Torg"})),
                               "Feature 1: the property 'name' (the name) must be text"),
    ("areas", "crs_string"): ("omr.geojson", feature_collection(square(), crs="EPSG:3006"), "“crs”"),
    ("indicators", "values_string"): ("kolada.json", kolada(values="56,2"), "record 1, field values: must be a list"),
    ("indicators", "gender_list"): ("kolada.json", kolada(values=[{"gender": ["T"], "value": 1}]),
                                    "record 1, field values.gender"),
    ("indicators", "values_not_list"): ("kolada.json", b'{"values": {"kpi": "N07403"}}', "no list of \"values\""),
    ("police", "object_items"): ("feed.json", json.dumps([[1, 2], "Stöld", 612685]).encode(),
                                 "None of the 3 items is a usable event (not a JSON object: #1, #2, #3)"),
    ("police", "wrong_fields"): ("feed.json", json.dumps([police_item(id={"n": 1}, datetime=[2025])]).encode(),
                                 "no id, or not a positive whole number: #1"),
    # a broken XLSX: sheet XML that breaks off, and a file that is not a ZIP at all
    ("incidents", "broken_xlsx"): ("lista.xlsx", broken_xlsx(INCIDENT_HEADER, INCIDENT_ROW), "Row 3"),
    ("indicators", "broken_xlsx"): ("trygghet.xlsx", broken_xlsx(TABLE_HEADER, TABLE_ROW), "row 3"),
    ("incidents", "not_a_zip"): ("lista.xlsx", b"PK\x03\x04 this is no workbook", "not a readable Excel workbook"),
    ("indicators", "not_a_zip"): ("trygghet.xlsx", b"PK\x03\x04 this is no workbook",
                                  "not a readable Excel workbook"),
    ("incidents", "lying_zip"): ("lista.xlsx", lying_zip(xlsx([INCIDENT_HEADER, *[INCIDENT_ROW] * 300])),
                                 "damaged"),
    ("indicators", "lying_zip"): ("trygghet.xlsx", lying_zip(xlsx([TABLE_HEADER, *[TABLE_ROW] * 300])), "damaged"),
    # NUL and other control characters: the row (and column) named
    ("incidents", "nul"): ("handelser.csv",
                           INCIDENT_CSV + b"A-3;klotter;2025-03-01 16:30;59,195;17,625;Klot\x00ter\r\n",
                           "Row 4, Beskrivning: The cell holds a control character (U+0000)"),
    ("incidents", "control"): ("handelser.csv", INCIDENT_CSV.replace(b"A-2;klotter", b"A-2;klot\x1bter"),
                               "Row 3, Kategori: The cell holds a control character (U+001B)"),
    ("indicators", "nul"): ("trygghet.csv", TABLE_CSV + b"Andel otrygga;Cent\x00rum;2025;2\r\n",
                            "row 4, field Område: the text holds a control character (U+0000)"),
    ("indicators", "nul_bra"): ("bra.csv", (DATA / "indicators" / "bra_databasfil.csv").read_bytes()
                                + b"Lund;R\x00n;2024;Januari;3;1,2\r\n",
                                "row 58, field Brott: the text holds a control"),
    ("areas", "nul"): ("omr.geojson", feature_collection(square(), square("Nor\u0000r", y=59.4)),
                       "Feature 2: the name holds a control character (U+0000)"),
    ("police", "nul"): ("feed.json", json.dumps([police_item(summary="Stöld\u0000")]).encode(),
                        "a text holds a control character (such as NUL): #1 (id 612685)"),
    # wrong encodings: UTF-16, binary garbage
    ("incidents", "utf16"): ("handelser.csv", INCIDENT_CSV.decode().encode("utf-16"), "UTF-16"),
    ("indicators", "utf16"): ("trygghet.csv", TABLE_CSV.decode().encode("utf-16"), "UTF-16"),
    ("police", "utf16"): ("feed.json", json.dumps([police_item()]).encode("utf-16"), "UTF-16"),
    ("areas", "utf16"): ("omr.geojson", feature_collection(square()).decode().encode("utf-16"), "UTF-16"),
    ("incidents", "utf16_no_bom"): ("handelser.csv", INCIDENT_CSV.decode().encode("utf-16-le"), "UTF-16"),
    ("incidents", "binary"): ("handelser.csv", garbage(), "binary data"),
    ("indicators", "binary"): ("trygghet.csv", garbage(), "binary"),
    ("police", "binary"): ("feed.json", garbage(), "binary"),
    ("areas", "binary"): ("omr.geojson", garbage(), "binary data"),
    # empty and header-only files are errors, not successes
    ("incidents", "empty"): ("handelser.csv", b"", "empty"),
    ("indicators", "empty"): ("trygghet.csv", b"", "empty"),
    ("police", "empty"): ("feed.json", b"", "empty"),
    ("areas", "empty"): ("omr.geojson", b"", "empty"),
    ("incidents", "header_only"): ("handelser.csv", csv_text(INCIDENT_HEADER), "no rows below the column names"),
    ("incidents", "header_only_xlsx"): ("lista.xlsx", xlsx([INCIDENT_HEADER]), "no rows below the column names"),
    ("incidents", "no_features"): ("punkter.geojson", feature_collection(), "no rows"),
    ("indicators", "header_only"): ("trygghet.csv", csv_text(TABLE_HEADER), "holds no values"),
    ("indicators", "empty_kolada"): ("kolada.json", b'{"values": []}', "holds no values"),
    ("police", "empty_array"): ("feed.json", b"[]", "no events"),
    ("areas", "no_features"): ("omr.geojson", feature_collection(), "no features"),
    # input that reads but must not be accepted
    ("areas", "outside_sweden"): ("omr.geojson", feature_collection(square("Paris", x=2.35, y=48.85)),
                                  "Feature 1 (Paris): the area lies outside Sweden"),
    ("areas", "swapped"): ("omr.geojson", feature_collection(square("Omvänd", x=59.3, y=18.0)),
                           "longitude and latitude swapped"),
    ("areas", "sweref"): ("omr.geojson", feature_collection(square("Meter", x=674032.0, y=6580822.0)),
                          "Feature 1 (Meter): coordinates are outside WGS 84"),
    ("areas", "sweref_declared"): ("omr.geojson", feature_collection(
        square(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}), "EPSG::3006"),
    ("indicators", "future_period"): ("trygghet.csv", TABLE_CSV + f"Andel otrygga;Norr;{NEXT_YEARS};20\r\n".encode(),
                                      "row 4, field År: the period"),
    ("indicators", "future_kolada"): ("kolada.json", kolada(period=2099), "record 1, field period: the period 2099"),
    ("indicators", "future_bra"): ("bra.csv", (DATA / "indicators" / "bra_databasfil.csv").read_bytes()
                                   + b"Lund;R\xe5n;2099;Januari;3;1,2\r\n", "row 58, field År: the period 2099-01"),
    ("indicators", "extra_bra_column"): ("bra.csv", (DATA / "indicators" / "bra_databasfil.csv").read_bytes()
                                         + b"Lund;R\xe5n;2024;Januari;3;1,2;extra\r\n", "row 58, field column 7"),
    ("incidents", "cell_too_long"): ("handelser.csv", INCIDENT_CSV + b"A-3;klotter;2025-03-01 16:30;59,195;17,625;"
                                     + b"x" * 40_000 + b"\r\n", "Row 4"),
}


def cases(*importers):
    return [pytest.param(importer, name, id=f"{importer}-{name}") for importer, name in CASES if importer in importers]


def stored() -> dict:
    """What an import writes, counted."""
    return {"incidents": Incident.objects.count(), "police": PoliceEvent.objects.count(),
            "values": IndicatorValue.objects.count(), "series": IndicatorSeries.objects.count(),
            "areas": Area.objects.count(), "audit": AuditEntry.objects.count()}


# --- the commands -------------------------------------------------------------------------------------------------

def command(world, importer: str, path: Path) -> list[str]:
    return {
        "incidents": ["import-incidents", str(path), "--organisation", world.kommun_a.kommunkod],
        "police": ["import-police-events", str(path)],
        "indicators": ["import-indicators", str(path), "--org", world.kommun_a.kommunkod],
        "areas": ["import-areas", str(path), "--org", str(world.kommun_a.pk)],
    }[importer]


@pytest.mark.parametrize(("importer", "malformation"), cases("incidents", "police", "indicators", "areas"))
def test_each_command_refuses_each_malformed_file_and_writes_nothing(world, tmp_path, importer, malformation):
    name, data, expected = CASES[importer, malformation]
    path = tmp_path / name
    path.write_bytes(data)
    before = stored()
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with pytest.raises(CommandError) as refused, translation.override("en"):  # any other exception: a traceback
        call_command(*command(world, importer, path), stdout=out, stderr=err)
    said = f"{refused.value}\n{err.getvalue()}"
    assert expected in said, said
    assert name in said  # the file is named
    assert "Traceback" not in said
    assert stored() == before
    assert time.monotonic() - started < 30


def test_the_command_run_as_a_process_exits_non_zero_without_a_traceback(tmp_path):
    """The real command line: the message, an exit status that is not 0, no traceback."""
    path = tmp_path / "feed.json"
    path.write_bytes(deep_json())
    done = subprocess.run([sys.executable, "-m", "samtrygg", "import-police-events", str(path)],  # noqa: S603
                          capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "SAMTRYGG_DATA_DIR": str(tmp_path), "SAMTRYGG_LANGUAGE": "en"})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "nested more than 64 levels" in done.stderr


@pytest.mark.parametrize("malformation", ["deep_json", "nul", "object_items", "binary"])
def test_run_jobs_reports_a_malformed_feed_and_goes_on(world, tmp_path, settings, malformation):
    """The feed `run-jobs` reads (SAMTRYGG_POLICE_FEED_URL; a file works too): the problem on stderr, nothing
    written, the other jobs still done."""
    _name, data, expected = CASES["police", malformation]
    path = tmp_path / "feed.json"
    path.write_bytes(data)
    settings.SAMTRYGG_POLICE_FEED_URL = str(path)
    before = stored()
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("run-jobs", stdout=out, stderr=err)
    assert f"police_feed: Nothing imported from {path}" in err.getvalue() and expected in err.getvalue()
    assert "duty_reminders" in out.getvalue()
    assert stored() == before


# --- the upload pages ---------------------------------------------------------------------------------------------

@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload_incidents(client, world, name: str, data: bytes):
    """Step 1, and when the file passes it, the column step and the check; then an attempt to import."""
    response = client.post(reverse("incidents:import"), {
        "owner": world.kommun_a.pk, "crs": "auto", "file": SimpleUploadedFile(name, data)})
    if response.status_code == 302:
        form = client.get(reverse("incidents:import_mapping")).context["form"]
        fields = {n: ("" if f.initial in (None, "") else f.initial) for n, f in form.fields.items()}
        response = client.post(reverse("incidents:import_mapping"), fields)
        assert response.status_code == 200 and not response.context["report"].ok
        committed = client.post(reverse("incidents:import_commit"))
        assert committed.status_code == 200 and not committed.context["report"].committed
    return response


@pytest.mark.parametrize(("importer", "malformation"), cases("incidents", "indicators", "areas"))
def test_each_upload_page_answers_each_malformed_file_with_an_error_and_writes_nothing(
        world, login, english, settings, tmp_path, importer, malformation):
    settings.DATA_DIR = tmp_path
    name, data, expected = CASES[importer, malformation]
    client = login(world.alice)
    before = stored()
    if importer == "incidents":
        response = upload_incidents(client, world, name, data)
    elif importer == "indicators":
        response = client.post(reverse("indicators:import"), {
            "file": SimpleUploadedFile(name, data), "organisation": world.kommun_a.pk})
    else:
        response = client.post(reverse("areas:import"), {
            "owner": world.kommun_a.pk, "file": SimpleUploadedFile(name, data), "kind": "omrade",
            "name_property": "name"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    context = response.context
    if "report" in context:  # incidents: a problem of a row, listed by row on the check page
        found = [e for e in context["report"].errors if expected in str(e)]
        assert found, context["report"].errors
        assert found[0].message in page
    else:
        errors = [*context.get("errors", []), *context["form"].errors.get("file", [])]
        found = [str(e) for e in errors if expected in str(e)]
        assert found, errors
        assert found[0] in page
    assert stored() == before


def test_an_uploaded_zip_bomb_is_a_form_error_within_seconds(world, login, english, settings, tmp_path, bomb):
    settings.DATA_DIR = tmp_path
    client = login(world.alice)
    assert client.get(reverse("indicators:import")).status_code == 200  # the first request imports every view
    before = stored()
    started = time.monotonic()
    response = client.post(reverse("incidents:import"), {
        "owner": world.kommun_a.pk, "crs": "auto", "file": SimpleUploadedFile("lista.xlsx", bomb)})
    assert response.status_code == 200
    assert "unpacks to too much data" in response.context["form"].errors["file"][0]
    response = client.post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("trygghet.xlsx", bomb), "organisation": world.kommun_a.pk})
    assert "unpacks to more than" in response.context["form"].errors["file"][0]
    assert time.monotonic() - started < 10
    assert stored() == before


# --- accepted, with a word about what was not read ----------------------------------------------------------------

@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


def test_columns_an_incident_import_does_not_read_are_listed(world, tmp_path, in_english):
    path = tmp_path / "handelser.csv"
    path.write_bytes(csv_text([*INCIDENT_HEADER, "Handläggare"],
                              ["A-1", "klotter", "2025-03-01 14:30", "59,195", "17,625", "Klotter", "Anna"],
                              ["A-2", "klotter", "2025-03-01 15:30", "59,195", "17,625", "Klotter", "", "extra"]))
    err = io.StringIO()
    call_command("import-incidents", str(path), "--organisation", "0180", stdout=io.StringIO(), stderr=err)
    assert Incident.objects.count() == 2
    assert "not read, since no field is chosen for them: “Handläggare”" in err.getvalue()
    assert "1 row has cells to the right of the last named column (row 3)" in err.getvalue()


def test_the_incident_check_page_shows_the_columns_not_read(world, login, english, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client = login(world.alice)
    data = csv_text([*INCIDENT_HEADER, "Handläggare"],
                    ["A-1", "klotter", "2025-03-01 14:30", "59,195", "17,625", "Klotter", "Anna"])
    client.post(reverse("incidents:import"), {"owner": world.kommun_a.pk, "crs": "auto",
                                              "file": SimpleUploadedFile("h.csv", data)})
    form = client.get(reverse("incidents:import_mapping")).context["form"]
    preview = client.post(reverse("incidents:import_mapping"),
                          {n: ("" if f.initial in (None, "") else f.initial) for n, f in form.fields.items()})
    assert preview.context["report"].ok
    assert "Handläggare" in preview.content.decode().split("<main", 1)[-1]


def test_columns_an_indicator_table_does_not_read_are_listed(world, tmp_path, login, english):
    path = tmp_path / "trygghet.csv"
    path.write_bytes(csv_text([*TABLE_HEADER, "Kommentar"], [*TABLE_ROW, "ny fråga"]))
    err = io.StringIO()
    with translation.override("en"):
        call_command("import-indicators", str(path), "--org", "0180", stdout=io.StringIO(), stderr=err)
    assert "the columns Kommentar were not read" in err.getvalue()
    assert IndicatorValue.objects.count() == 1
    page = login(world.alice).post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("trygghet.csv", path.read_bytes()), "organisation": world.kommun_a.pk,
        "check_only": "on"})
    assert "the columns Kommentar were not read" in page.content.decode()


def test_real_files_with_their_quirks_still_import(world, tmp_path):
    """Latin-1 with semicolons (Brå), UTF-8 with a byte-order mark (a trygghetsmätning), an XLSX, GeoJSON."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-indicators", str(DATA / "indicators" / "bra_databasfil.csv"), stdout=out)
        call_command("import-indicators", str(DATA / "indicators" / "bra_brottstyper_2024.xlsx"), stdout=out)
        call_command("import-indicators", str(DATA / "indicators" / "trygghet_omraden.csv"), "--org", "0180",
                     stdout=out)
    assert out.getvalue().count("Imported") == 3
    path = tmp_path / "h.csv"
    path.write_bytes("Id;Kategori;Tid;Latitud;Longitud;Beskrivning\r\nL-1;Klotter;2025-03-01 14:30;59,195;17,625;"
                     "Åäö på torget\r\n".encode("cp1252"))
    call_command("import-incidents", str(path), "--organisation", "0180", stdout=out)
    assert Incident.objects.get(external_id="L-1").description == "Åäö på torget"


# --- the caps -----------------------------------------------------------------------------------------------------

def test_rows_beyond_the_cap_are_refused_in_every_table_format(world, monkeypatch, in_english):
    from samtrygg.incidents import importing
    from samtrygg.indicators import formats

    monkeypatch.setattr(safe_read, "MAX_ROWS", 3)
    rows = [[f"A-{k}", "klotter", "2025-03-01 14:30", 59.195, 17.625, ""] for k in range(5)]
    for name, data in (("h.csv", csv_text(INCIDENT_HEADER, *rows)), ("h.xlsx", xlsx([INCIDENT_HEADER, *rows])),
                       ("h.geojson", feature_collection(*[point(id=str(k)) for k in range(5)]))):
        report = importing.import_file(actor=None, owner=world.kommun_a, file=io.BytesIO(data), filename=name,
                                       commit=True)
        assert not report.ok and "more than 3" in str(report.errors[0]), (name, report.errors)
    with translation.override("en"), pytest.raises(formats.FormatError, match="more than 3 rows"):
        formats.parse(csv_text(TABLE_HEADER, *[TABLE_ROW] * 5), "t.csv")
    assert not Incident.objects.exists()


def test_a_forged_row_number_in_a_sheet_is_refused_quickly(world, monkeypatch):
    """A sheet whose second row claims to be row 1,048,576: openpyxl would hand over a million empty rows."""
    good = xlsx([INCIDENT_HEADER, INCIDENT_ROW])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read(SHEET).replace(b'r="2"', b'r="1048576"')
    sheet = sheet.replace(b'r="A2"', b'r="A1048576"')
    monkeypatch.setattr(safe_read, "MAX_ROWS", 10_000)
    started = time.monotonic()
    with pytest.raises(tabular.TableError) as refused:
        list(tabular.read_table(io.BytesIO(with_member(good, SHEET, sheet)), "x.xlsx").rows)
    assert refused.value.code == "too_many_rows" and time.monotonic() - started < 5


def test_too_many_columns_and_too_long_cells_are_refused():
    with pytest.raises(tabular.TableError) as refused:
        tabular.read_table(io.BytesIO(b";".join([b"k"] * (safe_read.MAX_COLUMNS + 1)) + b"\n1\n"), "x.csv")
    assert refused.value.code == "too_many_columns"
    columns = tabular.read_columns(io.BytesIO(b"a;b\n1;" + b"x" * 40_000 + b"\n"), "x.csv")
    with pytest.raises(tabular.TableError) as refused:
        list(columns.batches)
    assert refused.value.code == "cell_too_long" and refused.value.row == 2


@pytest.mark.parametrize("variant", ["real", "declared_huge", "too_many_members", "encrypted_method"])
def test_zip_checks_refuse_before_openpyxl_reads(variant, bomb):
    data = {
        "real": bomb,
        "declared_huge": lying_zip(xlsx([INCIDENT_HEADER]), declared=0xFFFFFF00),
        "too_many_members": _zip([(f"x{k}.xml", zlib.compress(b"x")[2:-4], zlib.crc32(b"x"), 1)
                                  for k in range(1001)]),
        "encrypted_method": _zip([("a.xml", b"xx", 0, 2)]).replace(b"\x08\x00\x00\x00\x21\x00",  # LZMA
                                                                     b"\x0e\x00\x00\x00\x21\x00"),
    }[variant]
    started = time.monotonic()
    with pytest.raises(safe_read.UnsafeInput) as refused:
        safe_read.check_zip(data)
    assert refused.value.code in {"zip_bomb", "zip_method"}
    assert time.monotonic() - started < 2


# --- the ZIP bomb, in a process of its own with bounded memory ----------------------------------------------------

@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_the_bomb_is_tiny_on_disk_and_huge_unpacked(bomb):
    archive = zipfile.ZipFile(io.BytesIO(bomb))
    assert len(bomb) < 8 * 2**20
    assert archive.getinfo(SHEET).file_size > 1.5e9
    with archive.open(SHEET) as sheet:  # what it declares is what it holds: the start reads as a sheet
        assert sheet.read(200).startswith(b"<?xml")


BOUNDED = textwrap.dedent("""
    import json, resource, sys, time
    import django
    django.setup()  # the indicator formats' messages are translated
    from django.utils import translation
    translation.activate("en")
    from samtrygg.lib import tabular
    from samtrygg.indicators import formats
    data = open(sys.argv[1], "rb").read()
    status = open("/proc/self/status").read()
    virtual = int(next(l for l in status.splitlines() if l.startswith("VmSize")).split()[1]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (virtual + 512 * 2**20, virtual + 512 * 2**20))
    results = {"before_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    for name, read in (("tabular", lambda: list(tabular.read_table(__import__("io").BytesIO(data), "b.xlsx").rows)),
                       ("indicators", lambda: formats.parse(data, "b.xlsx"))):
        started = time.monotonic()
        try:
            read()
            results[name] = "read"
        except (tabular.TableError, formats.FormatError) as exc:
            results[name] = str(exc)
        results[name + "_seconds"] = time.monotonic() - started
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(results))
""")


def test_an_xlsx_zip_bomb_is_refused_within_seconds_and_bounded_memory(tmp_path, bomb):
    """Run where memory is capped (RLIMIT_AS: what the process had after its imports plus 512 MB; reading the
    review's 1.5 GB sheet took 760 MB), and its peak resident memory measured: the refusal comes from the ZIP's
    declared sizes and ratio, before any sheet is read."""
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    done = subprocess.run([sys.executable, "-c", BOUNDED, str(path)], capture_output=True,  # noqa: S603
                          text=True, timeout=60, check=False,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "samtrygg.settings",
                               "SAMTRYGG_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert "unpacks to more than" in results["tabular"] and "unpacks to more than" in results["indicators"]
    assert results["tabular_seconds"] < 5 and results["indicators_seconds"] < 5
    assert results["peak_rss_mb"] - results["before_mb"] < 64, results  # the refusal itself costs next to nothing


def test_a_bomb_that_hides_its_size_is_caught_while_reading(tmp_path):
    """Declared sizes can lie: every member is unpacked once, counting, and a member that holds more than it
    declares fails its CRC check; the unpacking stops at the declared size (zipfile never produces more)."""
    hidden = lying_zip(zip_bomb(64 * 2**20), declared=2 * 2**20)
    started = time.monotonic()
    with pytest.raises(safe_read.UnsafeInput) as refused:
        safe_read.check_zip(hidden)
    assert refused.value.code == "zip_broken" and time.monotonic() - started < 5
