"""Change between two periods or two areas, for counts, and rates per 1,000 residents.

The exact conditional Poisson test (Przyborowski & Wileński 1940; Krishnamoorthy & Thomson 2004, "C-test"):
if c1 ~ Poisson(λ1 t1) and c2 ~ Poisson(λ2 t2), then given c1 + c2 = n, c1 ~ Binomial(n, π) with
π = λ1 t1 / (λ1 t1 + λ2 t2). Under equal rates π0 = t1 / (t1 + t2); p is the two-sided exact binomial p
(scipy.stats.binomtest: the sum of probabilities no larger than that of the observed count). The rate ratio
λ1/λ2 = π/(1 − π) · t2/t1 gets its exact CI from the Clopper–Pearson interval of π. Exposures t are what makes
two counts comparable: the length of each period (days), or residents of each area.
"""

from dataclasses import dataclass

from scipy import stats


@dataclass(frozen=True)
class Comparison:
    current: int
    reference: int
    rate_ratio: float | None  # current rate / reference rate; None when the reference count is 0
    ci_low: float | None
    ci_high: float | None
    percent_change: float | None  # 100 (rate_ratio − 1)
    p: float


def compare_counts(current: int, reference: int, *, current_exposure: float = 1.0, reference_exposure: float = 1.0,
                   confidence: float = 0.95) -> Comparison:
    """Test whether the current rate differs from the reference rate (exact conditional Poisson test)."""
    if current < 0 or reference < 0 or current_exposure <= 0 or reference_exposure <= 0:
        raise ValueError("counts must be ≥ 0 and exposures > 0")
    total = current + reference
    if total == 0:
        return Comparison(current, reference, None, None, None, None, 1.0)
    share = current_exposure / (current_exposure + reference_exposure)
    test = stats.binomtest(current, total, share)
    ci = test.proportion_ci(confidence_level=confidence, method="exact")
    scale = reference_exposure / current_exposure
    ratio = _rate_ratio(current / total, scale)
    return Comparison(
        current, reference,
        rate_ratio=ratio,
        ci_low=_rate_ratio(ci.low, scale),
        ci_high=_rate_ratio(ci.high, scale),
        percent_change=100.0 * (ratio - 1.0) if ratio is not None else None,
        p=float(test.pvalue),
    )


def rate_per_1000(count: int, population: int | None) -> float | None:
    """Count per 1,000 residents; None when the population is unknown or zero."""
    if not population:
        return None
    return 1000.0 * count / population


def _rate_ratio(share: float, scale: float) -> float | None:
    """π/(1 − π) · t2/t1; None (infinite) at π = 1."""
    return float(share / (1.0 - share) * scale) if share < 1.0 else None
