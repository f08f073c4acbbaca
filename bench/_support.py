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

KEEP = "SAMTRYGG_BENCH_KEEP"  # set to 1 by `samtrygg bench --keep`


@contextlib.contextmanager
def throwaway_database(log, kept_as: str | None = None):
    """A fresh database beside the configured one (Django's test database, migrated), dropped afterwards; the
    configured database is never touched. PostgreSQL only: the baselines are PostgreSQL's. With `kept_as`, the
    database of that name instead, created (or reused, migrated) and kept afterwards."""
    if connection.vendor != "postgresql":
        raise SystemExit("The benchmarks run on PostgreSQL: set DATABASE_URL=postgres://... (see docs/performance.md)")
    settings_dict = connection.settings_dict
    old_name, old_test = settings_dict["NAME"], settings_dict["TEST"]
    if kept_as:
        log(f"using the kept database {kept_as!r} beside {old_name!r} ...")
        settings_dict["TEST"] = {**old_test, "NAME": kept_as}
    else:
        log(f"creating a throwaway database beside {old_name!r} ...")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=bool(kept_as))
    try:
        yield
    finally:
        if kept_as:
            connection.close()
            settings_dict["NAME"], settings_dict["TEST"] = old_name, old_test
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def demo_world(seed: int):
    """The demo organisations, users and areas (no incidents): returns (kommun, coordinator user, outline)."""
    from samtrygg.demo.builder import build_demo

    build_demo(seed=seed, incidents=0)
    return _demo_parts()


def _demo_parts():
    from samtrygg.accounts.models import Organisation, User
    from samtrygg.areas.models import Area

    kommun = Organisation.objects.get(kommunkod="9901", type="kommun")
    outline = Area.objects.get(owner=kommun, parent__isnull=True).shape
    return kommun, User.objects.get(username="samordnare"), outline


PART_ROWS = 1_000_000


@contextlib.contextmanager
def loaded(n: int, seed: int, log, until: date = date(2026, 11, 1)):
    """A throwaway database holding the demo world and N synthetic incidents, loaded by the product's importer (so
    the tallies are its own) and analysed, in the demo mode: yields (kommun, coordinator user, outline).

    With SAMTRYGG_BENCH_KEEP=1 (`samtrygg bench --keep`) the database is named after N, the seed and the last day,
    kept afterwards, and reused as it is by the next run with the same three once its loading has finished: a
    10,000,000-incident run loads for half an hour once, not every time. A kept database is only read by the
    benchmarks that use this (map, aggregate, lagesbild, list); a half-loaded one is made again."""
    from django.test import override_settings

    kept_as = f"samtrygg_bench_{n}_{seed}_{until:%Y%m%d}" if os.environ.get(KEEP) == "1" else None
    # The benchmarks act as the demo's users, which sign in and hold API tokens only in the demo mode.
    with throwaway_database(log, kept_as=kept_as), override_settings(DEMO_MODE=True):
        if kept_as and _finished():
            log(f"{kept_as!r} holds the {n} incidents already")
        else:
            if kept_as:  # made now or cut short: from the start
                connection.close()
                connection.creation.create_test_db(verbosity=0, autoclobber=True)
            _load(n, seed, log, until, finish=bool(kept_as))
        yield _demo_parts()


FINISHED = "bench_loaded"  # a table made in a kept database once its loading has finished


def _finished() -> bool:
    return FINISHED in connection.introspection.table_names()


def _load(n: int, seed: int, log, until: date, finish: bool) -> None:
    from samtrygg.incidents import importing

    with tempfile.TemporaryDirectory() as tmp:
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
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        if finish:
            cursor.execute(f"CREATE TABLE {FINISHED} (n bigint)")


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
