"""`samtrygg bench police_archive [--n N]`: the police feed's archive of N events, imported with constant memory.

An archive of N events in the feed's own form (a JSON array, as the police's API returns it; places across
Sweden, a sixth of them county-level) is written to a temporary file and imported by the product
(`police_archive.police_archive_import`: stream, check, privacy guard, place codes, compare, write, audit) into a
throwaway PostgreSQL database, then imported again (every event unchanged). The baseline, in the same run, is
reading the same file with ijson alone (every item parsed, nothing checked or stored): `ratio` is the import's
events per second over the reader's.

Memory: the peak of Python's allocations (tracemalloc) while importing N/10 events and while importing all N
(traced runs, each into an emptied table); constant memory means the two are about the same, and far below
the file's size. Tracing slows Python several times, so the timed runs are untraced.
"""

import json
import random
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from _support import throwaway_database, timed

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PLACES = [  # (the feed's location name, gps)
    ("Uppsala", "59.858564,17.638927"), ("Malung-Sälen", "60.686,13.716"), ("Stockholm", "59.329324,18.068581"),
    ("Upplands-Väsby", "59.518,17.911"), ("Göteborg", "57.70887,11.97456"), ("Uppsala län", "59.86,17.64"),
]
KINDS = [
    ("Stöld", "En cykel har stulits vid stationen."),
    ("Skadegörelse", "Klotter på en skolbyggnad upptäcktes under morgonen."),
    ("Inbrott", "Inbrott i en källare i ett flerbostadshus, förråd uppbrutna."),
    ("Brand", "Brand i en soptunna, räddningstjänsten släckte."),
    ("Trafikolycka", "Två bilar kolliderade i en korsning, inga personskador."),
    ("Misshandel", "En man misshandlades utanför en restaurang under natten."),
]


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def write_archive(path: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    first = datetime(2022, 1, 1, tzinfo=STOCKHOLM)
    with path.open("w", encoding="utf-8") as f:
        f.write("[\n")
        for k in range(n):
            place, gps = PLACES[k % len(PLACES)]
            kind, summary = KINDS[rng.randrange(len(KINDS))]
            when = first + timedelta(minutes=7 * k)
            item = {
                "id": 500_000 + k, "datetime": f"{when:%Y-%m-%d %H:%M:%S %:z}",
                "name": f"{when.day:02d} {MONTHS[when.month - 1]} {when:%H.%M}, {kind}, {place}", "summary": summary,
                "url": f"/aktuellt/handelser/{when:%Y}/{k}/", "type": kind, "location": {"name": place, "gps": gps},
            }
            f.write((",\n" if k else "") + json.dumps(item, ensure_ascii=False))
        f.write("\n]\n")
    return path.stat().st_size


def _parse_only(path: Path) -> int:
    import ijson

    with path.open("rb") as f:
        return sum(1 for _item in ijson.items(f, "item"))


def _emptied() -> None:
    """No police events stored, as in a fresh database (each traced import starts from none)."""
    from django.db import connection

    from samtrygg.incidents.models import PoliceEvent

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {PoliceEvent._meta.db_table}")


def _traced_import(path: Path) -> tuple[int, float]:
    from samtrygg.incidents.police_archive import police_archive_import

    _emptied()
    tracemalloc.start()
    try:
        result = police_archive_import(source=path)
        return result.created, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(*, n: int = 100_000, seed: int = 2023, log=print) -> dict:
    from samtrygg.incidents.models import PoliceEvent
    from samtrygg.incidents.police_archive import police_archive_import

    with tempfile.TemporaryDirectory() as tmp:
        path, tenth = Path(tmp) / "archive.json", Path(tmp) / "tenth.json"
        log(f"writing an archive of {n} events ...")
        size = write_archive(path, n, seed)
        write_archive(tenth, n // 10, seed)
        parse_s, parsed = timed(lambda: _parse_only(path))
        with throwaway_database(log):
            log("importing ...")
            import_s, first = timed(lambda: police_archive_import(source=path))
            log("importing again ...")
            again_s, again = timed(lambda: police_archive_import(source=path))
            stored = PoliceEvent.objects.count()
            county = PoliceEvent.objects.filter(county_level=True).count()
            log("tracing memory (slow) ...")
            created_tenth, peak_tenth = _traced_import(tenth)
            started = time.perf_counter()
            created_all, peak_all = _traced_import(path)
            traced_s = time.perf_counter() - started
    assert parsed == n and first.created == n and again.unchanged == n and stored == n
    assert created_tenth == n // 10 and created_all == n
    return {
        "benchmark": "police_archive", "events": n, "file_mb": round(size / 2**20, 1),
        "import_s": round(import_s, 2), "events_per_s": round(n / import_s),
        "parse_only_s": round(parse_s, 2), "parse_only_events_per_s": round(n / parse_s),
        "ratio": round(parse_s / import_s, 3),
        "reimport_s": round(again_s, 2), "reimport_unchanged": again.unchanged, "county_level": county,
        "peak_python_mb_tenth": round(peak_tenth / 2**20, 2), "peak_python_mb": round(peak_all / 2**20, 2),
        "traced_import_s": round(traced_s, 1),
    }
