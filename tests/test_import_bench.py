"""bench/import.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it cannot rot;
speed is not asserted here."""

import pytest
from django.db import connection

from samtrygg.demo.management.commands.bench import available, load


@pytest.mark.django_db(transaction=True)
def test_import_benchmark_runs():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")
    assert "import" in available()
    figures = load("import").run(n=2000, seed=1, log=lambda text: None)
    assert figures["rows"] == 2000 and figures["import_rows_per_s"] > 0 and figures["copy_table_rows_per_s"] > 0
    assert figures["ratio_vs_table"] > 0
