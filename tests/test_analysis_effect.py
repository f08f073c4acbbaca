"""The effect of a measure (difference-in-differences): planted effects are found, absent ones are not."""

import numpy as np
import pytest
from scipy import stats

from samtrygg.analysis.effect import VERDICTS, count_effect, value_effect

SEEDS = range(200)
MONTHS = np.arange(24)
AFTER = MONTHS >= 12
SEASON = 1 + 0.35 * np.sin(2 * np.pi * MONTHS / 12)  # both areas share seasons and a trend
TREND = np.exp(0.01 * MONTHS)


def monthly(rng, mean, *, dispersion_k=None):
    """Poisson counts, or negative-binomial ones with variance μ + μ²/k."""
    if dispersion_k is None:
        return rng.poisson(mean)
    return rng.negative_binomial(dispersion_k, dispersion_k / (dispersion_k + mean))


def areas(seed, *, treated_factor=1.0, common_factor=1.0, treated_slope=0.0, dispersion_k=None, level=(20, 30)):
    """(Tb, Ta, Cb, Ca): treated and control monthly counts, 12 before and 12 after."""
    rng = np.random.default_rng(seed)
    common = SEASON * TREND * np.where(AFTER, common_factor, 1.0)
    treated = level[0] * common * np.where(AFTER, treated_factor, 1.0) * np.exp(treated_slope * MONTHS)
    t = monthly(rng, treated, dispersion_k=dispersion_k)
    c = monthly(rng, level[1] * common, dispersion_k=dispersion_k)
    return t[~AFTER], t[AFTER], c[~AFTER], c[AFTER]


def signalled(effect):
    return effect.verdict in ("decrease", "increase")


def test_hand_value_halving_with_no_spread():
    effect = count_effect([10, 10, 10], [5, 5, 5], [20, 20, 20], [20, 20, 20])
    assert effect.estimate == pytest.approx(0.5) and effect.percent == pytest.approx(-50.0)
    assert effect.dispersion == 1.0 and effect.df == 4  # the periods fit the model exactly
    half_width = stats.t.ppf(0.975, 4) * np.sqrt(1 / 30 + 1 / 15 + 1 / 60 + 1 / 60)
    assert effect.ci_low == pytest.approx(0.5 * np.exp(-half_width))
    assert effect.ci_high == pytest.approx(0.5 * np.exp(half_width))
    assert effect.expected_treated_after == pytest.approx(30.0) and effect.observed_treated_after == 15
    assert effect.pretrend_p is None  # three before periods are too few
    assert effect.verdict == "no_clear_change"  # 0.18–1.37: with 4 df a halving of 15 counts is not clear


def test_unequal_before_and_after_lengths_compare_rates_per_period():
    effect = count_effect([10] * 6, [5] * 3, [20] * 6, [20] * 3)
    assert effect.estimate == pytest.approx(0.5)
    assert effect.expected_treated_after == pytest.approx(30.0)


def test_a_planted_forty_percent_drop_is_recovered():
    effects = [count_effect(*areas(seed, treated_factor=0.6)) for seed in SEEDS]
    covered = np.mean([e.percent_low <= -40 <= e.percent_high for e in effects])
    decrease = np.mean([e.verdict == "decrease" for e in effects])
    assert covered >= 0.90 and decrease >= 0.90
    assert {e.verdict for e in effects} <= set(VERDICTS)
    assert np.median([e.percent for e in effects]) == pytest.approx(-40, abs=3)


def test_no_planted_effect_gives_about_the_nominal_five_percent_even_with_a_common_shock():
    for common in (1.0, 0.7):  # 0.7: both areas drop 30 % after, which is not the measure's doing
        effects = [count_effect(*areas(seed, common_factor=common)) for seed in SEEDS]
        assert np.mean([signalled(e) for e in effects]) <= 0.10
        assert abs(np.median([e.percent for e in effects])) < 3


def test_overdispersed_counts_keep_the_nominal_rate_only_thanks_to_phi():
    effects = [count_effect(*areas(seed, dispersion_k=4)) for seed in SEEDS]
    assert np.median([e.dispersion for e in effects]) > 3
    assert np.mean([signalled(e) for e in effects]) <= 0.10

    def poisson_only_signals(e):  # the same estimate with the plain Poisson variance (φ = 1) and the normal
        se = np.sqrt(1 / e.treated_before + 1 / e.treated_after + 1 / e.control_before + 1 / e.control_after)
        return abs(np.log(e.estimate)) / se > stats.norm.ppf(0.975)

    assert np.mean([poisson_only_signals(e) for e in effects]) > 0.25


def test_diverging_pre_trends_are_flagged_and_parallel_ones_are_not():
    diverging = [count_effect(*areas(seed, treated_slope=0.06, level=(40, 60))).pretrend_p for seed in SEEDS]
    parallel = [count_effect(*areas(seed, level=(40, 60))).pretrend_p for seed in SEEDS]
    assert np.mean(np.array(diverging) < 0.05) >= 0.80 and np.median(diverging) < 0.01
    assert np.mean(np.array(parallel) < 0.05) <= 0.10


def test_too_little_data_and_zeros():
    short = count_effect([30, 30], [10, 10], [30, 30], [30, 30])
    assert short.verdict == "too_little_data" and short.estimate is not None
    few = count_effect([2, 1, 2], [0, 1, 0], [3, 2, 4], [3, 3, 2])
    assert few.verdict == "too_little_data"
    nothing = count_effect([0] * 12, [0] * 12, [0] * 12, [0] * 12)
    assert nothing.verdict == "too_little_data" and nothing.estimate is None and nothing.p is None
    no_control = count_effect([5] * 12, [3] * 12, [0] * 12, [0] * 12)
    assert no_control.verdict == "too_little_data" and no_control.estimate is None


def test_a_zero_total_is_continuity_corrected():
    effect = count_effect([5] * 12, [3] * 12, [4] * 12, [0] * 12)
    assert effect.continuity_corrected
    assert effect.estimate == pytest.approx((36.5 / 60.5) / (0.5 / 48.5))
    assert np.isfinite(effect.ci_low) and np.isfinite(effect.ci_high) and effect.verdict == "increase"
    assert not count_effect([10] * 3, [5] * 3, [20] * 3, [20] * 3).continuity_corrected


@pytest.mark.parametrize("function", [count_effect, value_effect])
def test_mismatched_or_broken_input_is_refused(function):
    with pytest.raises(ValueError, match="same periods"):
        function([1, 2, 3], [1, 2, 3], [1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="same periods"):
        function([1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="at least one"):
        function([], [1], [], [1])
    with pytest.raises(ValueError, match="finite"):
        function([1, float("nan")], [1], [1, 2], [1])
    with pytest.raises(ValueError, match="confidence"):
        function([1], [1], [1], [1], confidence=1.5)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="≥ 0"):
        count_effect([1, -1, 2], [1, 2, 3], [1, 2, 3], [1, 2, 3])


def survey(seed, *, planted=0.0, months=12, sd=2.0):
    """Monthly indicator values (a share in percent): 12 before, 12 after, common shift +3 after."""
    rng = np.random.default_rng(seed)
    tb, cb = 60 + rng.normal(0, sd, months), 55 + rng.normal(0, sd, months)
    ta, ca = 63 + planted + rng.normal(0, sd, months), 58 + rng.normal(0, sd, months)
    return tb, ta, cb, ca


def test_value_effect_recovers_a_planted_drop_of_five_points():
    effects = [value_effect(*survey(seed, planted=-5.0)) for seed in SEEDS]
    assert np.mean([e.ci_low <= -5 <= e.ci_high for e in effects]) >= 0.90
    assert np.mean([e.verdict == "decrease" for e in effects]) >= 0.90
    assert np.median([e.estimate for e in effects]) == pytest.approx(-5, abs=0.5)
    first = effects[0]
    assert first.expected_treated_after == pytest.approx(first.treated_before + first.control_after
                                                         - first.control_before)


def test_value_effect_without_a_planted_change_signals_at_about_the_nominal_rate():
    effects = [value_effect(*survey(seed)) for seed in SEEDS]
    assert np.mean([signalled(e) for e in effects]) <= 0.10
    assert abs(np.median([e.estimate for e in effects])) < 0.5


def test_value_effect_hand_value_and_single_values():
    effect = value_effect([60, 62], [50, 52], [40, 42], [40, 42])
    assert effect.estimate == pytest.approx(-10.0)
    se, df = np.sqrt(4 * 2 / 2), (4 * 2 / 2) ** 2 / (4 * (2 / 2) ** 2 / 1)  # every group: s² = 2, n = 2
    assert effect.df == pytest.approx(df)
    assert effect.ci_low == pytest.approx(-10 - stats.t.ppf(0.975, df) * se)
    single = value_effect([61], [55], [50], [50])
    assert single.estimate == pytest.approx(-6.0)
    assert single.ci_low is None and single.p is None and single.verdict == "too_little_data"
    flat = value_effect([5, 5], [5, 5], [5, 5], [5, 5])  # no spread at all: a zero SE, no change
    assert flat.estimate == 0 and flat.p == 1.0 and flat.verdict == "no_clear_change"


def test_value_pre_trend():
    rng = np.random.default_rng(1)
    control = 50 + rng.normal(0, 1, 8)
    diverging = value_effect(control + 1.5 * np.arange(8), [60] * 3, control, [50] * 3)
    parallel = value_effect(control + 5 + rng.normal(0, 1, 8), [60] * 3, control, [50] * 3)
    assert diverging.pretrend_p < 0.001 and parallel.pretrend_p > 0.05
