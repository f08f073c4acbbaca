"""The exact conditional Poisson test, rate ratio and rates per 1,000 residents."""

import pytest

from samtrygg.analysis.compare import compare_counts, rate_per_1000


def test_hand_value_ten_against_two():
    result = compare_counts(10, 2)
    assert result.p == pytest.approx(2 * (66 + 12 + 1) / 4096)  # 2 · P(X ≥ 10), X ~ Bin(12, ½)
    assert result.rate_ratio == pytest.approx(5.0) and result.percent_change == pytest.approx(400.0)
    assert result.ci_low < 5 < result.ci_high


def test_equal_rates_give_a_large_p_and_a_doubling_with_big_counts_a_tiny_one():
    assert compare_counts(500, 510).p > 0.5
    doubled = compare_counts(2000, 1000)
    assert doubled.p < 1e-50 and doubled.rate_ratio == pytest.approx(2.0)
    assert 1.85 < doubled.ci_low < 2.0 < doubled.ci_high < 2.16


def test_exposures_make_unequal_periods_comparable():
    same_rate = compare_counts(60, 30, current_exposure=182, reference_exposure=91)
    assert same_rate.rate_ratio == pytest.approx(1.0) and same_rate.p > 0.9
    fewer = compare_counts(30, 60, current_exposure=365, reference_exposure=365)
    assert fewer.percent_change == pytest.approx(-50.0) and fewer.p < 0.01


def test_zero_counts_and_unknown_population():
    assert compare_counts(0, 0).p == 1.0 and compare_counts(0, 0).rate_ratio is None
    only_now = compare_counts(5, 0)
    assert only_now.rate_ratio is None and only_now.ci_high is None and only_now.ci_low > 0
    assert rate_per_1000(45, 15_000) == pytest.approx(3.0)
    assert rate_per_1000(45, None) is None and rate_per_1000(45, 0) is None
    with pytest.raises(ValueError):
        compare_counts(-1, 3)
