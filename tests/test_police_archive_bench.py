"""bench/police_archive.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it
cannot rot; speed is not asserted here."""

import importlib.util
import sys

import pytest
from django.db import connection

from samtrygg.demo.management.commands.bench import BENCH_DIR, available


@pytest.mark.django_db(transaction=True)
def test_police_archive_benchmark_runs():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")
    assert "police_archive" in available()
    sys.path.insert(0, str(BENCH_DIR))
    try:
        spec = importlib.util.spec_from_file_location("samtrygg_bench_police_archive", BENCH_DIR / "police_archive.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        figures = module.run(n=600, seed=1, log=lambda text: None)
    finally:
        sys.path.remove(str(BENCH_DIR))
    assert figures["events"] == 600 and figures["reimport_unchanged"] == 600 and figures["county_level"] == 100
    assert figures["ratio"] > 0 and figures["peak_python_mb_tenth"] > 0 and figures["peak_python_mb"] > 0
