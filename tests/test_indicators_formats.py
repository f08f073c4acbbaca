"""Indicator files are read into rows, plain Python, no database: Kolada's JSON, Brå's databasfil and yearly
tables, and any table of own values. Bad input names file, line (or record) and field, in the reader's language
(the structured parts are checked in any language; the English wording under translation.override("en"))."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from samtrygg.indicators import formats, periods, regions
from samtrygg.indicators.formats import FormatError, bra, kolada
from samtrygg.indicators.formats.base import RECORD, ROW, number

DATA = Path(__file__).resolve().parent / "data" / "indicators"


def load(name, format="auto"):
    return formats.load(str(DATA / name), format)


@pytest.mark.parametrize(("text", "code"), [
    ("0180", "0180"), ("0180 Stockholm", "0180"), ("Stockholm", "0180"), ("Stockholms kommun", "0180"),
    ("Stockholms stad", "0180"), ("Göteborgs stad", "1480"), ("Upplands-Väsby", "0114"), ("Borås kommun", "1490"),
    ("Stockholms län", "L01"), ("Region Skåne", "L12"), ("Västra Götalands län", "L14"), ("01", "L01"),
    ("0012", "L12"), ("Riket", "R00"), ("Hela landet", "R00"), ("0000", "R00"), ("Gotland", "0980"),
    ("Gotlands län", "L09"), ("Atlantis", None), ("9999", None), ("0002", None),
])
def test_regions_are_read_from_codes_and_names(text, code):
    assert regions.from_text(text) == code


def test_region_labels_and_counties():
    assert regions.county_of("1281") == "L12"
    assert [regions.label(c) for c in ("0180", "L12", "R00")] == ["Stockholm", "Skåne län", "Riket"]


@pytest.mark.parametrize(("text", "label", "start"), [
    ("2024", "2024", date(2024, 1, 1)), ("2024-3", "2024-03", date(2024, 3, 1)),
    ("2024M11", "2024-11", date(2024, 11, 1)), ("2024H2", "2024H2", date(2024, 7, 1)),
    ("2024 K2", "2024Q2", date(2024, 4, 1)), ("2024Q4", "2024Q4", date(2024, 10, 1)),
    ("2024-01/09", "2024-01/09", date(2024, 1, 1)), ("2024-01/06", "2024H1", date(2024, 1, 1)),
])
def test_periods_have_one_label_and_a_start(text, label, start):
    assert periods.parse(text) == periods.Period(label, start)


@pytest.mark.parametrize("text", ["", "24", "2024-13", "2024H3", "våren 2024", "2024-09/03"])
def test_a_period_that_is_none_is_refused(text):
    with pytest.raises(ValueError):
        periods.parse(text)


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12.0), ("1 234", 1234.0), ("1\u00a0234,5", 1234.5), ("31,5 %", 31.5), ("1.234,5", 1234.5), ("..", None),
    ("-", None), ("", None), ("−2,5", -2.5),
])
def test_numbers_are_read_as_swedish_files_write_them(text, value):
    assert number(text) == value


def test_kolada_values_map_regions_genders_and_missing_values():
    parsed = load("kolada_N07403.json")
    assert (parsed.format, parsed.source, list(parsed.series)) == ("kolada", "kolada", ["N07403"])
    assert len(parsed.rows) == 7 * 2 * 3  # the deleted value is left out
    found = {(r.region_code, r.period, r.gender): r.value for r in parsed.rows}
    assert found[("0180", "2023", "K")] == 31.0
    assert found[("L12", "2022", "T")] == 24.9
    assert found[("R00", "2023", "M")] == 16.4
    assert found[("0114", "2023", "T")] is None
    assert {r.region_code for r in parsed.rows} == {"0180", "0114", "1280", "1281", "L01", "L12", "R00"}


def test_kolada_metadata_names_the_series():
    names = kolada.series_from_metadata(json.loads((DATA / "kolada_kpi_N07403.json").read_text()), "meta.json")
    assert names["N07403"].name.startswith("Andel invånare som känner sig otrygga")
    assert kolada.metadata_url("https://api.kolada.se/v3/data/kpi/N07403/municipality/0180/year/2023") == \
        "https://api.kolada.se/v3/kpi/N07403"


@pytest.mark.parametrize(("change", "record", "field", "value"), [
    (lambda d: d["values"][3].update(municipality="9999"), 4, "municipality", "9999"),
    (lambda d: d["values"][5].update(period="förra året"), 6, "period", "förra året"),
    (lambda d: d["values"][2]["values"][1].update(value="31,0"), 3, "values.value", "31,0"),
    (lambda d: d["values"][2]["values"][1].update(gender="X"), 3, "values.gender", "X"),
])
def test_bad_kolada_records_are_named(tmp_path, change, record, field, value):
    doc = json.loads((DATA / "kolada_N07403.json").read_text())
    change(doc)
    bad = tmp_path / "kolada.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(FormatError) as exc:
        formats.load(str(bad))
    error = exc.value
    assert (error.file, error.line, error.field, error.unit) == (str(bad), record, field, RECORD)
    assert value in error.reason
    with translation.override("en"):
        with pytest.raises(FormatError) as exc:
            formats.load(str(bad))
        assert str(exc.value).startswith(f"{bad}, record {record}, field {field}: “{value}” is not ")


def test_the_bra_databasfil_is_read_in_latin_1():
    parsed = load("bra_databasfil.csv")
    assert (parsed.format, parsed.source) == ("bra", "bra")
    assert set(parsed.series) == {"Samtliga brott", "Skadegörelsebrott"}
    assert len(parsed.rows) == 7 * 2 * 4
    found = {(r.series, r.region_code, r.period): r for r in parsed.rows}
    stockholm = found[("Samtliga brott", "0180", "2024-01")]
    assert (stockholm.count, stockholm.value, stockholm.line) == (667, 83.3, 2)
    assert found[("Samtliga brott", "0180", "2024Q1")].count == 2080  # "2 080"
    assert found[("Skadegörelsebrott", "0180", "2024-01")].value is None  # ".."
    väsby = found[("Samtliga brott", "0114", "2024Q1")]
    assert (väsby.count, väsby.value) == (None, None)  # "-;-"
    assert found[("Samtliga brott", "R00", "2024")].count == 110000
    assert {r.region_code for r in parsed.rows} == {"0180", "0114", "L01", "1280", "1281", "L12", "R00"}


@pytest.mark.parametrize(("line", "text", "field"), [
    ("Atlantis;Samtliga brott;2024;Januari;1;1,0", "Atlantis", "Region"),
    ("Malmö;Samtliga brott;2024;Midsommar;1;1,0", "Midsommar", "Period"),
    ("Malmö;Samtliga brott;2024;Januari;12,5;1,0", "12,5", "Antal"),
    ("Malmö;Samtliga brott;2024;Januari;12;ett", "ett", "/100 000 inv"),
    ("Malmö;Samtliga brott;tjugo;Januari;12;1,0", "tjugo", "År"),
])
def test_a_bad_bra_line_names_its_line_and_field(tmp_path, line, text, field):
    bad = tmp_path / "brå.csv"
    bad.write_bytes((DATA / "bra_databasfil.csv").read_bytes() + f"{line}\r\n".encode("latin-1"))
    with pytest.raises(FormatError) as exc:
        formats.load(str(bad))
    assert (exc.value.line, exc.value.field, exc.value.unit) == (58, field, ROW)
    assert exc.value.reason[1:].startswith(text)  # within quotes, which differ by language
    with translation.override("en"):
        with pytest.raises(FormatError) as exc:
            formats.load(str(bad))
        assert str(exc.value).startswith(f"{bad}, row 58, field {field}: “{text}”")


@pytest.mark.parametrize(("text", "label"), [
    ("Januari", "2024-01"), ("dec", "2024-12"), ("Jan-mar", "2024Q1"), ("Januari–juni", "2024H1"),
    ("Jan-sep", "2024-01/09"), ("Helår", "2024"), ("Kvartal 3", "2024Q3"), ("Halvår 2", "2024H2"),
])
def test_bra_periods(text, label):
    assert bra.bra_period("2024", text).label == label


def test_a_yearly_bra_table_with_year_columns_is_one_series_of_counts():
    parsed = load("bra_per_kommun.csv")
    assert (parsed.format, list(parsed.series)) == ("bra-tabell", ["Anmälda brott per kommun, samtliga brott, antal"])
    found = {(r.region_code, r.period): r for r in parsed.rows}
    assert len(found) == 7 * 3
    assert (found[("0180", "2024")].count, found[("0180", "2024")].value) == (151002, None)
    assert found[("L12", "2022")].count == 140321  # a län with a name but no code
    assert found[("R00", "2023")].count == 1471000
    assert all(r.sets == ("count",) for r in parsed.rows)


def test_a_yearly_bra_workbook_with_crime_columns_is_rates_of_the_year_in_its_title():
    parsed = load("bra_brottstyper_2024.xlsx")
    assert list(parsed.series) == ["Samtliga brott", "Skadegörelsebrott", "Stöld och snatteri"]
    assert {r.period for r in parsed.rows} == {"2024"}
    found = {(r.series, r.region_code): r for r in parsed.rows}
    assert found[("Skadegörelsebrott", "1280")].value == 2210.8
    assert found[("Stöld och snatteri", "L01")].count is None


def test_crime_columns_need_one_year_in_the_title(tmp_path):
    bad = tmp_path / "tabell.csv"
    bad.write_text("Anmälda brott 2023 och 2024\nKommun;Stöld;Rån\nMalmö;1;2\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(FormatError, match=r"exactly one year \(found 2023, 2024\)"):
        formats.load(str(bad))


def test_an_own_table_is_read_by_its_column_names():
    parsed = load("trygghet_omraden.csv")
    assert (parsed.format, parsed.source) == ("tabell", "egen")
    assert list(parsed.series) == ["Andel som känner sig otrygga", "Andel som undviker platser på kvällen"]
    assert parsed.series["Andel som känner sig otrygga"].unit == "procent"
    torget = [r for r in parsed.rows if r.area_name == "Torget" and r.period == "2025"]
    assert {(r.gender, r.value, r.count) for r in torget} == {("T", 31.5, 151), ("K", 40.2, 80), ("M", 22.1, 71),
                                                              ("T", 44.0, 151)}


def test_an_own_table_may_name_kommuner_instead_of_areas(tmp_path):
    table = tmp_path / "enkät.csv"
    table.write_text("Indicator,Municipality,Year,Value,Gender\nOtrygghet,Lund,2024,\"20,5\",Women\n"
                     "Otrygghet,Skåne län,2024,21,T\n", encoding="utf-8")
    parsed = formats.load(str(table))
    assert [(r.region_code, r.gender, r.value) for r in parsed.rows] == [("1281", "K", 20.5), ("L12", "T", 21.0)]


def test_a_bad_value_in_a_table_names_line_and_column(tmp_path):
    bad = tmp_path / "trygghet.csv"
    text = (DATA / "trygghet_omraden.csv").read_text(encoding="utf-8-sig").replace("31,5", "trettio")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        formats.load(str(bad))
    assert (exc.value.file, exc.value.line, exc.value.field) == (str(bad), 6, "Värde")
    with translation.override("en"):
        with pytest.raises(FormatError) as exc:
            formats.load(str(bad))
        assert str(exc.value) == f"{bad}, row 6, field Värde: “trettio” is not a number."


def test_an_error_reads_in_the_language_active_when_it_is_shown():
    """The reason is translated where the error is raised; where it is (row, record, field) when it is shown."""
    with translation.override("en"):
        error = FormatError("x.csv", 3, "År", "bad.")
        assert str(error) == "x.csv, row 3, field År: bad."
        assert str(FormatError("x.json", 2, "kpi", "bad.", unit=RECORD)) == "x.json, record 2, field kpi: bad."
        assert str(FormatError("x.csv", None, "", "bad.")) == "x.csv: bad."
        assert str(FormatError("x.txt", 4, "", "bad.", unit="sida")) == "x.txt, sida 4: bad."  # another unit as is
    with translation.override("sv"):
        swedish = str(error)
    assert swedish.startswith("x.csv, ") and swedish.endswith(" År: bad.") and " 3, " in swedish


def test_format_detection():
    assert formats.detect((DATA / "kolada_N07403.json").read_bytes(), "x.json") == "kolada"
    assert formats.detect((DATA / "bra_databasfil.csv").read_bytes(), "x.csv") == "bra"
    assert formats.detect((DATA / "trygghet_omraden.csv").read_bytes(), "x.csv") == "table"
    assert formats.detect((DATA / "bra_per_kommun.csv").read_bytes(), "x.csv") == "bra"
    assert formats.detect((DATA / "bra_brottstyper_2024.xlsx").read_bytes(), "x.xlsx") == "bra"


def test_kolada_municipality_groups_are_skipped_and_reported():
    from samtrygg.indicators.formats import kolada

    doc = {"values": [
        {"kpi": "N07403", "municipality": "0180", "period": 2023, "values": [{"gender": "T", "value": 50.0}]},
        {"kpi": "N07403", "municipality": "G124026", "period": 2023, "values": [{"gender": "T", "value": 48.0}]},
    ]}
    parsed = kolada.parse([doc], "answer.json")
    assert [row.region_code for row in parsed.rows] == ["0180"]
    assert parsed.skipped == [(2, "G124026")]
