"""Mann–Kendall per cell and the emerging hot spot categories on planted scenarios."""

import h3
import numpy as np
from scipy import stats

from analysis_grid import disc, grid, index_of, ring_indices
from samtrygg.analysis import emerging

T = 12


def test_mann_kendall_matches_a_hand_computed_example():
    result = emerging.mann_kendall(np.array([[1, 2, 3, 4, 5], [1, 2, 2, 3, 3], [4, 4, 4, 4, 4]]))
    # Row 0: S = 10, Var = 5·4·15/18 = 16.667, z = 9/√16.667 = 2.2045, p = 0.02749.
    # Row 1: S = 8 (ten pairs, two ties), Var = (5·4·15 − 2·(2·1·9))/18 = 14.667, z = 7/√14.667 = 1.8278.
    assert result.s.tolist() == [10, 8, 0]
    assert np.allclose(result.var, [300 / 18, 264 / 18, 0])
    assert np.allclose(result.z, [9 / np.sqrt(300 / 18), 7 / np.sqrt(264 / 18), 0])
    assert abs(result.p[0] - 0.027486) < 1e-5 and result.p[2] == 1.0


def test_mann_kendall_agrees_with_kendalltau_on_tie_free_series():
    rng = np.random.default_rng(1)
    series = rng.normal(size=(20, 30)) + np.linspace(0, 1, 30) * rng.uniform(0, 2, size=(20, 1))
    result = emerging.mann_kendall(series)
    for row, s, p in zip(series, result.s, result.p, strict=True):
        tau = stats.kendalltau(np.arange(30), row)
        assert s == round(tau.statistic * 30 * 29 / 2)
        assert abs(p - tau.pvalue) < 0.01


def _separated_centres(count: int) -> list[int]:
    chosen: list[int] = []
    for cell in np.random.default_rng(3).permutation(disc(12)).tolist():
        if all(h3.grid_distance(h3.int_to_str(cell), h3.int_to_str(c)) >= 5 for c in chosen):
            chosen.append(cell)
        if len(chosen) == count:
            return chosen
    raise AssertionError("not enough room")


def test_planted_scenarios_get_their_categories():
    cells, indptr, indices = grid(16)
    rng = np.random.default_rng(7)
    counts = rng.poisson(2.0, (len(cells), T))
    t = np.arange(T)
    extra = {
        "new": np.where(t == T - 1, 12, 0),
        "consecutive": np.where(t >= T - 3, 12, 0),
        "intensifying": 8 + 2 * t,
        "persistent": np.full(T, 12),
        "diminishing": 32 - 2 * t,
        "historical": np.where(t < T - 1, 12, 0),
        "sporadic": np.where(np.isin(t, [2, 6]), 12, 0),
    }
    centres = dict(zip(extra, _separated_centres(len(extra)), strict=True))
    for name, add in extra.items():
        counts[ring_indices(cells, centres[name], 1)] += add
    result = emerging.emerging_hotspots(cells, counts, indptr, indices)
    got = {name: result.category[index_of(cells, centre)] for name, centre in centres.items()}
    assert got == {name: name for name in extra}
    assert (result.category != "").sum() < 20 * len(extra)  # the planted places and their rings, little else
    assert result.count_trend.s[index_of(cells, centres["intensifying"])] > 0
