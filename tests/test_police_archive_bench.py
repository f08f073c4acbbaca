"""bench/police_archive.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it
cannot rot; speed is not asserted here."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_police_archive_benchmark_runs(run_bench):
    figures = run_bench("police_archive", n=600)
    assert figures["events"] == 600 and figures["reimport_unchanged"] == 600 and figures["county_level"] == 100
    assert figures["ratio"] > 0 and figures["peak_python_mb_tenth"] > 0 and figures["peak_python_mb"] > 0
