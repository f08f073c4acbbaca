"""`samtrygg bench import [--n N]`: the product's incident importer against PostgreSQL COPY.

Both read the same synthetic CSV file (Swedish Excel style: semicolons, local times, N rows). The baseline is
`COPY ... FROM STDIN (FORMAT csv)` of the file into a bare table with the same column types and no index or
constraint; the product is `importing.import_file(..., commit=True)`: reading, column mapping, validation (the
privacy guard, categories, coordinates), area and H3 cell per row, duplicate check and the write with the
incident table's indexes, one transaction, one audit entry. Figures: rows/s of each and ratio = importer / COPY.

The baseline the product is held to (issue 19: "import at the physical limit") is what writing the rows alone
costs: the importer's own rows (the incident table's columns, dumped after it ran) COPYed in one transaction into a
copy of the incident table with the same primary key, check constraints and the indexes the pages read
(`PAGE_INDEXES`), and no foreign keys, no triggers ("copy_table_rows_per_s"); "ratio_vs_table" = importer / that.
The importer pays on top: reading and checking the file, the unique external id (duplicates), the keys' checks,
the tallies and the change notes (database triggers), and the audit entry.
"""

import io
import tempfile
from pathlib import Path

from _support import demo_world, throwaway_database, timed, write_incident_csv
from django.db import connection, transaction

# The incident table's indexes the pages read (models.Incident.Meta): the baseline table gets these and its primary key.
PAGE_INDEXES = ("incident_owner_time", "incident_area_time", "incident_time_order", "incident_place")

BARE_TABLE = """CREATE TABLE bench_bare (
    id text, kategori text, tid timestamptz, latitud double precision, longitud double precision, platstyp text,
    beskrivning text, kalla text, polisanmald text, kostnad integer, status text)"""


def run(*, n: int = 1_000_000, seed: int = 2023, log=print) -> dict:
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(log):
        owner, user, outline = demo_world(seed)
        path = Path(tmp) / "incidents.csv"
        log(f"writing {n} rows to {path} ...")
        write_incident_csv(path, outline, n, seed)
        size_mb = path.stat().st_size / 1e6

        log("COPY into a bare table ...")
        with connection.cursor() as cursor:
            cursor.execute(BARE_TABLE)
        copy_seconds, _ = timed(lambda: _copy(path))
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_bare")
            assert cursor.fetchone()[0] == n
            cursor.execute("DROP TABLE bench_bare")

        log("the importer ...")
        from samtrygg.incidents import importing
        from samtrygg.incidents.models import Incident

        def product():
            with path.open("rb") as file:
                return importing.import_file(actor=user, owner=owner, file=file, filename=path.name, commit=True)

        before = Incident.objects.order_by("-id").values_list("id", flat=True).first() or 0  # the demo's own few
        import_seconds, report = timed(product)
        if report.errors:
            raise SystemExit(f"the importer refused the file: {report.errors[:5]}")
        assert Incident.objects.filter(id__gt=before).count() == n

        log("COPY of the same rows into a copy of the incident table (primary key, page indexes, checks) ...")
        columns = _table_copy(Incident._meta.db_table)
        data = _dump(Incident._meta.db_table, columns, after=before)
        table_seconds, _ = timed(lambda: _copy_rows(data, columns))
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_table")
            assert cursor.fetchone()[0] == n
            cursor.execute("DROP TABLE bench_table")

    copy_rate, import_rate, table_rate = n / copy_seconds, n / import_seconds, n / table_seconds
    return {
        "benchmark": "import", "rows": n, "file_mb": round(size_mb, 1),
        "copy_seconds": round(copy_seconds, 2), "copy_rows_per_s": round(copy_rate),
        "copy_table_seconds": round(table_seconds, 2), "copy_table_rows_per_s": round(table_rate),
        "import_seconds": round(import_seconds, 2), "import_rows_per_s": round(import_rate),
        "ratio": round(import_rate / copy_rate, 3), "ratio_vs_table": round(import_rate / table_rate, 3),
    }


def _table_copy(table: str) -> list[str]:
    """bench_table: the incident table's columns, defaults and checks, its primary key and PAGE_INDEXES; no foreign
    key, no trigger. Returns the columns the importer writes (all but id)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_table (LIKE {table} "
                       "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)")
        cursor.execute("ALTER TABLE bench_table ADD PRIMARY KEY (id)")
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = dict(cursor.fetchall())
        for name in PAGE_INDEXES:
            cursor.execute(definitions[name].replace(f"INDEX {name} ON public.{table}",
                                                     f"INDEX bench_{name} ON public.bench_table"))
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                       "AND column_name <> 'id' ORDER BY ordinal_position", [table])
        return [row[0] for row in cursor.fetchall()]


def _dump(table: str, columns: list[str], after: int) -> bytes:
    """The rows of `table` with an id above `after` (those the importer wrote), as COPY's text format."""
    buffer = io.BytesIO()
    sql = f"COPY (SELECT {', '.join(columns)} FROM {table} WHERE id > {int(after)}) TO STDOUT"  # noqa: S608
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for chunk in copy:
            buffer.write(chunk)
    return buffer.getvalue()


def _copy_rows(data: bytes, columns: list[str]) -> None:
    sql = f"COPY bench_table ({', '.join(columns)}) FROM STDIN"
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        view = memoryview(data)
        for start in range(0, len(view), 1 << 20):
            copy.write(view[start : start + (1 << 20)])


def _copy(path: Path) -> None:
    with transaction.atomic(), connection.cursor() as cursor, path.open("rb") as file:
        sql = "COPY bench_bare FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')"
        with cursor.cursor.copy(sql) as copy:
            while chunk := file.read(1 << 20):
                copy.write(chunk)
