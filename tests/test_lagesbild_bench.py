"""bench/lagesbild.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it cannot
rot; speed is not asserted here."""

import importlib.util
import sys

import pytest
from django.db import connection

from samtrygg.demo.management.commands.bench import BENCH_DIR, available


@pytest.mark.django_db(transaction=True)
def test_lagesbild_benchmark_runs():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")
    assert "lagesbild" in available()
    sys.path.insert(0, str(BENCH_DIR))
    try:
        spec = importlib.util.spec_from_file_location("samtrygg_bench_lagesbild", BENCH_DIR / "lagesbild.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        figures = module.run(n=3000, seed=1, log=lambda text: None)
    finally:
        sys.path.remove(str(BENCH_DIR))
    assert figures["incidents_in_document"] > 2500 and figures["pdf_pages"] >= 4
    assert figures["peak_python_mb"] > 0 and figures["seconds_best"] > 0
