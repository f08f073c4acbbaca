"""bench/hotspots.py runs end to end at a small size, so it cannot rot; speed is not asserted here."""

from samtrygg.demo.management.commands.bench import available, load


def test_hotspots_benchmark_runs_and_matches_esda():
    assert "hotspots" in available()
    figures = load("hotspots").run(n=5000, seed=1, resolution=8, log=lambda text: None, repeat=2)
    assert figures["benchmark"] == "hotspots" and figures["incidents"] == 5000 and figures["cells"] > 1000
    assert figures["max_abs_diff"] <= 1e-9 and figures["esda_formula_diff"] == 0.0 and figures["met"]["max_abs_diff"]
    assert figures["repeat"] == 2 and figures["hot_99"] > 0 and len(figures["load_before"]) == 3
    for name in ("ours", "esda", "esda_formula", "ours_prepare", "libpysal_prepare"):
        assert 0 < figures[f"{name}_seconds"] <= figures[f"{name}_median_seconds"]
    assert figures["ratio"] > 0 and figures["ratio_formula"] > 0 and figures["ratio_prepare"] > 0
