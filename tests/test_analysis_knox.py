"""Knox near-repeat test: planted near-repeats are found, random events are not."""

import time

import numpy as np

from samtrygg.analysis.knox import knox


def _random_events(rng, n):
    return rng.uniform(0, 5000, n), rng.uniform(0, 5000, n), rng.uniform(0, 365, n)


def test_planted_near_repeats_give_a_ratio_above_one_and_a_small_p():
    rng = np.random.default_rng(1)
    x, y, t = _random_events(rng, 600)
    origins = rng.integers(0, 600, 200)  # a repeat within 50 m and 7 days of 200 earlier events
    x = np.concatenate([x, x[origins] + rng.uniform(-30, 30, 200)])
    y = np.concatenate([y, y[origins] + rng.uniform(-30, 30, 200)])
    t = np.concatenate([t, t[origins] + rng.uniform(0, 7, 200)])
    result = knox(x, y, t, distance=100, days=14, permutations=199, seed=3)
    assert result.observed > 150 and result.ratio > 3 and result.p == 1 / 200


def test_random_events_give_a_ratio_near_one_and_no_small_p():
    small = 0
    for seed in range(10):
        x, y, t = _random_events(np.random.default_rng(seed), 1500)
        result = knox(x, y, t, distance=200, days=14, permutations=99, seed=seed)
        assert 0.5 < result.ratio < 1.6
        small += result.p < 0.05
    assert small <= 2


def test_counts_by_brute_force():
    rng = np.random.default_rng(2)
    x, y, t = _random_events(rng, 200)
    result = knox(x, y, t, distance=600, days=30, permutations=9)
    i, j = np.triu_indices(200, 1)
    near = np.hypot(x[i] - x[j], y[i] - y[j]) <= 600
    soon = np.abs(t[i] - t[j]) <= 30
    assert (result.space_pairs, result.time_pairs, result.observed) == (near.sum(), soon.sum(), (near & soon).sum())
    assert result.expected == near.sum() * soon.sum() / len(i)


def test_twenty_thousand_events_run_in_seconds():
    rng = np.random.default_rng(4)
    x, y, t = rng.normal(0, 3000, 20_000), rng.normal(0, 3000, 20_000), rng.uniform(0, 730, 20_000)
    start = time.perf_counter()
    result = knox(x, y, t, distance=200, days=14, permutations=99)
    assert time.perf_counter() - start < 20 and result.space_pairs > 10_000
