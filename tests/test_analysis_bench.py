"""bench/hotspots.py runs end to end at a small size, so it cannot rot; speed is not asserted here."""

from samtrygg.demo.management.commands.bench import available, load


def test_hotspots_benchmark_runs_and_matches_esda():
    assert "hotspots" in available()
    figures = load("hotspots").run(n=5000, seed=1, resolution=8, log=lambda text: None)
    assert figures["benchmark"] == "hotspots" and figures["incidents"] == 5000 and figures["cells"] > 1000
    assert figures["max_abs_diff"] <= 1e-9 and figures["max_abs_diff_perm_run"] <= 1e-9
    assert figures["esda_permutations"] == 999 and figures["ratio"] > 0 and figures["hot_99"] > 0
