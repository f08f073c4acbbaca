"""Shared by the benchmarks: a throwaway database, the demo world in it, synthetic incident files, timing."""

import contextlib
import itertools
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from django.db import connection

from samtrygg.demo import geography, incidents


@contextlib.contextmanager
def throwaway_database(log):
    """A fresh database beside the configured one (Django's test database, migrated), dropped afterwards; the
    configured database is never touched. PostgreSQL only: the baselines are PostgreSQL's."""
    if connection.vendor != "postgresql":
        raise SystemExit("The benchmarks run on PostgreSQL: set DATABASE_URL=postgres://... (see docs/performance.md)")
    old_name = connection.settings_dict["NAME"]
    log(f"creating a throwaway database beside {old_name!r} ...")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def demo_world(seed: int):
    """The demo organisations, users and areas (no incidents): returns (kommun, coordinator user, outline)."""
    from samtrygg.accounts.models import Organisation, User
    from samtrygg.areas.models import Area
    from samtrygg.demo.builder import build_demo

    build_demo(seed=seed, incidents=0)
    kommun = Organisation.objects.get(kommunkod="9901", type="kommun")
    outline = Area.objects.get(owner=kommun, parent__isnull=True).shape
    return kommun, User.objects.get(username="samordnare"), outline


PART_ROWS = 1_000_000


@contextlib.contextmanager
def loaded(n: int, seed: int, log, until: date = date(2026, 11, 1)):
    """A throwaway database holding the demo world and N synthetic incidents, loaded by the product's importer (so
    the tallies are its own) and analysed, in the demo mode: yields (kommun, coordinator user, outline)."""
    from django.test import override_settings

    from samtrygg.incidents import importing

    # The benchmarks act as the demo's users, which sign in and hold API tokens only in the demo mode.
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(log), override_settings(DEMO_MODE=True):
        owner, user, outline = demo_world(seed)
        path = Path(tmp) / "incidents.csv"
        log(f"loading {n} incidents ...")
        generated = incidents.generate(random.Random(seed), outline, until=until, count=n, id_prefix="bench")
        while True:  # in files of PART_ROWS: the importer takes at most 2,000,000 rows and 1 GB a file
            with path.open("w", encoding="utf-8", newline="") as file:
                if not incidents.write_csv(itertools.islice(generated, PART_ROWS), file):
                    break
            with path.open("rb") as file:
                report = importing.import_file(actor=user, owner=owner, file=file, filename=path.name, commit=True)
            assert not report.errors, report.errors[:5]
        path.unlink()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        yield owner, user, outline


def load_average() -> list[float]:
    """The machine's load (1, 5 and 15 minutes), printed beside the figures: a busy machine shows."""
    return [round(x, 2) for x in os.getloadavg()]


def write_incident_csv(path: Path, outline, n: int, seed: int, until: date = date(2026, 11, 1)) -> int:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        return incidents.write_csv(incidents.generate(rng, outline, until=until, count=n, id_prefix="bench"), file)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {"p50": round(statistics.median(ordered), 4), "p95": round(p95, 4)}


__all__ = ["geography", "throwaway_database", "demo_world", "loaded", "load_average", "write_incident_csv", "timed",
           "percentiles"]
