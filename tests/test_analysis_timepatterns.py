"""Hour × weekday, months, seasons and the monthly trend."""

from datetime import datetime

import numpy as np
from scipy import optimize

from samtrygg.analysis import timepatterns


def test_parts_and_hour_by_weekday_put_monday_first():
    moments = [datetime(2026, 3, 2, 22, 15), datetime(2026, 3, 8, 3, 0), datetime(2026, 3, 2, 22, 59)]
    parts = timepatterns.parts(moments)  # Monday 2 March, Sunday 8 March
    matrix = timepatterns.hour_by_weekday(parts.weekday, parts.hour)
    assert matrix.shape == (7, 24) and matrix.sum() == 3
    assert matrix[0, 22] == 2 and matrix[6, 3] == 1


def test_months_and_seasons():
    months = np.array([1, 2, 12, 3, 5, 6, 8, 8, 9, 11])
    assert timepatterns.by_month(months).tolist() == [1, 1, 1, 0, 1, 1, 0, 2, 1, 0, 1, 1]
    assert timepatterns.by_season(months) == {"winter": 3, "spring": 2, "summer": 3, "autumn": 2}


def test_monthly_series_fills_empty_months_and_finds_a_rising_trend():
    rng = np.random.default_rng(2)
    months = np.arange(36)
    counts = rng.poisson(20 * np.exp(np.log(1.3) * months / 12))  # +30 % a year
    year = np.repeat(2023 + months // 12, counts)
    month = np.repeat(months % 12 + 1, counts)
    trend = timepatterns.monthly_trend(year, month, start=(2022, 11), end=(2026, 1))
    assert len(trend.counts) == 39 and trend.counts[:2].tolist() == [0, 0] and trend.months[0] == (2022, 11)
    inside = timepatterns.monthly_trend(year, month)
    assert inside.counts.tolist() == counts.tolist()
    assert 20 < inside.poisson_percent_per_year < 40 and inside.poisson_p < 1e-6
    assert inside.linear_slope_per_year > 0 and inside.linear_p < 1e-6


def test_poisson_trend_is_the_maximum_likelihood_fit():
    counts = np.array([5, 9, 4, 12, 8, 15, 11, 9, 14, 20, 13, 18])
    slope, p, dispersion = timepatterns.poisson_trend(counts)
    t = np.arange(len(counts))

    def negative_log_likelihood(beta):
        eta = beta[0] + beta[1] * t
        return np.exp(eta).sum() - (counts * eta).sum()

    best = optimize.minimize(negative_log_likelihood, [1.0, 0.0], method="Nelder-Mead",
                             options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 5000})
    assert abs(slope - best.x[1]) < 1e-5
    assert 0.5 < dispersion < 1.5 and 0 < p < 0.01


def test_flat_series_has_no_significant_trend():
    big = 0
    for seed in range(40):
        counts = np.random.default_rng(seed).negative_binomial(5, 5 / 25, size=24)  # mean 20, over-dispersed
        _, p, _ = timepatterns.poisson_trend(counts)
        big += p < 0.05
    assert big <= 5, big  # nominal 2 of 40
