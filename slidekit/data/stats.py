"""Confidence intervals for the points a chart draws.

Pure functions of counts and values, so the numbers on a slide can be checked
by hand: Wilson score intervals for rates of 0/1 outcomes, and the normal
approximation (mean +/- z standard errors) for numeric measurements.
"""

from __future__ import annotations

import math
from statistics import NormalDist


def z_for(level: float) -> float:
    """Two-sided critical value: 1.959964 for a 95% interval."""
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson_interval(successes: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / n``.

    Unlike the normal approximation it stays inside [0, 1] and is sensible at
    0% and 100%, which eval rates often are for some model.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    z = z_for(level)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


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


def _regularized_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _incomplete_beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _incomplete_beta_fraction(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * _regularized_beta(df / 2, 0.5, df / (df + t * t))
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


BOOTSTRAP_RESAMPLES = 2000


def bootstrap_interval(values, level: float = 0.95, seed: int = 0) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean; the same ``seed`` gives the same interval."""
    import numpy as np

    data = np.asarray(values, dtype=float)
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
