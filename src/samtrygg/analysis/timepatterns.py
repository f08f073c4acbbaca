"""When incidents happen: hour × weekday, month, season, and the monthly series with its trend.

Inputs are local (Europe/Stockholm) datetimes or the integer parts taken from them; the caller converts.
Weekday 0 is Monday (ISO order, as in Python's datetime.weekday()). Seasons follow the meteorological
convention used in Swedish reports: winter Dec–Feb (vinter), spring Mar–May (vår), summer Jun–Aug (sommar),
autumn Sep–Nov (höst).

The monthly trend is given two ways:
- linear: ordinary least squares of count on time (scipy.stats.linregress), slope in incidents per month per
  year, with its two-sided p;
- Poisson: log-linear regression log μ_t = a + b t fitted by Newton–Raphson (iteratively reweighted least
  squares), reported as the percent change per year 100 (e^{12 b} − 1). Crime counts are over-dispersed, so
  the standard error is scaled by the Pearson dispersion χ²/(T − 2) when that exceeds 1 (quasi-Poisson;
  McCullagh & Nelder 1989, §4.5) and p is two-sided from the t distribution with T − 2 degrees of freedom.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy import stats

SEASONS = ("winter", "spring", "summer", "autumn")
_SEASON_OF_MONTH = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0])  # index 1..12; December is winter


@dataclass(frozen=True)
class Parts:
    year: np.ndarray
    month: np.ndarray  # 1..12
    weekday: np.ndarray  # 0 = Monday
    hour: np.ndarray  # 0..23


@dataclass(frozen=True)
class MonthlyTrend:
    months: list[tuple[int, int]]  # (year, month), every month from first to last
    counts: np.ndarray
    linear_slope_per_year: float | None  # incidents per month, change per year
    linear_p: float | None
    poisson_percent_per_year: float | None
    poisson_p: float | None
    dispersion: float | None


def parts(moments: Iterable[datetime]) -> Parts:
    """The year, month, weekday and hour of local datetimes."""
    rows = np.array([(m.year, m.month, m.weekday(), m.hour) for m in moments], dtype=np.int64).reshape(-1, 4)
    return Parts(year=rows[:, 0], month=rows[:, 1], weekday=rows[:, 2], hour=rows[:, 3])


def hour_by_weekday(weekday: np.ndarray, hour: np.ndarray) -> np.ndarray:
    """7 × 24 counts: row = weekday (Monday first), column = hour of day."""
    flat = np.asarray(weekday, dtype=np.int64) * 24 + np.asarray(hour, dtype=np.int64)
    return np.bincount(flat, minlength=7 * 24).reshape(7, 24)


def by_month(month: np.ndarray) -> np.ndarray:
    """12 counts, January first."""
    return np.bincount(np.asarray(month, dtype=np.int64) - 1, minlength=12)


def by_season(month: np.ndarray) -> dict[str, int]:
    """Counts per season, keys in SEASONS order (winter = December, January, February)."""
    counts = np.bincount(_SEASON_OF_MONTH[np.asarray(month, dtype=np.int64)], minlength=4)
    return dict(zip(SEASONS, counts.tolist(), strict=True))


def monthly_trend(year: np.ndarray, month: np.ndarray, *, start: tuple[int, int] | None = None,
                  end: tuple[int, int] | None = None) -> MonthlyTrend:
    """Counts for every month from start to end (default: first and last incident), with both trends.
    Fewer than 3 months, or no incidents, give None for the trend figures."""
    index = np.asarray(year, dtype=np.int64) * 12 + np.asarray(month, dtype=np.int64) - 1
    if len(index) == 0 and not (start and end):
        return MonthlyTrend([], np.zeros(0, dtype=np.int64), None, None, None, None, None)
    first = start[0] * 12 + start[1] - 1 if start else int(index.min())
    last = end[0] * 12 + end[1] - 1 if end else int(index.max())
    inside = index[(index >= first) & (index <= last)] - first
    counts = np.bincount(inside, minlength=max(last - first + 1, 0))
    months = [(m // 12, m % 12 + 1) for m in range(first, last + 1)]
    if len(counts) < 3 or counts.sum() == 0:
        return MonthlyTrend(months, counts, None, None, None, None, None)
    t = np.arange(len(counts), dtype=np.float64)
    linear = stats.linregress(t, counts)
    slope, p, dispersion = poisson_trend(counts)
    return MonthlyTrend(months, counts, float(linear.slope * 12), float(linear.pvalue),
                        float(100.0 * np.expm1(12.0 * slope)), p, dispersion)


def poisson_trend(counts: np.ndarray, iterations: int = 50) -> tuple[float, float, float]:
    """(b, p, dispersion) of the quasi-Poisson fit log μ_t = a + b t, t = 0..T−1."""
    y = np.asarray(counts, dtype=np.float64)
    x = np.column_stack([np.ones(len(y)), np.arange(len(y), dtype=np.float64)])
    beta = np.array([np.log(y.mean()), 0.0])
    for _ in range(iterations):
        mu = np.exp(x @ beta)
        step = np.linalg.solve(x.T @ (mu[:, None] * x), x.T @ (y - mu))
        beta += step
        if np.abs(step).max() < 1e-12:
            break
    mu = np.exp(x @ beta)
    dof = len(y) - 2
    dispersion = float(((y - mu) ** 2 / mu).sum() / dof) if dof > 0 else 1.0
    cov = np.linalg.inv(x.T @ (mu[:, None] * x)) * max(dispersion, 1.0)
    t_value = beta[1] / np.sqrt(cov[1, 1])
    p = float(2.0 * stats.t.sf(abs(t_value), df=max(dof, 1)))
    return float(beta[1]), p, dispersion
