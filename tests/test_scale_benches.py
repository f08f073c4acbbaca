"""bench/map.py, bench/aggregate.py and bench/list.py (issue 19) run end to end at a small size on PostgreSQL, so
they cannot rot, and their product and raw-scan sides agree; speed is not asserted here."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_map_benchmark_runs_and_its_views_agree_with_the_raw_scan(run_bench):
    figures = run_bench("map", n=8000, repeat=2)
    views = figures["views"]
    assert set(views) == {"municipality", "district", "neighbourhood", "street", "street_points"}
    assert views["municipality"]["mode"] == "cells" and views["street_points"]["mode"] == "points"
    assert all(view["same_counts"] and view["p95_s"] > 0 and view["incidents"] > 0 for view in views.values())
    assert figures["target_p95_s"] == 0.05 and len(figures["load_before"]) == 3


def test_the_aggregate_benchmark_runs_and_each_endpoint_agrees_with_the_raw_scan(run_bench):
    figures = run_bench("aggregate", n=3000, repeat=2)
    endpoints = figures["endpoints"]
    assert set(endpoints) == {"cells", "areas", "categories", "months", "hours", "cells_year"}
    assert all(e["same_counts"] and e["p95_s"] > 0 and e["raw_p95_s"] > 0 for e in endpoints.values())


def test_the_list_benchmark_serves_the_list_and_the_login_page_under_gunicorn(run_bench):
    figures = run_bench("list", n=2000, seconds=0.5, workers=1)
    assert figures["clients"] == 8 and figures["list_rps"] > 0 and figures["login_rps"] > 0
    assert figures["list_new_rps"] > 0 and figures["ratio_new"] > 0
    assert figures["ratio"] > 0 and figures["list_p95_s"] > 0
