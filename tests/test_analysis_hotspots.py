"""Gi*: equal to esda, planted clusters found at 99 %, noise not flagged after FDR."""

import esda
import libpysal
import numpy as np
import pytest
from scipy import stats

from analysis_grid import disc, grid, index_of, ring_indices
from samtrygg.analysis import hexgrid, hotspots


def _esda_z(counts, indptr, indices):
    neighbours = {i: indices[indptr[i]:indptr[i + 1]].tolist() for i in range(len(indptr) - 1)}
    w = libpysal.weights.W(neighbours, silence_warnings=True)
    return esda.G_Local(np.asarray(counts, dtype=float), w, star=True, transform="B", permutations=0).Zs


def test_gi_star_equals_esda_on_random_grids_with_zeros():
    for seed, (radius, k, mean) in enumerate([(6, 1, 0.4), (12, 1, 3.0), (10, 2, 1.0), (15, 1, 25.0)]):
        rng = np.random.default_rng(seed)
        cells, indptr, indices = grid(radius, k=k)
        keep = np.sort(rng.choice(len(cells), size=int(0.8 * len(cells)), replace=False))  # ragged edges
        indptr, indices = hexgrid.neighbours(cells[keep], k)
        counts = rng.poisson(mean, len(keep)) * rng.integers(0, 2, len(keep))
        assert (counts == 0).any()
        ours = hotspots.gi_star(counts, indptr, indices)
        assert np.abs(ours - _esda_z(counts, indptr, indices)).max() <= 1e-9


def _plain_hotspots(counts, indptr, indices):
    """The product's rules written plainly: both p-values everywhere, then the larger."""
    local, c = hotspots.local_sums(counts, indptr, indices)
    z = hotspots.gi_star(counts, indptr, indices)
    p = np.maximum(hotspots.csr_p(counts, local, c), 2.0 * stats.norm.sf(np.abs(z)))
    q = hotspots.bh_adjust(p)
    return z, p, q, hotspots.grades(z, q)


def test_hotspots_equal_the_plain_rules_to_the_last_bit(monkeypatch):
    """hotspots skips the exact binomial where a bound puts it below the normal p; that changes no bit."""
    exact = []
    binomial_p = hotspots._binomial_p

    def counted(local, *args):
        exact.append(len(local))
        return binomial_p(local, *args)

    monkeypatch.setattr(hotspots, "_binomial_p", counted)
    cases = [(25, 1, 0.3, None), (25, 1, 3.0, 0.5), (12, 2, 40.0, 0.3), (25, 1, 600.0, 0.2), (3, 1, 2.0, None),
             (1, 1, 5.0, None), (25, 1, 0.0, None)]
    for seed, (radius, k, mean, dispersion) in enumerate(cases):
        rng = np.random.default_rng(seed)
        cells, indptr, indices = grid(radius, k=k)
        counts = rng.poisson(mean, len(cells))
        if dispersion:  # clustered like real incidents: far more uneven than chance
            counts = rng.poisson(mean * rng.gamma(dispersion, 1 / dispersion, len(cells)))
        exact.clear()
        result = hotspots.hotspots(cells, counts, indptr, indices)
        if dispersion:  # most cells of an uneven map never reach the binomial
            assert sum(exact) < 0.2 * len(cells), (seed, sum(exact))
        for ours, plain in zip((result.z, result.p, result.q, result.grade), _plain_hotspots(counts, indptr, indices),
                               strict=True):
            assert ours.dtype == plain.dtype and np.array_equal(ours, plain), (seed, radius, mean)


def test_bh_equals_scipy_false_discovery_control():
    rng = np.random.default_rng(4)
    for p in (rng.uniform(size=500), rng.beta(0.3, 4, size=1000), np.array([0.01, 0.01, 0.5, 0.04, 1.0])):
        assert np.allclose(hotspots.bh_adjust(p), stats.false_discovery_control(p, method="bh"), rtol=0, atol=1e-12)


def test_the_binomial_tails_equal_scipy_stats_binom():
    """_binomial_p takes the tails from the incomplete beta function: the same as stats.binom's sf and cdf, far out
    and near the mean, up to ten million incidents, and at the edges (no incidents, k = N, a cell covering all)."""
    rng = np.random.default_rng(11)
    for total in (0, 1, 7, 1_000, 1_000_000, 10_000_000):
        n = 5_000
        c = rng.integers(1, 8, 400)
        share = c / n
        sd = np.sqrt(total * share * (1 - share))
        k = np.clip(np.rint(total * share + rng.normal(size=400) * sd * rng.uniform(0, 40, 400)), 0, total)
        k[:3] = (0, total, total // 2)
        upper = k > total * share
        expected = np.empty(400)
        expected[upper] = stats.binom.sf(k[upper] - 1, total, share[upper])
        expected[~upper] = stats.binom.cdf(k[~upper], total, share[~upper])
        expected = np.minimum(1.0, 2.0 * expected)
        ours = hotspots._binomial_p(k, c, total, n)
        assert np.allclose(ours, expected, rtol=1e-9, atol=0), total
    assert hotspots._binomial_p(np.array([5.0]), np.array([4]), 5, 4).tolist() == [1.0]  # π = 1: X = N surely


def test_distinct_keys_equal_numpys_unique():
    """hotspots groups cells by (local sum, cells summed) with a radix sort of its own: as np.unique, for keys of
    one to four 16-bit digits, with repeats, and a single key."""
    rng = np.random.default_rng(5)
    for high in (1, 2**16, 2**32 + 7, 2**62):
        for size in (1, 50, 5_000):
            keys = rng.integers(0, high, size, dtype=np.int64)
            keys = keys[rng.integers(0, size, size)]  # repeats
            distinct, code, count = hotspots._distinct(keys)
            expected = np.unique(keys, return_inverse=True, return_counts=True)
            for ours, theirs in zip((distinct, code, count), expected, strict=True):
                assert np.array_equal(ours, theirs), (high, size)


def test_counts_must_be_whole_non_negative_numbers():
    cells, indptr, indices = grid(2)
    counts = np.arange(len(cells), dtype=np.float64)
    assert hotspots.hotspots(cells, counts, indptr, indices).grade.dtype == np.int8  # whole numbers as floats: fine
    for bad in (counts + 0.5, counts - 1, counts[:0]):
        with pytest.raises(ValueError, match="non-negative integers"):
            hotspots.hotspots(cells[:len(bad)], bad, indptr[:len(bad) + 1], indices)


def test_grades_follow_q_thresholds_and_sign():
    z = np.array([5.0, 4.0, 3.0, 2.0, -5.0, -3.0, 1.0])
    q = np.array([0.001, 0.03, 0.07, 0.2, 0.005, 0.09, 0.01])
    assert hotspots.grades(z, q).tolist() == [3, 2, 1, 0, -3, -1, 2]


def test_planted_clusters_are_99_percent_hot_spots_at_their_centres():
    cells, indptr, indices = grid(25)
    for seed in range(5):
        rng = np.random.default_rng(seed)
        counts = rng.poisson(1.0, len(cells))
        centres = rng.choice(disc(20), size=3, replace=False)  # inside, with all six neighbours
        for centre in centres:
            counts[ring_indices(cells, int(centre), 1)] += rng.poisson(6.0, 7)
        result = hotspots.hotspots(cells, counts, indptr, indices)
        for centre in centres:
            assert result.grade[index_of(cells, int(centre))] == 3, seed
        assert (result.grade == 3).sum() < 60  # the clusters, not the town


def test_one_cell_holding_most_incidents_is_a_99_percent_hot_spot():
    """A tight cluster (one address) among quiet neighbours: a permutation p (about 7/n at best) could never pass
    FDR here."""
    cells, indptr, indices = grid(9)
    counts = np.random.default_rng(3).poisson(0.3, len(cells))
    centre = len(cells) // 2
    counts[centre] = 45
    result = hotspots.hotspots(cells, counts, indptr, indices)
    assert result.grade[centre] == 3
    assert result.p[centre] < 1e-6


def test_a_dense_cold_town_with_an_empty_park_gives_a_cold_spot():
    cells, indptr, indices = grid(15)
    counts = np.random.default_rng(9).poisson(20.0, len(cells))
    park = ring_indices(cells, int(cells[len(cells) // 2]), 2)
    counts[park] = 0
    result = hotspots.hotspots(cells, counts, indptr, indices)
    assert result.grade[len(cells) // 2] == -3


def test_uniform_noise_yields_no_significant_cell_after_fdr_at_the_nominal_rate():
    """Under pure noise BH at q < 0.10 allows a false discovery in about 10 % of maps, no more."""
    cells, indptr, indices = grid(25)  # 1,951 cells
    for mean in (0.5, 3.0, 20.0):
        flagged = strong = 0
        for seed in range(60):
            result = hotspots.hotspots(cells, np.random.default_rng(seed).poisson(mean, len(cells)), indptr, indices)
            flagged += bool(result.grade.any())
            strong += bool((np.abs(result.grade) == 3).any())
        assert flagged <= 10, (mean, flagged)  # nominal 6 of 60; the normal p gives 15–40 at low means
        assert strong == 0, (mean, strong)  # no 99 % hot or cold spot in any noise map (measured: 0 of 200)


def test_most_noise_maps_are_entirely_clean():
    cells, indptr, indices = grid(25)
    clean = [not hotspots.hotspots(cells, np.random.default_rng(s).poisson(2.0, len(cells)), indptr, indices)
             .grade.any() for s in range(10)]
    assert sum(clean) >= 8
