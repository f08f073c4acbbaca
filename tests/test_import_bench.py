"""bench/import.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it cannot rot;
speed is not asserted here."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_import_benchmark_runs(run_bench):
    figures = run_bench("import", n=2000)
    assert figures["rows"] == 2000 and figures["import_rows_per_s"] > 0 and figures["copy_table_rows_per_s"] > 0
    assert figures["ratio_vs_table"] > 0
