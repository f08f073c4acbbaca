"""Brå's and Kolada's files as they really are: Brå's monthly databasfil as the statistikdatabas exports it (title
rows, a Län column, "2016 prel." years, a kommun listed under two counties, "Uppgift saknas" rows, footers; Latin-1
or UTF-8 with BOM), Brå's yearly "Anmälda brott i kommunerna" (Kommun;Antal (prel.);Per 100 000 inv. (prel.), and
the 2021 file without a header), and Kolada's v3 API over several pages with gender splits and KPI metadata. Every
file is written by the test; the Kolada API is a local server on 127.0.0.1."""

import http.server
import io
import json
import re
import threading

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samtrygg.indicators import formats
from samtrygg.indicators.formats import FormatError
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue

MONTHLY = [
    "Anmälda brott, månadsvis, per kommun",
    "",
    "Län;Kommun;Brott;År;Månad;Antal;Per 100 000 inv.",
    "Stockholms län;Upplands Väsby kommun;Samtliga brott;2016 prel.;Jan;310;633,2",
    "Stockholms län;Upplands Väsby kommun;Samtliga brott;2016 prel.;Feb;290;592,3",
    "Uppsala län;Upplands Väsby kommun;Samtliga brott;2016 prel.;Jan;0;0",       # the same kommun, second county
    "Stockholms län;Stockholms stad;Samtliga brott;2016 prel;Jan;8 120;872,5",
    "Stockholms län;;Samtliga brott;2016*;Jan;20 000;880,1",                      # the län's own row
    "Stockholms län;Uppgift saknas;Samtliga brott;2016 prel.;Jan;1 200;..",
    "Skåne län;Okänd kommun;Samtliga brott;2016 prel.;Jan;300;..",
    "Skåne län;Malmö kommun;Samtliga brott;2015;Jan;2 500;775,0",
    "Skåne län;Malmö kommun;Samtliga brott;2015;Jan;;",                           # listed twice, second empty
    "Riket;;Samtliga brott;2016 prel.;Jan;120 000;1 210,4",
    "Polisregion Syd;;Samtliga brott;2016 prel.;Jan;30 000;..",
    "",
    "Källa: Brå, statistikdatabasen över anmälda brott.",
    "Preliminär statistik för 2016. .. = uppgift saknas",
]


def write(tmp_path, name, lines, encoding):
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8-sig"])
def test_the_real_monthly_databasfil_is_read_with_its_quirks(tmp_path, encoding):
    parsed = formats.load(str(write(tmp_path, "brott.csv", MONTHLY, encoding)))
    assert (parsed.format, list(parsed.series)) == ("bra", ["Samtliga brott"])
    found = {(r.region_code, r.period): r for r in parsed.rows}
    assert len(found) == len(parsed.rows) == 6  # no row twice
    assert (found[("0114", "2016-01")].count, found[("0114", "2016-01")].value) == (310, 633.2)  # non-zero kept
    assert found[("0114", "2016-01")].line == 4
    assert found[("0180", "2016-01")].count == 8120  # "2016 prel"
    assert found[("L01", "2016-01")].count == 20000  # "2016*", the län's row without a kommun
    assert found[("1280", "2015-01")].count == 2500
    assert found[("R00", "2016-01")].value == 1210.4
    warnings = "\n".join(parsed.warnings)
    with translation.override("en"):
        parsed = formats.load(str(write(tmp_path, "brott.csv", MONTHLY, encoding)))
        warnings = "\n".join(parsed.warnings)
    assert "2 places were listed twice" in warnings and "Upplands Väsby (row 4, 2016-01)" in warnings
    assert "Malmö (row 11, 2015-01)" in warnings
    assert "2 rows of crimes whose municipality is unknown (Okänd kommun, Uppgift saknas) were skipped" in warnings
    assert "the values of 2016 are preliminary" in warnings and "2015" not in warnings.split("preliminary")[0][-30:]
    assert [region for _line, region in parsed.skipped] == ["Uppgift saknas", "Okänd kommun", "Polisregion Syd"]


def test_two_rows_with_different_values_are_an_error_naming_both(tmp_path):
    lines = [*MONTHLY[:6], "Uppsala län;Upplands Väsby kommun;Samtliga brott;2016 prel.;Jan;12;24,5"]
    with translation.override("en"), pytest.raises(FormatError) as exc:
        formats.load(str(write(tmp_path, "brott.csv", lines, "latin-1")))
    assert (exc.value.line, exc.value.field) == (7, "Kommun")
    assert "Upplands Väsby, Samtliga brott, 2016-01 is also on row 4 with other values" in exc.value.reason
    assert "633.2/310, 24.5/12" in exc.value.reason


def test_a_period_column_that_holds_the_year_is_read(tmp_path):
    lines = ["Region;Brottstyp;Period;Antal;Per 100 000 invånare",
             "Bjuv kommun;Skadegörelsebrott;2016, Jun;12;76,1",
             "Hela landet, Stockholms län;Skadegörelsebrott;År 2016 prel.;30 100;1 310,0",
             "Malung–Sälen;Skadegörelsebrott;2015, Kvartal 2;20;196,0"]
    parsed = formats.load(str(write(tmp_path, "export.csv", lines, "utf-8-sig")))
    assert {(r.region_code, r.period, r.count) for r in parsed.rows} == {
        ("1260", "2016-06", 12), ("L01", "2016", 30100), ("2023", "2015Q2", 20)}
    with translation.override("en"):
        assert "the values of 2016 are preliminary" in "".join(formats.load(str(tmp_path / "export.csv")).warnings)


def test_the_yearly_kommun_file_is_counts_and_rates_of_all_crimes(tmp_path):
    lines = ["Kommun;Antal (prel.);Per 100 000 inv. (prel.)", "Arjeplogs kommun;95;3 300", "Malung–Sälen;700;6 800",
             "Upplands Väsby;4 102;8 380", "Upplands Väsby;0;0", "Kommunuppgift saknas;9 000;..",
             "Hela landet;1 480 500;14 050"]
    parsed = formats.load(str(write(tmp_path, "Anmälda brott kommunerna 2024.csv", lines, "utf-8-sig")))
    assert (parsed.format, list(parsed.series)) == ("bra-tabell", ["Samtliga brott"])
    found = {r.region_code: (r.period, r.count, r.value, set(r.sets)) for r in parsed.rows}
    assert found == {"2506": ("2024", 95, 3300.0, {"value", "count"}),
                     "2023": ("2024", 700, 6800.0, {"value", "count"}),
                     "0114": ("2024", 4102, 8380.0, {"value", "count"}),
                     "R00": ("2024", 1480500, 14050.0, {"value", "count"})}
    with translation.override("en"):
        warnings = " ".join(formats.load(str(tmp_path / "Anmälda brott kommunerna 2024.csv")).warnings)
    assert "1 place was listed twice" in warnings and "1 row of crimes whose municipality is unknown" in warnings
    assert "the values of 2024 are preliminary" in warnings


def test_the_2021_kommun_file_without_a_header_is_read(tmp_path):
    lines = ["Ale kommun;2731;8547", "Arjeplogs kommun;80;2 800", "Hela landet;1 500 000;14 400"]
    parsed = formats.load(str(write(tmp_path, "anmalda_brott_kommuner_2021.csv", lines, "utf-8-sig")))
    assert {(r.region_code, r.period, r.count, r.value) for r in parsed.rows} == {
        ("1440", "2021", 2731, 8547.0), ("2506", "2021", 80, 2800.0), ("R00", "2021", 1500000, 14400.0)}


def test_a_yearly_table_with_a_preliminary_year_column(tmp_path):
    lines = ["Anmälda brott per kommun, samtliga brott, antal", "Kommun;2015;2016 prel.", "Lund;9 000;9 100",
             "Uppgift saknas;100;120", "Riket;1 400 000;1 500 000"]
    parsed = formats.load(str(write(tmp_path, "per_kommun.csv", lines, "latin-1")))
    assert {(r.region_code, r.period, r.count) for r in parsed.rows} == {
        ("1281", "2015", 9000), ("1281", "2016", 9100), ("R00", "2015", 1400000), ("R00", "2016", 1500000)}
    with translation.override("en"):
        warnings = " ".join(formats.load(str(tmp_path / "per_kommun.csv")).warnings)
    assert "the values of 2016 are preliminary" in warnings and "(Uppgift saknas) was skipped" in warnings


@pytest.mark.django_db
def test_the_command_names_what_it_merged_and_skipped(tmp_path):
    path = write(tmp_path, "brott.csv", MONTHLY, "latin-1")
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import-indicators", str(path), stdout=out, stderr=err)
    assert "Imported 6 values of 1 series" in out.getvalue()
    assert "Skipped 3 rows of totals" in out.getvalue()
    assert "2 places were listed twice" in err.getvalue() and "preliminary" in err.getvalue()
    assert IndicatorValue.objects.get(region_code="0114", period="2016-01").count == 310


# --- Kolada ----------------------------------------------------------------------------------------------------

DATA_PATH = "/v3/data/kpi/N07403,N07404/year/2023"


def kolada_record(kpi, place, values):
    return {"kpi": kpi, "municipality": place, "period": 2023,
            "values": [{"gender": g, "count": 1, "status": "", "value": v, "isdeleted": False} for g, v in values]}


PAGES = [
    [kolada_record("N07403", "0180", [("T", 22.5), ("K", 27.0), ("M", 18.0)]),
     kolada_record("N07403", "0001", [("T", 21.0), ("K", 25.5), ("M", 16.5)])],
    [kolada_record("N07403", "0000", [("T", 20.0), ("K", 24.0), ("M", 16.0)]),
     kolada_record("N07404", "0180", [("T", 5.5)])],
    [kolada_record("N07404", "0000", [("T", 4.0)])],
]
META = [
    {"id": "N07403", "title": "Andel invånare som känner sig otrygga, %", "description": "Källa: NTU.",
     "is_divided_by_gender": 1, "operating_area": "Trygghet", "has_ou_data": False, "municipality_type": "K"},
    {"id": "N07404", "title": "Anmälda våldsbrott, antal/1000 inv", "description": "Källa: Brå.",
     "is_divided_by_gender": False, "operating_area": "Trygghet", "has_ou_data": False, "municipality_type": "A"},
]


@pytest.fixture
def kolada_api():
    served = {"paths": []}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            served["paths"].append(self.path)
            base, page = served["url"], int(re.search(r"page=(\d+)", self.path).group(1)) if "page=" in self.path else 1
            if self.path.startswith(DATA_PATH):
                nxt = f"{base}{DATA_PATH}?page={page + 1}" if page < len(PAGES) else None
                body = {"count": len(PAGES[page - 1]), "next_url": nxt, "values": PAGES[page - 1]}
            elif self.path.startswith("/v3/kpi/N07403,N07404"):
                nxt = f"{base}/v3/kpi/N07403,N07404?page=2" if page == 1 else None
                body = {"count": 1, "next_url": nxt, "values": [META[page - 1]]}
            else:
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield served
    server.shutdown()
    server.server_close()


def test_kolada_is_fetched_page_by_page_with_gender_splits_and_metadata(kolada_api):
    parsed = formats.load(kolada_api["url"] + DATA_PATH)
    assert kolada_api["paths"] == [DATA_PATH, f"{DATA_PATH}?page=2", f"{DATA_PATH}?page=3", "/v3/kpi/N07403,N07404",
                                   "/v3/kpi/N07403,N07404?page=2"]
    found = {(r.series, r.region_code, r.gender): r.value for r in parsed.rows}
    assert len(found) == 11
    assert (found[("N07403", "0180", "K")], found[("N07403", "0180", "M")]) == (27.0, 18.0)
    assert found[("N07403", "L01", "T")] == 21.0 and found[("N07404", "R00", "T")] == 4.0
    first, second = parsed.series["N07403"], parsed.series["N07404"]
    assert (first.name, first.unit, first.operating_area, first.divided_by_gender, first.has_ou_data,
            first.municipality_type) == ("Andel invånare som känner sig otrygga, %", "%", "Trygghet", True, False, "K")
    assert (second.unit, second.divided_by_gender, second.description) == ("antal/1000 inv", False, "Källa: Brå.")


@pytest.mark.django_db
def test_kolada_pages_are_stored_per_gender(kolada_api):
    with translation.override("en"):
        out = io.StringIO()
        call_command("import-indicators", kolada_api["url"] + DATA_PATH, stdout=out)
    assert "Imported 11 values of 2 series" in out.getvalue()
    assert set(IndicatorValue.objects.filter(series__external_id="N07403", region_code="0180")
               .values_list("gender", "value")) == {("T", 22.5), ("K", 27.0), ("M", 18.0)}
    assert IndicatorSeries.objects.get(external_id="N07403").unit == "%"


def test_a_saved_list_of_pages_is_read_whole_and_a_missing_page_is_named(tmp_path):
    saved = tmp_path / "kolada.json"
    saved.write_text(json.dumps([{"count": 2, "next_url": "https://api.kolada.se/v3/x?page=2", "values": PAGES[0]},
                                 {"count": 2, "next_url": "https://api.kolada.se/v3/x?page=3", "values": PAGES[1]},
                                 {"count": 1, "next_url": None, "values": PAGES[2]}]))
    parsed = formats.load(str(saved))
    assert len(parsed.rows) == 11 and parsed.warnings == []
    one = tmp_path / "page1.json"
    one.write_text(json.dumps({"count": 2, "next_url": "https://api.kolada.se/v3/x?page=2", "values": PAGES[0]}))
    with translation.override("en"):
        parsed = formats.load(str(one))
    assert len(parsed.rows) == 6
    assert "more pages than the file holds (next_url https://api.kolada.se/v3/x?page=2)" in parsed.warnings[0]
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps([{"values": [META[0]]}, {"values": [META[1]]}]))
    assert formats.load(str(saved), metadata=str(meta)).series["N07404"].operating_area == "Trygghet"


# --- every reason in the reader's language -------------------------------------------------------------------------

def english_words(msgid: str) -> set[str]:
    """The English words of a msgid, without its placeholders and words that read the same in Swedish."""
    text = re.sub(r"%\(\w+\)s", " ", msgid)
    return set(re.findall(r"[a-z]{4,}", text)) - {"kommun", "riket", "helår", "json", "http", "kolada"}


def error(tmp_path, name, data: bytes, **kwargs) -> FormatError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError) as exc:
        formats.load(str(path), **kwargs)
    return exc.value


@pytest.mark.parametrize(("name", "data", "msgid"), [
    ("bra.csv", "Region;Brott;År;Period;Antal;/100 000 inv\r\nMalmö;Rån;2024;Januari;1;ett\r\n".encode("latin-1"),
     "“%(value)s” is not a number."),
    ("bra.csv", "Region;Brott;År;Period;Antal;/100 000 inv\r\nAtlantis;Rån;2024;Januari;1;1\r\n".encode("latin-1"),
     "“%(value)s” is no kommun, län or Riket."),
    ("tabell.csv", "Anmälda brott 2024\r\nKommun;Samtliga brott;Rån\r\nAtlantis;1;2\r\n".encode(),
     "“%(value)s” is no kommun, län or Riket."),
    ("kolada.json", json.dumps({"values": [{"kpi": "N 1", "municipality": "0180", "period": 2023, "values": []}]})
     .encode(), "“%(value)s” is not a KPI id."),
    ("kolada.json", json.dumps({"values": [{"kpi": "N1", "municipality": "0180", "period": 2023, "values": "x"}]})
     .encode(), "must be a list of values by gender."),
])
def test_an_error_of_each_format_reads_in_swedish(tmp_path, name, data, msgid):
    with translation.override("sv"):
        exc = error(tmp_path, name, data)
        shown = str(exc).removeprefix(exc.file).replace(f" {exc.field}:", ":")  # the file's and field's own names
    assert not english_words(msgid + " row field record") & set(re.findall(r"[a-zåäö]+", shown.lower()))
    assert re.match(r", (rad|post) \d+, fält: [”a-zåäö]", shown)


@pytest.mark.parametrize(("lines", "field"), [
    ([*MONTHLY[:6], "Uppsala län;Upplands Väsby kommun;Samtliga brott;2016 prel.;Jan;12;24,5"], "Kommun"),
])
def test_a_new_reason_is_built_whole_by_gettext(tmp_path, lines, field):
    """New msgids are translated later: their structure in Swedish is "FILE, rad N, fält F: reason", and the reason
    is one gettext string (no English fragment from a library or the system joined into it)."""
    with translation.override("sv"):
        exc = error(tmp_path, "brott.csv", "\r\n".join(lines).encode("latin-1"))
        assert str(exc).startswith(f"{tmp_path / 'brott.csv'}, rad 7, fält {field}: ")
        assert "rad 4" in exc.reason  # the other row, named in Swedish


def test_fetch_and_file_errors_are_whole_gettext_strings(tmp_path):
    with translation.override("sv"):
        missing = str(error(tmp_path, "x.csv", b"").file)
        with pytest.raises(FormatError) as exc:
            formats.load(str(tmp_path / "finns-inte.csv"))
        assert "No such file" not in exc.value.reason and "Errno" not in exc.value.reason
        with pytest.raises(FormatError) as exc:
            formats.load("http://127.0.0.1:9/v3/data/kpi/N1/year/2023")  # the discard port: nothing listens
        assert "Connection refused" not in exc.value.reason and "Errno" not in exc.value.reason
        broken = error(tmp_path, "kolada.json", b'{"values": [1,')
        assert "Expecting" not in broken.reason
    assert missing.endswith("x.csv")


def test_command_errors_read_in_swedish(tmp_path, db):
    path = tmp_path / "brå.csv"
    path.write_bytes("Region;Brott;År;Period;Antal;/100 000 inv\r\nMalmö;Rån;2024;Januari;1;ett\r\n".encode("cp1252"))
    with translation.override("sv"), pytest.raises(CommandError) as exc:
        call_command("import-indicators", str(path), stdout=io.StringIO())
    assert "rad 2, fält /100 000 inv: ”ett” är inte ett tal." in str(exc.value)
