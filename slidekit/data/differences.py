"""The difference between two conditions: its interval, p-value and minimum detectable effect.

Pure functions of counts and values (no pandas), one per design, each named
in STATISTICS.md with its formula and reference:

- :func:`paired_difference`: the same questions under both conditions; the
  mean of per-pair differences with a Student-t interval (n_pairs - 1 df);
- :func:`rate_difference`: two independent rates; Newcombe's hybrid score
  interval (from the two Wilson intervals) and the pooled two-proportion z-test;
- :func:`mean_difference`: two independent means; Welch's interval and test;
- :func:`clustered_difference`: two independent groups of clustered rows
  (several samples per question); clustered standard errors combined, t with
  min(C_a, C_b) - 1 df.

The minimum detectable effect is the smallest true difference this design
detects with 80% power at the interval's level: (t_(1-alpha/2) + t_power) x SE
(z quantiles for rates), as in Miller 2024, "Adding Error Bars to Evals".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from slidekit.data.stats import (
    clustered_standard_error,
    contain,
    t_for,
    t_p_value,
    wilson_interval,
    z_for,
    z_p_value,
)

POWER = 0.8


@dataclass(frozen=True)
class Difference:
    """b - a for one group of a chart, with what a mentor needs to believe it."""

    estimate: float
    lo: float | None
    hi: float | None
    """The interval's bounds; None when there are too few samples for one (n < 2)."""
    p: float | None
    """Two-sided p-value of "no difference"; None with too few samples."""
    n: int
    """Pairs compared (paired), or rows of both conditions (unpaired)."""
    method: str
    """In words, for the notes: "paired t interval over 40 question_id pairs"."""
    mde: float | None
    """Minimum detectable effect at 80% power (same units as ``estimate``)."""
    paired: bool = False
    n_a: int = 0
    n_b: int = 0
    unmatched: int = 0
    """Pairs seen under only one of the conditions, left out (paired only)."""


def _bounded(estimate: float, lo: float, hi: float, rate: bool) -> tuple[float, float]:
    """A difference of rates lies in [-1, 1]; every interval contains its estimate."""
    lo, hi = contain(estimate, lo, hi, rate=False)
    if rate:
        lo, hi = max(lo, -1.0), min(hi, 1.0)
    return lo, hi


def _mde(se: float, level: float, df: float | None) -> float | None:
    if not math.isfinite(se):
        return None
    if df is None:
        return (z_for(level) + z_for(2 * POWER - 1)) * se
    return (t_for(level, df) + t_for(2 * POWER - 1, df)) * se


def _t_result(estimate, se, df, level, rate, n, method, **extra) -> Difference:
    """Interval estimate +/- t(df) se, t-test p and MDE, the shared tail of the t designs."""
    if df is None or df < 1 or not math.isfinite(se):
        return Difference(estimate, None, None, None, n, method, None, **extra)
    half = t_for(level, df) * se
    lo, hi = _bounded(estimate, estimate - half, estimate + half, rate)
    if se > 0:
        p = t_p_value(estimate / se, df)
    else:  # no spread at all: any difference is certain, none is none; nothing to power
        p = 0.0 if estimate != 0 else 1.0
    return Difference(estimate, lo, hi, p, n, method, _mde(se, level, df) if se > 0 else None, **extra)


def paired_difference(
    differences, level: float = 0.95, rate: bool = False, unmatched: int = 0, pair_name: str = "pairs"
) -> Difference:
    """Mean of per-pair differences (b - a), Student-t interval and paired t-test (scipy's ttest_rel)."""
    values = [float(d) for d in differences]
    n = len(values)
    method = f"paired t interval over {n:,} {pair_name}"
    if n == 0:
        return Difference(math.nan, None, None, None, 0, method, None, paired=True, unmatched=unmatched)
    mean, variance, _ = _mean_and_variance(values)
    if n < 2:
        return Difference(mean, None, None, None, n, method, None, paired=True, n_a=n, n_b=n,
                          unmatched=unmatched)
    se = math.sqrt(variance / n)
    return _t_result(mean, se, n - 1, level, rate, n, method, paired=True, n_a=n, n_b=n,
                     unmatched=unmatched)


def rate_difference(k_a: float, n_a: int, k_b: float, n_b: int, level: float = 0.95) -> Difference:
    """p_b - p_a with Newcombe's hybrid score interval (his method 10) and the pooled z-test p.

    Newcombe (1998), "Interval estimation for the difference between
    independent proportions", Statistics in Medicine 17: lo = d - sqrt((p_b -
    l_b)^2 + (u_a - p_a)^2), hi = d + sqrt((u_b - p_b)^2 + (p_a - l_a)^2), where
    (l, u) are each rate's Wilson interval.
    """
    method = "Newcombe hybrid score interval, pooled z-test"
    if n_a < 1 or n_b < 1:
        return Difference(math.nan, None, None, None, n_a + n_b, method, None, n_a=n_a, n_b=n_b)
    p_a, p_b = k_a / n_a, k_b / n_b
    estimate = p_b - p_a
    l_a, u_a = wilson_interval(k_a, n_a, level)
    l_b, u_b = wilson_interval(k_b, n_b, level)
    lo = estimate - math.sqrt((p_b - l_b) ** 2 + (u_a - p_a) ** 2)
    hi = estimate + math.sqrt((u_b - p_b) ** 2 + (p_a - l_a) ** 2)
    lo, hi = _bounded(estimate, lo, hi, rate=True)
    pooled = (k_a + k_b) / (n_a + n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se_pooled > 0:
        p = z_p_value(estimate / se_pooled)
        mde = _mde(se_pooled, level, None)
    else:  # both 0% or both 100%: the same rate, nothing to detect with
        p, mde = 1.0, None
    return Difference(estimate, lo, hi, p, n_a + n_b, method, mde, n_a=n_a, n_b=n_b)


def _mean_and_variance(values) -> tuple[float, float, int]:
    data = [float(v) for v in values]
    n = len(data)
    if n and min(data) == max(data):
        # Exactly constant: fsum([0.1] * 3) / 3 is 0.10000000000000002 with a spread of 1e-17,
        # which would print as a certain difference of a hair from the value itself.
        return data[0], (0.0 if n > 1 else math.nan), n
    mean = math.fsum(data) / n if n else math.nan
    variance = math.fsum((v - mean) ** 2 for v in data) / (n - 1) if n > 1 else math.nan
    return mean, variance, n


def mean_difference(values_a, values_b, level: float = 0.95, rate: bool = False) -> Difference:
    """mean_b - mean_a with Welch's t interval and test (scipy's ttest_ind, equal_var=False)."""
    mean_a, var_a, n_a = _mean_and_variance(values_a)
    mean_b, var_b, n_b = _mean_and_variance(values_b)
    method = "Welch t interval"
    estimate = mean_b - mean_a
    if n_a < 2 or n_b < 2:
        return Difference(estimate, None, None, None, n_a + n_b, method, None, n_a=n_a, n_b=n_b)
    part_a, part_b = var_a / n_a, var_b / n_b
    se = math.sqrt(part_a + part_b)
    if se > 0:
        df = (part_a + part_b) ** 2 / (part_a**2 / (n_a - 1) + part_b**2 / (n_b - 1))
    else:
        df = n_a + n_b - 2
    return _t_result(estimate, se, df, level, rate, n_a + n_b, method, n_a=n_a, n_b=n_b)


def clustered_difference(
    values_a, clusters_a, values_b, clusters_b, level: float = 0.95, rate: bool = False,
    cluster_name: str = "clusters",
) -> Difference:
    """mean_b - mean_a of two independent clustered groups: SE = sqrt(SE_a^2 + SE_b^2), t(min C - 1)."""
    se_a, c_a = clustered_standard_error(values_a, clusters_a)
    se_b, c_b = clustered_standard_error(values_b, clusters_b)
    mean_a, _, n_a = _mean_and_variance(values_a)
    mean_b, _, n_b = _mean_and_variance(values_b)
    method = f"clustered t interval ({c_a:,} and {c_b:,} {cluster_name})"
    df = min(c_a, c_b) - 1 if min(c_a, c_b) >= 2 else None
    return _t_result(mean_b - mean_a, math.hypot(se_a, se_b), df, level, rate, n_a + n_b, method,
                     n_a=n_a, n_b=n_b)


def holm_adjusted(p_values: list[float | None]) -> list[float | None]:
    """Holm's step-down adjustment (statsmodels' multipletests, method="holm"); None stays None."""
    known = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(known):
        running = max(running, min(1.0, (len(known) - rank) * p))
        adjusted[i] = running
    return adjusted
