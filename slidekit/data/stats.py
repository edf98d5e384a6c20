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
