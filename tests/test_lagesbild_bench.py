"""bench/lagesbild.py runs end to end at a small size (on PostgreSQL, where the benchmarks run), so it cannot
rot; speed is not asserted here."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_lagesbild_benchmark_runs(run_bench):
    figures = run_bench("lagesbild", n=3000)
    assert figures["incidents_in_document"] > 2500 and figures["pdf_pages"] >= 4
    assert figures["peak_python_mb"] > 0 and figures["seconds_best"] > 0
    # The draft's page links its figures: it is small, and another process reads the same build (a cached view).
    assert figures["page_kb"] < 300 and len(figures["figures_kb"]) >= 3
    assert figures["page_other_worker_s_median"] > 0
