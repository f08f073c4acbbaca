"""`samtrygg bench hotspots [--n N]`: the product's hot spot function against PySAL esda, both sides' neighbourhood
prepared once and timed apart.

Data: N synthetic incident points, clustered like a Swedish town region (Greater Stockholm: a background over the
region and a few dozen Gaussian clusters of 150–1,500 m), binned to H3 cells as the product stores them
(resolution 10, lib.cells) and coarsened to RESOLUTION (9 by default, edge ≈ 174 m). The study area is every cell
of the region's box plus any cell with incidents outside it; the neighbourhood is ring 1 plus the cell itself,
binary weights, on both sides.

Timed, REPEAT runs of each side after one warm-up run of each, the sides taking turns (so a change in the
machine's load falls on both); best and median reported:
  ours_prepare      hexgrid.neighbours(cells, 1): the neighbourhood from the cells alone (finding each cell's
                    neighbours in H3 included) as CSR (indptr, indices), what the product builds before hotspots.
  libpysal_prepare  libpysal's weights from the same neighbour lists, given as a ready dict {i: [i, *neighbours]}
                    (with the cell itself, so esda need not add the diagonal: its own way, fill_diagonal, is
                    several times slower): W(lists, silence_warnings=True), w.transform = "B", w.sparse and its
                    row sums, i.e. everything esda's G_Local derives from w.
  ours              analysis.hotspots.hotspots(cells, counts, indptr, indices), the product's function as the
                    lägesbild calls it: Gi* z, the exact binomial p and the normal p, Benjamini–Hochberg q, grades.
  esda              esda's G_Local(y, w, star=True, transform="B", permutations=0), the public call, on a W
                    prepared once (from the lists with the cell itself, transform "B" set): what the issue holds the
                    product to ("both on a neighbourhood prepared once"). G_Local takes no more prepared state than
                    that: every call sets w.transform, which empties libpysal's cache, so w.sparse is rebuilt cell
                    by cell in Python and its rows summed again.
  esda_formula      stricter, no target: esda's computation without that rebuild, i.e. the body of G_Local.calc()
                    (copied below: the sparse product, the moments, z) and G_Local's p_norm, given the prepared
                    w.sparse and row sums; its z equals G_Local's to the last bit (esda_formula_diff).
ratio = esda / ours, ratio_formula = esda_formula / ours and ratio_prepare = libpysal_prepare / ours_prepare, from
the best runs (the medians' too). max_abs_diff = max |z_ours − z| of esda.G_Local(y, W(lists without the cell),
star=True, transform="B", permutations=0), run once untimed. The machine's load average (1, 5, 15 min) before and
after. No database is used.
"""

import os
import statistics
import time
import warnings

import esda
import libpysal
import numpy as np
from h3.api import basic_int
from scipy import stats

from samtrygg.analysis import hexgrid, hotspots
from samtrygg.lib import cells as lib_cells

RESOLUTION = 9
REPEAT = 20
TARGETS = {"ratio": 20.0, "ratio_prepare": 5.0, "max_abs_diff": 1e-9}  # issue 19, "Must show"
BOX = (59.20, 59.45, 17.80, 18.30)  # lat min, lat max, lon min, lon max: Stockholm and its inner suburbs
CLUSTERS = 40
BACKGROUND = 0.35  # share of incidents spread over the whole box


def run(*, n: int = 1_000_000, seed: int = 2023, log=print, resolution: int = RESOLUTION,
        repeat: int = REPEAT) -> dict:
    rng = np.random.default_rng(seed)
    log(f"placing {n} incidents around Stockholm ...")
    lat, lon = _points(rng, n)
    log("binning to H3 cells ...")
    stored = np.fromiter((basic_int.latlng_to_cell(a, b, lib_cells.CELL_RESOLUTION)
                          for a, b in zip(lat.tolist(), lon.tolist(), strict=True)), dtype=np.int64, count=n)
    region = hexgrid.region_cells(_box_polygon(), resolution)
    cells, counts = hexgrid.study_cells(hexgrid.count_cells(hexgrid.coarsen(stored, resolution)), region)
    y = counts.astype(np.float64)
    indptr, indices = hexgrid.neighbours(cells, 1)
    lists = {i: indices[indptr[i]:indptr[i + 1]].tolist() for i in range(len(cells))}
    with_self = {i: [i, *neighbours] for i, neighbours in lists.items()}
    load_before = os.getloadavg()
    log(f"{len(cells)} cells; load average before: {_load(load_before)}")

    log(f"timing the neighbourhoods, {repeat} runs each ...")
    ours_prep, lib_prep = _take_turns(lambda: hexgrid.neighbours(cells, 1), lambda: _libpysal_prepare(with_self),
                                      repeat=repeat)
    w, row_sums = _libpysal_prepare(with_self)
    w_call = libpysal.weights.W(with_self, silence_warnings=True)
    w_call.transform = "B"
    log(f"timing hotspots, esda's G_Local and esda's formula, {repeat} runs each ...")
    ours_t, esda_t, formula_t = _take_turns(
        lambda: hotspots.hotspots(cells, counts, indptr, indices),
        lambda: esda.G_Local(y, w_call, star=True, transform="B", permutations=0),
        lambda: _esda_formula(y, w.sparse, row_sums), repeat=repeat)
    load_after = os.getloadavg()
    log(f"load average after: {_load(load_after)}")

    ours = hotspots.hotspots(cells, counts, indptr, indices)
    with warnings.catch_warnings():  # esda's fill_diagonal rebuilds W without silence_warnings: "not connected"
        warnings.simplefilter("ignore", UserWarning)
        reference = esda.G_Local(y, libpysal.weights.W(lists, silence_warnings=True), star=True, transform="B",
                                 permutations=0).Zs
    figures = {
        "benchmark": "hotspots", "incidents": n, "resolution": resolution, "cells": len(cells),
        "neighbourhood": "ring 1 + self, binary", "repeat": repeat,
        "ours_seconds": _s(min(ours_t)), "ours_median_seconds": _s(statistics.median(ours_t)),
        "esda_seconds": _s(min(esda_t)), "esda_median_seconds": _s(statistics.median(esda_t)),
        "ratio": round(min(esda_t) / min(ours_t), 2),
        "ratio_median": round(statistics.median(esda_t) / statistics.median(ours_t), 2),
        "esda_formula_seconds": _s(min(formula_t)), "esda_formula_median_seconds": _s(statistics.median(formula_t)),
        "ratio_formula": round(min(formula_t) / min(ours_t), 2),
        "ratio_formula_median": round(statistics.median(formula_t) / statistics.median(ours_t), 2),
        "ours_prepare_seconds": _s(min(ours_prep)), "ours_prepare_median_seconds": _s(statistics.median(ours_prep)),
        "libpysal_prepare_seconds": _s(min(lib_prep)),
        "libpysal_prepare_median_seconds": _s(statistics.median(lib_prep)),
        "ratio_prepare": round(min(lib_prep) / min(ours_prep), 2),
        "ratio_prepare_median": round(statistics.median(lib_prep) / statistics.median(ours_prep), 2),
        "max_abs_diff": float(np.abs(ours.z - reference).max()),
        "esda_formula_diff": float(np.abs(_esda_formula(y, w.sparse, row_sums)[0] - reference).max()),
        "hot_99": int((ours.grade == 3).sum()), "cold_99": int((ours.grade == -3).sum()),
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
    }
    figures["met"] = {"ratio": figures["ratio"] >= TARGETS["ratio"],
                      "ratio_prepare": figures["ratio_prepare"] >= TARGETS["ratio_prepare"],
                      "max_abs_diff": figures["max_abs_diff"] <= TARGETS["max_abs_diff"]}
    return figures


def _libpysal_prepare(with_self: dict[int, list[int]]):
    """libpysal's weights for G_Local(star=True, transform="B") from ready neighbour lists: (w, row sums)."""
    w = libpysal.weights.W(with_self, silence_warnings=True)
    w.transform = "B"
    return w, np.asarray(w.sparse.sum(axis=1)).squeeze()


def _esda_formula(y: np.ndarray, W, cardinality: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(Zs, p_norm) of esda G_Local(y, w, star=True, transform="B", permutations=0) on prepared weights: the body of
    esda 2.x G_Local.calc() with star (remove_self False) and G_Local.__init__'s p_norm, line for line, but with
    W = w.sparse and cardinality = W.sum(axis=1) given instead of derived from w on each call."""
    y = np.asarray(y).flatten()  # as G_Local.__init__
    y.sum()  # calc() stores it as self.y_sum
    remove_self = False
    N = len(y) - remove_self
    statistic = (W @ y) / (y.sum() - y * remove_self)
    empirical_mean = (y.sum() - y * remove_self) / N
    mean_of_squares = ((y**2).sum() - (y**2) * remove_self) / N
    empirical_variance = mean_of_squares - empirical_mean**2
    expected_value = cardinality / N
    expected_variance = cardinality * (N - cardinality)
    expected_variance /= N - 1
    expected_variance *= 1 / N**2
    expected_variance *= empirical_variance / (empirical_mean**2)
    z_scores = (statistic - expected_value) / np.sqrt(expected_variance)
    return z_scores, stats.norm.sf(np.abs(z_scores))


def _take_turns(*functions, repeat: int) -> list[list[float]]:
    """Seconds of `repeat` runs of each function, taking turns, after one warm-up run of each."""
    for fn in functions:
        fn()
    times = [[] for _ in functions]
    for _ in range(repeat):
        for fn, seconds in zip(functions, times, strict=True):
            start = time.perf_counter()
            fn()
            seconds.append(time.perf_counter() - start)
    return times


def _s(seconds: float) -> float:
    return float(f"{seconds:.3g}")


def _load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in load)


def _points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of n points: a uniform background over BOX and Gaussian clusters of varied size and weight."""
    lat0, lat1, lon0, lon1 = BOX
    centres = np.column_stack([rng.uniform(lat0, lat1, CLUSTERS), rng.uniform(lon0, lon1, CLUSTERS)])
    spread_m = rng.uniform(150, 1500, CLUSTERS)
    weight = rng.pareto(1.5, CLUSTERS) + 0.2
    which = rng.choice(CLUSTERS, size=n, p=weight / weight.sum())
    metres_per_lat, metres_per_lon = 111_200.0, 111_200.0 * np.cos(np.radians((lat0 + lat1) / 2))
    lat = centres[which, 0] + rng.normal(size=n) * spread_m[which] / metres_per_lat
    lon = centres[which, 1] + rng.normal(size=n) * spread_m[which] / metres_per_lon
    background = rng.random(n) < BACKGROUND
    lat[background] = rng.uniform(lat0, lat1, background.sum())
    lon[background] = rng.uniform(lon0, lon1, background.sum())
    return lat, lon


def _box_polygon() -> dict:
    lat0, lat1, lon0, lon1 = BOX
    return {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]}
