"""The effect of a measure: difference-in-differences against a control area, for counts and for indicator values.

A measure's area (treated) and a chosen comparison area (control) are observed over the same equally long
periods (months, quarters, years) before and after the measure started; treated and control series therefore
have the same lengths, before and after may differ. What changed in the control area is what would have
happened in the treated area without the measure ("parallel trends"); the effect is the treated change beyond
it. This holds only when the areas would have moved alike — the pre-trend check tests that on the before
periods, and a page must say that the estimate is an association, not proof.

Counts (`count_effect`), per period: the ratio of rate ratios
    RR = (ΣTa/nTa ÷ ΣTb/nTb) ÷ (ΣCa/nCa ÷ ΣCb/nCb)
on the log scale with variance φ (1/ΣTa + 1/ΣTb + 1/ΣCa + 1/ΣCb). This is the conditional Poisson model: given
the period's total n_t = T_t + C_t, T_t ~ Binomial(n_t, π), logit π = a + log RR · after, whose maximum-likelihood
estimate and Fisher variance are exactly the above; conditioning removes whatever both areas share in a period
(seasons, a common trend, a city-wide shock). The overdispersion φ = max(1, Pearson χ² / (N − 2)) is the Pearson
χ² of the period counts T_t around n_t π̂ in that model, over the N periods with any count (quasi-Poisson;
McCullagh & Nelder 1989, §4.5). Measuring the spread around each area's own mean instead would count the
seasons as noise. CI and two-sided p come from the t distribution with N − 2 degrees of freedom, because φ is
estimated from those residual degrees of freedom (with 3 + 3 periods the normal would be far too narrow).
When one of the four totals is 0, 0.5 is added to each (Haldane–Anscombe) and `continuity_corrected` is set;
when the treated or the control area has no counts at all there is nothing to estimate.
The counterfactual: the treated rate before × the control ratio × the after periods, against the observed ΣTa.
Pre-trend (≥ 4 before periods with a count): weighted least squares of log((T + ½)/(C + ½)) on the period
index with weights 1/(1/(T + ½) + 1/(C + ½)), the residual scale floored at 1 as φ, and a two-sided t test of
the slope (n − 2 df). A small `pretrend_p` warns that the control area may not be a fair comparison.

Indicator values (`value_effect`; rates, survey shares): (mean Ta − mean Tb) − (mean Ca − mean Cb), with the
Welch standard error √Σ s²_g/n_g over the four groups and Satterthwaite's degrees of freedom. A group with a
single value has no variance, so the CI and p are unknown. Pre-trend: ordinary least squares of T − C on the
period index over the before periods (≥ 4).

Verdict: "too_little_data" when counts have fewer than 3 periods before or after (MIN_PERIODS) or fewer than 20
counts in either area (MIN_AREA_COUNT), or when values have a group with a single value; otherwise "decrease"
when the whole CI lies below no effect (RR < 1, difference < 0), "increase" when above, else
"no_clear_change". At 95 % confidence, with no effect, about 5 % of comparisons still say decrease or increase.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import stats

MIN_PERIODS = 3
MIN_AREA_COUNT = 20
MIN_PRETREND_PERIODS = 4
VERDICTS = ("decrease", "increase", "no_clear_change", "too_little_data")


@dataclass(frozen=True)
class Effect:
    kind: str  # "count" or "value"
    treated_before: float  # counts: totals; values: means
    treated_after: float
    control_before: float
    control_after: float
    estimate: float | None  # counts: the ratio of rate ratios RR; values: the difference of differences
    ci_low: float | None
    ci_high: float | None
    p: float | None
    percent: float | None  # counts: 100 (RR − 1); values: None
    percent_low: float | None
    percent_high: float | None
    expected_treated_after: float | None  # without the measure: the treated before × the control change
    observed_treated_after: float  # counts: ΣTa; values: mean Ta
    dispersion: float | None  # counts: φ ≥ 1
    df: float | None  # of the t distribution behind CI and p
    continuity_corrected: bool
    pretrend_p: float | None  # None when not computable
    verdict: str


def count_effect(treated_before: Sequence[float], treated_after: Sequence[float], control_before: Sequence[float],
                 control_after: Sequence[float], *, confidence: float = 0.95) -> Effect:
    """Difference-in-differences of counts per period as a ratio of rate ratios (quasi-Poisson, see module)."""
    tb, ta, cb, ca = _series(treated_before, treated_after, control_before, control_after, confidence)
    if (tb < 0).any() or (ta < 0).any() or (cb < 0).any() or (ca < 0).any():
        raise ValueError("counts must be ≥ 0")
    raw = np.array([tb.sum(), ta.sum(), cb.sum(), ca.sum()])
    pretrend = _count_pretrend(tb, cb)
    effect = partial(Effect, kind="count", treated_before=float(raw[0]), treated_after=float(raw[1]),
                     control_before=float(raw[2]), control_after=float(raw[3]),
                     observed_treated_after=float(raw[1]), pretrend_p=pretrend)
    if raw[0] + raw[1] == 0 or raw[2] + raw[3] == 0:
        return effect(estimate=None, ci_low=None, ci_high=None, p=None, percent=None, percent_low=None,
                      percent_high=None, expected_treated_after=None, dispersion=None, df=None,
                      continuity_corrected=False, verdict="too_little_data")
    corrected = bool((raw == 0).any())
    s_tb, s_ta, s_cb, s_ca = raw + 0.5 if corrected else raw
    nb, na = len(tb), len(ta)
    log_rr = np.log(s_ta / na) - np.log(s_tb / nb) - np.log(s_ca / na) + np.log(s_cb / nb)
    phi, df = _dispersion(np.concatenate([tb, ta]), np.concatenate([cb, ca]),
                          np.r_[np.full(nb, s_tb / (s_tb + s_cb)), np.full(na, s_ta / (s_ta + s_ca))])
    se = np.sqrt(phi * (1 / s_tb + 1 / s_ta + 1 / s_cb + 1 / s_ca))
    low, high, p = _interval(log_rr, se, df, confidence)
    rr, rr_low, rr_high = float(np.exp(log_rr)), float(np.exp(low)), float(np.exp(high))
    enough = nb >= MIN_PERIODS and na >= MIN_PERIODS and min(raw[0] + raw[1], raw[2] + raw[3]) >= MIN_AREA_COUNT
    return effect(estimate=rr, ci_low=rr_low, ci_high=rr_high, p=p, percent=100 * (rr - 1),
                  percent_low=100 * (rr_low - 1), percent_high=100 * (rr_high - 1),
                  expected_treated_after=float(s_tb / nb * na * (s_ca / na) / (s_cb / nb)),
                  dispersion=phi, df=df, continuity_corrected=corrected,
                  verdict=_verdict(enough, rr_low, rr_high, 1.0))


def value_effect(treated_before: Sequence[float], treated_after: Sequence[float], control_before: Sequence[float],
                 control_after: Sequence[float], *, confidence: float = 0.95) -> Effect:
    """Difference-in-differences of the mean indicator values, Welch standard error (see module)."""
    groups = _series(treated_before, treated_after, control_before, control_after, confidence)
    tb, ta, cb, ca = (float(g.mean()) for g in groups)
    diff = (ta - tb) - (ca - cb)
    pretrend = None
    if len(groups[0]) >= MIN_PRETREND_PERIODS:
        gap = groups[0] - groups[2]
        pretrend = 1.0 if np.ptp(gap) == 0 else float(stats.linregress(np.arange(len(gap)), gap).pvalue)
    low = high = p = df = None
    if min(len(g) for g in groups) >= 2:
        terms = np.array([g.var(ddof=1) / len(g) for g in groups])
        se = float(np.sqrt(terms.sum()))
        if se == 0:
            low, high, p = diff, diff, float(diff == 0)
        else:
            df = float(se**4 / sum(t**2 / (len(g) - 1) for t, g in zip(terms, groups, strict=True)))
            low, high, p = _interval(diff, se, df, confidence)
    return Effect(kind="value", treated_before=tb, treated_after=ta, control_before=cb, control_after=ca,
                  estimate=diff, ci_low=low, ci_high=high, p=p, percent=None, percent_low=None, percent_high=None,
                  expected_treated_after=tb + (ca - cb), observed_treated_after=ta, dispersion=None, df=df,
                  continuity_corrected=False, pretrend_p=pretrend, verdict=_verdict(p is not None, low, high, 0.0))


def _series(tb: Sequence[float], ta: Sequence[float], cb: Sequence[float], ca: Sequence[float],
            confidence: float) -> tuple[np.ndarray, ...]:
    """The four series as float arrays; the areas must share their periods, and all values be finite."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie between 0 and 1")
    arrays = tuple(np.asarray(s, dtype=float) for s in (tb, ta, cb, ca))
    if any(a.ndim != 1 or a.size == 0 for a in arrays):
        raise ValueError("each series needs at least one period")
    if len(arrays[0]) != len(arrays[2]) or len(arrays[1]) != len(arrays[3]):
        raise ValueError("treated and control must cover the same periods (equal lengths before, and after)")
    if not all(np.isfinite(a).all() for a in arrays):
        raise ValueError("values must be finite")
    return arrays


def _dispersion(treated: np.ndarray, control: np.ndarray, share: np.ndarray) -> tuple[float, float]:
    """φ = max(1, Pearson χ²/(N − 2)) of T_t ~ Binomial(T_t + C_t, π) over periods with a count, and N − 2."""
    n = treated + control
    used = n > 0
    df = int(used.sum()) - 2
    if df <= 0:
        return 1.0, float("inf")
    n, t, pi = n[used], treated[used], share[used]
    chi2 = float(np.sum((t - n * pi) ** 2 / (n * pi * (1 - pi))))
    return max(1.0, chi2 / df), float(df)


def _count_pretrend(treated: np.ndarray, control: np.ndarray) -> float | None:
    """Two-sided p of the slope of the empirical log ratio over the before periods (weighted, see module)."""
    used = (treated + control) > 0
    n = int(used.sum())
    if n < MIN_PRETREND_PERIODS or treated.sum() == 0 or control.sum() == 0:
        return None
    t, c, x = treated[used] + 0.5, control[used] + 0.5, np.arange(len(treated), dtype=float)[used]
    y, w = np.log(t / c), 1 / (1 / t + 1 / c)
    design = np.column_stack([np.ones(n), x])
    inverse = np.linalg.inv(design.T @ (w[:, None] * design))
    beta = inverse @ design.T @ (w * y)
    scale = max(1.0, float(np.sum(w * (y - design @ beta) ** 2)) / (n - 2))
    z = beta[1] / np.sqrt(scale * inverse[1, 1])
    return float(2 * stats.t.sf(abs(z), n - 2))


def _interval(estimate: float, se: float, df: float, confidence: float) -> tuple[float, float, float]:
    """estimate ± t_{df} · se and the two-sided p of estimate = 0."""
    q = float(stats.t.ppf((1 + confidence) / 2, df))
    return float(estimate - q * se), float(estimate + q * se), float(2 * stats.t.sf(abs(estimate / se), df))


def _verdict(enough: bool, low: float | None, high: float | None, null: float) -> str:
    """decrease / increase when the CI excludes the no-effect value, given enough data (see module)."""
    if not enough or low is None or high is None:
        return "too_little_data"
    if high < null:
        return "decrease"
    if low > null:
        return "increase"
    return "no_clear_change"
