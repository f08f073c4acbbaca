"""Emerging hot spots: where clustering appears, grows, lasts or fades over T time slices.

After ESRI's "Emerging Hot Spot Analysis" (ArcGIS Pro, Space Time Pattern Mining): Gi* is computed for every
time slice on the same cells and neighbourhood (hotspots.hotspots, FDR per slice), and a Mann–Kendall test
(Mann 1945, Kendall 1975) runs per cell over its series of Gi* z-scores: is the clustering intensifying?

Mann–Kendall, for a series x_1..x_T: S = Σ_{i<j} sign(x_j − x_i); Var S = (T(T−1)(2T+5) − Σ_g t_g(t_g−1)(2t_g+5))/18
over groups g of t_g tied values; z = (S − sign S)/√Var S (continuity correction; 0 when Var S = 0); p two-sided
normal. Vectorised over cells (one pass per pair of slices).

"Hot" in a slice means grade ≥ +1 (a hot spot at 90 % or more after FDR); "overall hot" is the same on the
whole-period counts. A significant trend is p < alpha (default 0.05) with the sign of S. Categories, first
match wins:
    new           hot in the last slice and in no earlier slice
    consecutive   hot in an unbroken run of ≥ 2 slices ending in the last one, never before, < 90 % of slices
    intensifying  hot in ≥ 90 % of slices including the last, overall hot, significant rising trend
    persistent    hot in ≥ 90 % of slices including the last, overall hot, no significant trend
    diminishing   hot in ≥ 90 % of slices including the last, overall hot, significant falling trend
    historical    hot in ≥ 90 % of slices, not in the last one
    sporadic      hot in at least one slice, none of the above
    ""            never hot
Cold-spot patterns are not classified; the per-slice grades hold them.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from samtrygg.analysis.hotspots import hotspots

CATEGORIES = ("new", "consecutive", "intensifying", "persistent", "diminishing", "historical", "sporadic")


@dataclass(frozen=True)
class MannKendall:
    s: np.ndarray
    var: np.ndarray
    z: np.ndarray
    p: np.ndarray


@dataclass(frozen=True)
class EmergingResult:
    cells: np.ndarray
    category: np.ndarray  # str per cell, "" for none
    slice_grade: np.ndarray  # cells × T, int8
    overall_grade: np.ndarray
    trend: MannKendall  # over each cell's Gi* z-scores (drives the categories)
    count_trend: MannKendall  # over each cell's counts (for reporting "more or fewer incidents")


def mann_kendall(x: np.ndarray) -> MannKendall:
    """Mann–Kendall trend test per row of a (cells × T) array, with tie correction and continuity correction."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    t = x.shape[1]
    s = np.zeros(x.shape[0])
    ties = np.zeros(x.shape[0])
    for j in range(t):
        s += np.sign(x[:, j + 1:] - x[:, j:j + 1]).sum(axis=1)
        group = (x == x[:, j:j + 1]).sum(axis=1)  # size of the tie group x_j belongs to
        ties += (group - 1) * (2 * group + 5)  # each member adds 1/t_g of t_g(t_g−1)(2t_g+5)
    var = (t * (t - 1) * (2 * t + 5) - ties) / 18.0
    z = np.zeros_like(s)
    ok = var > 0
    z[ok] = (s[ok] - np.sign(s[ok])) / np.sqrt(var[ok])
    return MannKendall(s=s, var=var, z=z, p=2.0 * stats.norm.sf(np.abs(z)))


def emerging_hotspots(cells: np.ndarray, counts: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
                      *, alpha: float = 0.05) -> EmergingResult:
    """Categories per cell from a (cells × T) count matrix over the CSR neighbourhood (see the module rules)."""
    counts = np.asarray(counts)
    per_slice = [hotspots(cells, counts[:, k], indptr, indices) for k in range(counts.shape[1])]
    z = np.column_stack([r.z for r in per_slice])
    grade = np.column_stack([r.grade for r in per_slice])
    overall = hotspots(cells, counts.sum(axis=1), indptr, indices).grade
    trend = mann_kendall(z)
    return EmergingResult(cells=np.asarray(cells), category=_categorise(grade > 0, overall > 0, trend, alpha),
                          slice_grade=grade, overall_grade=overall, trend=trend, count_trend=mann_kendall(counts))


def _categorise(hot: np.ndarray, overall: np.ndarray, trend: MannKendall, alpha: float) -> np.ndarray:
    t = hot.shape[1]
    last = hot[:, -1]
    earlier = hot[:, :-1].any(axis=1)
    share = hot.mean(axis=1)
    mostly = share >= 0.9
    # Length of the run of hot slices ending in the last one, and whether any hot slice precedes that run.
    not_hot_before_end = np.where(~hot, np.arange(t), -1).max(axis=1)
    run = t - 1 - not_hot_before_end
    first_hot = np.where(hot.any(axis=1), hot.argmax(axis=1), t)
    before_run = first_hot < t - run
    rising = (trend.p < alpha) & (trend.s > 0)
    falling = (trend.p < alpha) & (trend.s < 0)
    sustained = mostly & last & overall
    rules = [
        last & ~earlier,
        (run >= 2) & ~before_run & ~mostly,
        sustained & rising,
        sustained & ~rising & ~falling,
        sustained & falling,
        mostly & ~last,
        hot.any(axis=1),
    ]
    return np.select(rules, CATEGORIES, default="")
