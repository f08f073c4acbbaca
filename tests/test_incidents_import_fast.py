"""The importer's columnar path (pyarrow): it must agree with the row-by-row rules on every row it accepts, hand
every other row to them (same messages, same row numbers), and read Swedish Excel files without falling back."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest

from samtrygg.incidents import importing, selectors
from samtrygg.incidents.models import Incident
from samtrygg.lib import crs, tabular

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
HEADER = "Id;Kategori;Tid;Slut;Latitud;Longitud;Platstyp;Beskrivning;Källa;Polisanmäld;Kostnad;Status\r\n"


def run(world, data: bytes, commit=True, **kwargs):
    return importing.import_file(actor=world.alice, owner=world.kommun_a, file=io.BytesIO(data),
                                 filename="handelser.csv", commit=commit, **kwargs)


def test_a_latin1_semicolon_file_takes_the_fast_path_and_keeps_its_letters(world):
    data = (HEADER + "L-1;Klotter;2025-03-01 14:30;;59,195;17,625;Torg;Klotter på väggen, ÅÄÖ;;Ja;1 200 kr;\r\n"
            ";;;;;;;;;;;\r\n"  # an empty row: skipped, but it keeps its number
            "L-2;Cykelstöld;2025-03-02 08:15:30;2025-03-02 09:00;59,23;17,65;;Ödebo;egen;nej;;hanteras\r\n"
            ).encode("cp1252")
    columns = tabular.read_columns(io.BytesIO(data), "handelser.csv")
    assert columns.fast and columns.encoding == "cp1252" and columns.delimiter == ";"
    numbers = [int(n) for batch_numbers, _cols in columns.batches for n in batch_numbers]
    assert numbers == [2, 4]
    report = run(world, data)
    assert report.ok, report.errors
    assert (report.total, report.created) == (2, 2)
    first = Incident.objects.get(external_id="L-1")
    assert first.description == "Klotter på väggen, ÅÄÖ" and first.damage_cost_sek == 1200
    assert first.occurred_from == datetime(2025, 3, 1, 14, 30, tzinfo=STOCKHOLM) and first.reported_to_police == "ja"
    second = Incident.objects.get(external_id="L-2")
    assert second.occurred_from == datetime(2025, 3, 2, 8, 15, 30, tzinfo=STOCKHOLM)
    assert second.occurred_to == datetime(2025, 3, 2, 9, 0, tzinfo=STOCKHOLM) and second.status == "hanteras"
    assert first.cell and first.area == world.area_a_sub


def test_a_ragged_file_is_read_row_by_row_with_the_same_numbers(world):
    data = (HEADER + "R-1;Klotter;2025-03-01 14:30;;59,195;17,625\r\n\r\nR-2;Klotter;2025-03-01 15:30;;59,195;17,625;"
            ";;;;;;extra\r\n").encode()
    columns = tabular.read_columns(io.BytesIO(data), "handelser.csv")
    assert not columns.fast
    assert [int(n) for numbers, _ in columns.batches for n in numbers] == [2, 4]
    report = run(world, data)
    assert report.ok and report.created == 2, report.errors


def test_times_the_fast_path_leaves_are_parsed_by_the_slow_one(world):
    times = ["2025-03-01 14:30", "01.03.2025 14:30", "2025-03-30 02:30", "2025-10-26 02:30",
             "2025-03-01T13:30:00+00:00", "20250301 14:30", "2025-3-1 4:05", "2025-03-01 14:30:05"]
    rows = "".join(f"T-{k};Klotter;{t};;59,195;17,625;;;;;;\r\n" for k, t in enumerate(times))
    report = run(world, (HEADER + rows).encode())
    assert report.ok and report.created == len(times), report.errors
    for k, text in enumerate(times):
        stored = Incident.objects.get(external_id=f"T-{k}").occurred_from
        assert stored.timestamp() == importing.parse_datetime(text).timestamp(), text  # PEP 495: no == in a gap


def test_bad_rows_are_named_with_their_row_numbers_in_order(world):
    rows = [
        "B-1;Klotter;2025-03-01 14:30;;59,195;17,625;;;;;;",             # row 2: good
        ";;;;;;;;;;;",                                                   # row 3: empty, skipped
        "B-2;Ingen sådan;2025-03-01 14:30;;59,195;17,625;;;;;;",         # row 4: unknown category
        "B-3;Klotter;2025-02-30 10:00;;59,195;17,625;;;;;;",             # row 5: no 30 February
        "B-4;Klotter;2025-03-01 14:30;;59,195;17,625;;Hos 19121212-1212;;;;",  # row 6: a personnummer
        "B-5;Klotter;2025-03-01 14:30;2025-03-01 10:00;6580000;674000;bil;;;kanske;-5;",  # row 7: four faults
        "B-6;Klotter;2099-03-01 14:30;;59,195;17,625;;;;;;",             # row 8: in the future
        "B-7;Klotter;0615-02-17 21:29;;59,195;17,625;;;;;;",             # row 9: before the calendar (1900)
        "B-8;Klotter;2025-03-01 14:30;9999-12-31 23:30;59,195;17,625;;;;;;",  # row 10: an end past 2999
    ]
    report = run(world, (HEADER + "\r\n".join(rows) + "\r\n").encode())
    assert not report.ok and Incident.objects.count() == 0
    found = [(e.row, e.column) for e in report.errors]
    assert found == [(4, "Kategori"), (5, "Tid"), (6, "Beskrivning"), (7, "Platstyp"), (7, "Polisanmäld"),
                     (7, "Kostnad"), (7, "Slut"), (8, "Tid"), (9, "Tid"), (10, "Slut")]
    assert "19121212" not in " ".join(str(e) for e in report.errors)
    assert "1900" in str(report.errors[-1])
    assert report.valid == 1 and report.total == 8  # the empty row is not counted


def _context(world, report, crs_choice=crs.AUTO):
    return importing._Context(report, world.kommun_a, world.alice, crs_choice, importing._Lookups(world.kommun_a),
                              selectors.area_locator(world.kommun_a))


@pytest.mark.parametrize("crs_choice", [crs.AUTO, crs.WGS84, crs.SWEREF99TM])
def test_every_row_the_fast_path_accepts_has_the_values_the_row_rules_give(world, crs_choice):
    lines = [
        "X-1;Klotter;2025-03-01 14:30;;59,195;17,625;Torg;Text;egen;Ja;12 500,50;ny",
        "X-2;skadegorelse.klotter;2025-10-26 02:30;2025-10-26 03:00;17.625;59.195;;;;nej;2,5;",
        "X-3;Cykelstöld;2025-03-02 08:15:30;;6580000;674000;hallplats;;trygghetsvandring;vet ej;3 kr;hanteras",
        "X-4;Cykelstöld;2025-03-02 08:15;;674000;6580000;;Vid Ort;;;0;",
        "X-5;Klotter;2025-03-01 14:30;;59.1950000001;17.6250000001;;;;;1e3;",
        "X-6;Klotter;2025-03-01 14:30;;0;0;;;;;;",
        "X-7;klotter;2025-03-01 14:30;;;;;;;;;",
    ]
    data = (HEADER + "\r\n".join(lines) + "\r\n").encode()
    columns = tabular.read_columns(io.BytesIO(data), "x.csv")
    numbers, cols = next(columns.batches)
    report = importing.ImportReport(filename="x.csv", header=columns.header,
                                    mapping=importing.guess_mapping(columns.header))
    ctx = _context(world, report, crs_choice)
    table, accepted, _left = importing._fast(ctx, cols)
    assert accepted.tolist() == {crs.AUTO: [0, 1, 2, 3, 4], crs.WGS84: [0, 1, 4], crs.SWEREF99TM: [2, 3]}[crs_choice]
    for position, fast_row in zip(accepted.tolist(), table.to_pylist(), strict=True):
        slow = importing._check_row(ctx, int(numbers[position]), [c[position].as_py() for c in cols])
        assert slow is not None, report.errors
        expected = dict(zip(importing.COLUMNS, slow, strict=True))
        for name in ("cell", "area_id"):
            del expected[name], fast_row[name]
        for row in (expected, fast_row):  # instants compared as such (PEP 495: no == across zones in a fold)
            for name, value in row.items():
                if isinstance(value, datetime):
                    row[name] = value.timestamp()
        assert fast_row == expected


def test_hashes_of_fast_rows_equal_those_of_the_row_rules(world):
    data = (b"Kategori;Tid;Slut;Latitud;Longitud;Beskrivning\r\n"
            b"Klotter;2025-07-01 14:30;2025-07-01 15:00;59,195;17,625;Text\r\n")
    columns = tabular.read_columns(io.BytesIO(data), "x.csv")
    numbers, cols = next(columns.batches)
    report = importing.ImportReport(filename="x.csv", header=columns.header,
                                    mapping=importing.guess_mapping(columns.header))
    ctx = _context(world, report)
    table, accepted, _left = importing._fast(ctx, cols)
    assert accepted.tolist() == [0]
    slow = importing._check_row(ctx, 2, [c[0].as_py() for c in cols])
    assert importing._hashed(table).to_pylist() == [slow[importing.COLUMNS.index("external_id")]]
    assert run(world, data).created == 1 and run(world, data).duplicates == 1


def test_a_file_of_many_batches_is_imported_whole(world, monkeypatch):
    monkeypatch.setattr(tabular, "BATCH_ROWS", 7)
    rows = "".join(f"M-{k % 40};Klotter;2025-03-01 14:{k % 60:02d};;59,195;17,625;;;;;;\r\n" for k in range(50))
    data = (HEADER + rows).encode()
    columns = tabular.read_columns(io.BytesIO(data), "m.csv", batch_rows=7)
    assert sum(len(n) for n, _ in columns.batches) == 50
    report = run(world, data)
    assert report.ok and (report.created, report.duplicates) == (40, 10)
    assert Incident.objects.get(external_id="M-3").occurred_from.minute == 3  # the first M-3 won


def test_pyarrow_arrays_of_python_rows_match_the_csv_ones():
    table = tabular.Table("csv", ["a", "b"], iter([(2, ["x", "y"]), (3, ["z"])]))
    numbers, cols = next(tabular._batched(table, 10))
    assert numbers.tolist() == [2, 3] and cols[1].equals(pa.array(["y", ""]))
