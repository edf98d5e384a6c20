"""Confidence intervals and tests for the points a chart draws and the differences it claims.

Pure functions of counts and values, so the numbers on a slide can be checked
by hand (STATISTICS.md gives every formula and its reference): Wilson score
intervals for rates of 0/1 outcomes, Student-t intervals for means (clustered
ones for repeated samples of one question), a seeded percentile bootstrap, and
the paired, Newcombe and Welch intervals of a difference.

Every interval is passed through :func:`contain` last: the formulas are right
on paper but can miss their own estimate by one rounding step (Wilson at
0/n gives a lower bound of 2.8e-17), and a bar must never point the wrong way.
"""

from __future__ import annotations

import math
from statistics import NormalDist


def z_for(level: float) -> float:
    """Two-sided critical value: 1.959964 for a 95% interval."""
    return NormalDist().inv_cdf(0.5 + level / 2)


def contain(value: float, lo: float, hi: float, rate: bool) -> tuple[float, float]:
    """``(lo, hi)`` widened to contain ``value`` and, for a rate, cut to [0, 1].

    After it, ``lo <= value <= hi`` holds exactly (and ``0 <= lo``, ``hi <= 1``
    for rates), whatever rounding the formula did.
    """
    lo, hi = min(lo, value), max(hi, value)
    if rate:
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    return lo, hi


def wilson_interval(successes: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / n``.

    Unlike the normal approximation it stays inside [0, 1] and is sensible at
    0% and 100%, which eval rates often are for some model: there the bound on
    the side of the estimate is the estimate itself, exactly.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    z = z_for(level)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    lo, hi = centre - half, centre + half
    if successes <= 0:
        lo = 0.0
    if successes >= n:
        hi = 1.0
    return contain(min(max(p, 0.0), 1.0), lo, hi, rate=True)


def normal_interval(mean: float, std: float, n: int, level: float = 0.95) -> tuple[float, float] | None:
    """mean +/- z * std / sqrt(n); None when n < 2 (no spread to estimate)."""
    if n < 2 or not math.isfinite(std):
        return None
    half = z_for(level) * std / math.sqrt(n)
    return mean - half, mean + half


def _incomplete_beta_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularized incomplete beta (Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return result


def _stirling_tail(z: float) -> float:
    """lgamma(z) - ((z - 1/2) log z - z + log(2 pi) / 2), to double precision for z >= 1e3."""
    inverse = 1.0 / z
    square = inverse * inverse
    return inverse * (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square / 1680)))


def _log_beta(a: float, b: float) -> float:
    """log B(a, b). With a large argument, lgamma(a + b) - lgamma(b) is taken from Stirling's
    series rather than as a difference of two huge numbers: at df = 1e6 that difference alone
    costs a Student-t p-value 9 of its 16 digits."""
    small, big = min(a, b), max(a, b)
    if big < 1e3:
        return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    # lgamma(big + small) - lgamma(big), from the series of each
    shift = (
        (big - 0.5) * math.log1p(small / big) + small * math.log(big + small) - small
        + _stirling_tail(big + small) - _stirling_tail(big)
    )
    return math.lgamma(small) - shift


def _regularized_beta(a: float, b: float, x: float, complement: float | None = None) -> float:
    """I_x(a, b). ``complement`` is 1 - x when the caller has it exactly (x near 1 loses it)."""
    y = 1.0 - x if complement is None else complement
    if x <= 0:
        return 0.0
    if y <= 0:
        return 1.0
    log_front = a * math.log(x) + b * math.log(y) - _log_beta(a, b)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _incomplete_beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _incomplete_beta_fraction(b, a, y) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    spread = df + t * t
    tail = 0.5 * _regularized_beta(df / 2, 0.5, df / spread, complement=t * t / spread)
    return 1.0 - tail if t >= 0 else tail


def t_for(level: float, df: float) -> float:
    """Two-sided critical value of Student's t: 12.706 for 95% with 1 df, 2.228 with 10."""
    target = 0.5 + level / 2
    low, high = 0.0, 1.0
    while t_cdf(high, df) < target:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, df) < target:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2


def student_t_interval(
    mean: float, std: float, n: int, level: float = 0.95
) -> tuple[float, float] | None:
    """mean +/- t(n-1) * std / sqrt(n): the interval for a mean of few samples; None when n < 2."""
    if n < 2 or not math.isfinite(std):
        return None
    half = t_for(level, n - 1) * std / math.sqrt(n)
    return mean - half, mean + half


def t_p_value(t: float, df: float) -> float:
    """Two-sided p-value of a t statistic: P(|T| >= |t|)."""
    if math.isnan(t):
        return 1.0
    if math.isinf(t):
        return 0.0
    return min(1.0, 2 * t_cdf(-abs(t), df))


def z_p_value(z: float) -> float:
    """Two-sided p-value of a standard-normal statistic."""
    if math.isnan(z):
        return 1.0
    # erfc keeps the far tail's digits; 2 * NormalDist().cdf(-|z|) loses them past |z| = 5.
    return min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def clustered_standard_error(values, clusters) -> tuple[float, int]:
    """The clustered standard error of the mean of ``values``, and the number of clusters.

    As Inspect's ``stderr(cluster=...)`` (Miller 2024, appendix A, with the
    finite-cluster correction C / (C - 1)): sqrt(C / (C - 1) * sum over clusters
    of (sum of the cluster's deviations from the overall mean)^2) / N. With
    one cluster there is no spread to estimate: the error is 0 and the caller
    draws no interval.
    """
    import numpy as np

    data = np.asarray(values, dtype=float)
    codes, cluster_count = _cluster_codes(clusters)
    if cluster_count < 2:
        return 0.0, cluster_count
    deviations = np.bincount(codes, weights=data - data.mean(), minlength=cluster_count)
    variance = float(np.sum(deviations**2)) * cluster_count / (cluster_count - 1)
    return math.sqrt(variance) / len(data), cluster_count


def _cluster_codes(clusters):
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(clusters).astype(str), sort=True)
    return codes, len(uniques)


def clustered_t_interval(values, clusters, level: float = 0.95) -> tuple[tuple[float, float] | None, int]:
    """mean +/- t(C-1) * clustered standard error, as Inspect's ``ci(cluster=...)``; and C."""
    import numpy as np

    se, cluster_count = clustered_standard_error(values, clusters)
    if cluster_count < 2:
        return None, cluster_count
    mean = float(np.mean(np.asarray(values, dtype=float)))
    half = t_for(level, cluster_count - 1) * se
    return (mean - half, mean + half), cluster_count


BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_MIN_N = 20
"""Below this many samples a percentile bootstrap covers the truth far less often than it says
(50-90% for a "95%" interval at n = 2..10): such points get the Student-t interval instead."""


def bootstrap_interval(values, level: float = 0.95, seed: int = 0) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean; the same values and ``seed`` give the same interval.

    The values are sorted first, so the interval does not depend on the order
    of the rows.
    """
    import numpy as np

    data = np.sort(np.asarray(values, dtype=float))
    if len(data) < 2:
        return None
    rng = np.random.default_rng(seed)
    means = np.empty(BOOTSTRAP_RESAMPLES)
    # Resample in chunks so a large group does not allocate resamples x n at once.
    chunk = max(1, 2_000_000 // len(data))
    for start in range(0, BOOTSTRAP_RESAMPLES, chunk):
        stop = min(start + chunk, BOOTSTRAP_RESAMPLES)
        picks = rng.integers(0, len(data), size=(stop - start, len(data)))
        means[start:stop] = data[picks].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)
