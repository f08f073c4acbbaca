"""`samtrygg bench import [--n N]`: the product's incident importer against PostgreSQL COPY.

Both read the same synthetic CSV file (Swedish Excel style: semicolons, local times, N rows). The baseline is
`COPY ... FROM STDIN (FORMAT csv)` of the file into a bare table with the same column types and no index or
constraint; the product is `importing.import_file(..., commit=True)`: reading, column mapping, validation (the
privacy guard, categories, coordinates), area and H3 cell per row, duplicate check and the write with the
incident table's indexes, one transaction, one audit entry. Figures: rows/s of each and ratio = importer / COPY.

A second baseline shows what the write alone costs: the importer's own rows (the incident table's columns, dumped
after it ran) COPYed in one transaction into a copy of the incident table with its indexes, check constraints and
deferred foreign keys ("copy_table_rows_per_s"); "ratio_vs_table" = importer / that, the importer's own overhead.
"""

import io
import tempfile
from pathlib import Path

from _support import demo_world, throwaway_database, timed, write_incident_csv
from django.db import connection, transaction

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

        import_seconds, report = timed(product)
        if report.errors:
            raise SystemExit(f"the importer refused the file: {report.errors[:5]}")
        assert Incident.objects.count() == n, Incident.objects.count()

        log("COPY of the same rows into a copy of the incident table (indexes, constraints, foreign keys) ...")
        columns = _table_copy(Incident._meta.db_table)
        data = _dump(Incident._meta.db_table, columns)
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
    """bench_table: the incident table's columns, defaults, indexes and checks (LIKE ... INCLUDING ALL) plus its
    foreign keys as they are declared (deferred). Returns the columns the importer writes (all but id)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_table (LIKE {table} INCLUDING ALL)")
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'f'", [table])
        for name, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE bench_table ADD CONSTRAINT "bench_{name}" {definition}')
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                       "AND column_name <> 'id' ORDER BY ordinal_position", [table])
        return [row[0] for row in cursor.fetchall()]


def _dump(table: str, columns: list[str]) -> bytes:
    buffer = io.BytesIO()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) TO STDOUT") as copy:
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
