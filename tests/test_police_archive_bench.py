"""bench/police_archive.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it
cannot rot; speed is not asserted here."""

import pytest
from django.db import connection

from samtrygg.demo.management.commands.bench import available, load


@pytest.mark.django_db(transaction=True)
def test_police_archive_benchmark_runs():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")
    assert "police_archive" in available()
    figures = load("police_archive").run(n=600, seed=1, log=lambda text: None)
    assert figures["events"] == 600 and figures["reimport_unchanged"] == 600 and figures["county_level"] == 100
    assert figures["ratio"] > 0 and figures["peak_python_mb_tenth"] > 0 and figures["peak_python_mb"] > 0
