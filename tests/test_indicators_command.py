"""`samtrygg import-indicators FILE_OR_URL`: the format detected or chosen, what was imported printed, a bad file
refused with "FILE, row N, field F: reason" (in Swedish "FILE, rad N, fält F: …") and nothing written; Kolada read
from its API page by page. The command speaks the active language: these tests run it in English."""

import http.server
import io
import json
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samtrygg.audit.models import AuditEntry
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "indicators"
DATA_PATH = "/v3/data/kpi/N07403/year/2022,2023"


def run(source, *args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-indicators", str(source), *args, stdout=out)
    return out.getvalue()


def test_a_brå_file_is_detected_imported_and_reported():
    out = run(DATA / "bra_databasfil.csv")
    assert f"Imported 56 values of 2 series from {DATA / 'bra_databasfil.csv'} (bra): 56 new, 0 updated, 0 unchanged." \
        in out
    assert "  new series Samtliga brott “Samtliga brott”: 28 new, 0 updated, 0 unchanged" in out
    out = run(DATA / "bra_databasfil.csv")
    assert "0 new, 0 updated, 56 unchanged." in out
    assert IndicatorValue.objects.count() == 56


def test_police_regions_and_unknown_municipalities_in_a_brå_file_are_skipped_and_reported(tmp_path):
    """Brå's tables also hold police regions ("Region Stockholm" is Stockholm and Gotland there, not the län) and
    the crimes whose municipality is unknown: totals we store nothing for, which must not stop the import."""
    lines = ["Region;Brott;År;Period;Antal;/100 000 inv",
             "0180 Stockholm;Samtliga brott;2024;Helår;8 000;1000,0",
             "Region Stockholm;Samtliga brott;2024;Helår;250 000;9 800,0",
             "Polisregion Nord;Samtliga brott;2024;Helår;60 000;6 900,0",
             "Kommunuppgift saknas;Samtliga brott;2024;Helår;12 000;..",
             "Stockholms län;Samtliga brott;2024;Helår;240 000;9 900,0"]
    path = tmp_path / "bra.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    out = run(path)
    assert "Imported 2 values of 1 series" in out
    assert "Skipped 3 rows of totals that are no kommun, län or riket (first on row 3): Kommunuppgift saknas, " \
           "Polisregion Nord, Region Stockholm" in out
    assert sorted(IndicatorValue.objects.values_list("region_code", flat=True)) == ["0180", "L01"]


def test_own_values_need_an_organisation_and_name_it_by_kommunkod(world):
    with pytest.raises(CommandError, match="needs the organisation that owns it"):
        run(DATA / "trygghet_omraden.csv")
    out = run(DATA / "trygghet_omraden.csv", "--org", "0180", "--user", "alice", "--format", "table")
    assert "(tabell): 9 new" in out
    assert set(IndicatorSeries.objects.values_list("owner", flat=True)) == {world.kommun_a.pk}
    assert AuditEntry.objects.get(action="import", object_type="indicators.indicatorvalue").actor == world.alice


def test_a_user_without_the_right_is_refused(world):
    with pytest.raises(CommandError, match="may not change"):
        run(DATA / "trygghet_omraden.csv", "--org", "Exempelstad kommun", "--user", "carol")
    assert not IndicatorValue.objects.exists()


def test_a_bad_line_is_named_and_nothing_is_written(tmp_path):
    bad = tmp_path / "brå.csv"
    bad.write_bytes((DATA / "bra_databasfil.csv").read_bytes() + "Lund;Rån;2024;Januari;3;1,2,3\r\n".encode("latin-1"))
    with pytest.raises(CommandError) as exc:
        run(bad)
    assert str(exc.value) == f"{bad}, row 58, field /100 000 inv: “1,2,3” is not a number. Nothing imported."
    assert not IndicatorValue.objects.exists() and not IndicatorSeries.objects.exists()


def test_a_dry_run_writes_nothing():
    out = run(DATA / "kolada_N07403.json", "--dry-run")
    assert out.startswith("Dry run, nothing written: would have imported 42 values of 1 series")
    assert not IndicatorValue.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run(tmp_path / "saknas.csv")


@pytest.fixture
def kolada_server():
    """A local stand-in for api.kolada.se: the sample answer in two pages (next_url) and the KPI's metadata."""
    doc = json.loads((DATA / "kolada_N07403.json").read_text())
    served = {"requests": [], "status": 200}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            served["requests"].append((self.path, self.headers.get("User-Agent")))
            base = served["url"]
            if self.path == DATA_PATH:
                body = {**doc, "values": doc["values"][:8], "next_url": f"{base}{DATA_PATH}?page=2"}
            elif self.path == f"{DATA_PATH}?page=2":
                body = {**doc, "values": doc["values"][8:], "next_url": None}
            elif self.path == "/v3/kpi/N07403":
                body = json.loads((DATA / "kolada_kpi_N07403.json").read_text())
            else:
                body = {"error": "not found"}
            data = json.dumps(body).encode()
            self.send_response(served["status"] if self.path == DATA_PATH else 200 if "error" not in body else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield served
    server.shutdown()
    server.server_close()


def test_kolada_is_read_from_its_api_page_by_page_and_named_from_its_metadata(kolada_server):
    out = run(kolada_server["url"] + DATA_PATH)
    assert "Imported 42 values of 1 series" in out and "(kolada): 42 new" in out
    assert [path for path, _ua in kolada_server["requests"]] == [DATA_PATH, f"{DATA_PATH}?page=2", "/v3/kpi/N07403"]
    assert all(ua.startswith("samtrygg/") and "import-indicators" in ua for _path, ua in kolada_server["requests"])
    series = IndicatorSeries.objects.get()
    assert series.name.startswith("Andel invånare som känner sig otrygga")
    assert IndicatorValue.objects.get(region_code="R00", period="2023", gender="T").value == 22.6


def test_an_http_error_is_reported_and_nothing_is_written(kolada_server):
    kolada_server["status"] = 503
    with pytest.raises(CommandError, match="answered HTTP 503"):
        run(kolada_server["url"] + DATA_PATH)
    assert not IndicatorValue.objects.exists()


def test_a_saved_kolada_answer_is_named_by_a_saved_metadata_file():
    run(DATA / "kolada_N07403.json", "--metadata", DATA / "kolada_kpi_N07403.json")
    assert IndicatorSeries.objects.get().name.startswith("Andel invånare som känner sig otrygga")
    run(DATA / "kolada_N07403.json")  # without names the stored name is kept
    assert IndicatorSeries.objects.get().name.startswith("Andel invånare som känner sig otrygga")
