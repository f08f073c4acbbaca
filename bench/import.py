"""`samtrygg bench import [--n N]`: the product's incident importer against PostgreSQL COPY.

Both read the same synthetic CSV file (Swedish Excel style: semicolons, local times, N rows). The baseline is
`COPY ... FROM STDIN (FORMAT csv)` of the file into a bare table with the same column types and no index or
constraint; the product is `importing.import_file(..., commit=True)`: reading, column mapping, validation (the
privacy guard, categories, coordinates), area and H3 cell per row, duplicate check and the write with the
incident table's indexes, one transaction, one audit entry. Figures: rows/s of each and ratio = importer / COPY.
"""

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

    copy_rate, import_rate = n / copy_seconds, n / import_seconds
    return {
        "benchmark": "import", "rows": n, "file_mb": round(size_mb, 1),
        "copy_seconds": round(copy_seconds, 2), "copy_rows_per_s": round(copy_rate),
        "import_seconds": round(import_seconds, 2), "import_rows_per_s": round(import_rate),
        "ratio": round(import_rate / copy_rate, 3),
    }


def _copy(path: Path) -> None:
    with transaction.atomic(), connection.cursor() as cursor, path.open("rb") as file:
        sql = "COPY bench_bare FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')"
        with cursor.cursor.copy(sql) as copy:
            while chunk := file.read(1 << 20):
                copy.write(chunk)
