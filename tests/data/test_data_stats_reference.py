"""slidekit's statistics checked against independent references, over grids of n, k and levels.

References:

- Wilson intervals: ``statsmodels.stats.proportion.proportion_confint(method="wilson")``;
- Student-t quantiles, p-values and intervals: ``scipy.stats.t`` (``ppf``, ``sf``, ``interval``);
- the normal tail: ``scipy.stats.norm.sf``;
- paired and Welch differences: ``scipy.stats.ttest_rel`` / ``ttest_ind(equal_var=False)`` and their
  ``confidence_interval``;
- Newcombe's hybrid score interval: a case worked by hand (Newcombe 1998, example (a)) and
  ``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")``; the pooled z-test:
  ``statsmodels.stats.proportion.proportions_ztest``;
- Holm: ``statsmodels.stats.multitest.multipletests(method="holm")``;
- clustered standard errors and intervals: Inspect's own ``stderr(cluster=...)`` and
  ``ci(cluster=...)`` metrics;
- the percentile bootstrap: its coverage of a known mean, by simulation.

Besides agreement with the references, the hard properties (0 <= lo <= value <= hi <= 1 for
rates, lo <= value <= hi for means) are asserted exactly, with no tolerance.
"""

from __future__ import annotations

import gc
import math
import random
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from slidekit.data.aggregate import aggregate
from slidekit.data.differences import (
    Difference,
    holm_adjusted,
    mean_difference,
    paired_difference,
    rate_difference,
)
from slidekit.data.points import Clustering
from slidekit.data.stats import (
    BOOTSTRAP_MIN_N,
    bootstrap_interval,
    clustered_standard_error,
    clustered_t_interval,
    student_t_interval,
    t_cdf,
    t_for,
    t_p_value,
    wilson_interval,
    z_for,
    z_p_value,
)
from slidekit.errors import DataError

LEVELS = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)
SPREAD = sorted({int(v) for v in np.geomspace(61, 2000, 30)} | {2000})
"""n beyond 60, spread up to 2000."""
N_GRID = list(range(1, 61)) + SPREAD
"""Every n up to 60, then a spread up to 2000."""


def _close(actual: float, expected: float, rel: float = 1e-9, abs_: float = 0.0) -> bool:
    return abs(actual - expected) <= max(rel * abs(expected), abs_)


def _report(failures: list, what: str) -> str:
    shown = "\n".join(map(repr, failures[:15]))
    return f"{len(failures)} {what}; first ones:\n{shown}"


# ---------------------------------------------------------------------------------------------
# 1. Wilson score interval vs statsmodels, and its hard bounds
# ---------------------------------------------------------------------------------------------


def _wilson_cases(ns, seed):
    rng = random.Random(seed)
    for n in ns:
        for k in sorted({0, 1, n - 1, n, rng.randint(0, n)}):
            if 0 <= k <= n:
                yield n, k


@pytest.mark.parametrize(
    ("level", "ns"),
    [(0.95, range(1, 2001))] + [(level, N_GRID) for level in (0.8, 0.99, 0.9999)],
    ids=["0.95-every-n", "0.8", "0.99", "0.9999"],
)
def test_wilson_matches_statsmodels_and_stays_in_bounds(level, ns):
    mismatches, broken = [], []
    for n, k in _wilson_cases(ns, seed=int(level * 1e4)):
        lo, hi = wilson_interval(k, n, level)
        ref_lo, ref_hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
        if not (_close(lo, ref_lo, abs_=1e-9) and _close(hi, ref_hi, abs_=1e-9)):
            mismatches.append((n, k, (lo, hi), (ref_lo, ref_hi)))
        p = k / n
        # Exact, no tolerance.
        if not (0.0 <= lo <= p <= hi <= 1.0):
            broken.append(("order", n, k, lo, hi))
        if (lo == 0.0) != (k == 0):
            broken.append(("lo == 0 iff k == 0", n, k, lo, hi))
        if (hi == 1.0) != (k == n):
            broken.append(("hi == 1 iff k == n", n, k, lo, hi))
    assert not mismatches, _report(mismatches, "Wilson intervals differ from statsmodels")
    assert not broken, _report(broken, "Wilson intervals break 0 <= lo <= k/n <= hi <= 1")


# ---------------------------------------------------------------------------------------------
# 2. Student-t quantiles, p-values and intervals vs scipy
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_t_for_matches_scipy_ppf(level):
    failures = []
    for df in range(1, 501):
        expected = stats.t.ppf(0.5 + level / 2, df)
        actual = t_for(level, df)
        if not _close(actual, expected):
            failures.append((level, df, actual, expected, (actual - expected) / expected))
    assert not failures, _report(failures, "t critical values differ from scipy by more than 1e-9")


T_GRID = [0.0] + [round(0.1 * i, 1) for i in range(1, 100)] + [float(t) for t in range(10, 41)]


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500, 1000, 2.5, 17.3])
def test_t_p_value_matches_scipy_sf(df):
    failures = []
    for t in T_GRID:
        for signed in (t, -t):
            expected = min(1.0, 2 * stats.t.sf(abs(signed), df))
            actual = t_p_value(signed, df)
            # abs floor: below 1e-300 the reference itself is in the subnormals
            if not _close(actual, expected, abs_=1e-300):
                failures.append((signed, df, actual, expected))
            if not 0.0 <= actual <= 1.0:
                failures.append(("out of [0, 1]", signed, df, actual))
    assert not failures, _report(failures, "t p-values differ from 2 * scipy t.sf by more than 1e-9")


@pytest.mark.parametrize("df", [1e4, 1e6])
def test_t_at_huge_df_matches_scipy(df):
    """The same agreement (1e-9) at very many degrees of freedom (a Welch df can be huge)."""
    failures = []
    for level in LEVELS:
        expected = stats.t.ppf(0.5 + level / 2, df)
        actual = t_for(level, df)
        if not _close(actual, expected):
            failures.append(("t_for", level, df, actual, expected, (actual - expected) / expected))
    for t in T_GRID:
        expected = 2 * stats.t.sf(t, df)
        actual = t_p_value(t, df)
        if not _close(actual, min(1.0, expected), abs_=1e-300):
            failures.append(("t_p_value", t, df, actual, expected, (actual - expected) / expected))
    for t in (0.5, 1.0, 1.6448536, 1.96, 3.0):
        expected = stats.t.cdf(t, df)
        actual = t_cdf(t, df)
        if not _close(actual, expected):
            failures.append(("t_cdf", t, df, actual, expected, actual - expected))
    assert not failures, _report(failures, f"values at df = {df:g} differ from scipy by more than 1e-9")


def test_student_t_interval_matches_scipy_interval():
    rng = np.random.default_rng(2)
    failures = []
    for n in list(range(2, 61)) + SPREAD:
        for level in LEVELS:
            mean, std = float(rng.normal(0, 10)), float(rng.exponential(3))
            lo, hi = student_t_interval(mean, std, n, level)
            ref_lo, ref_hi = stats.t.interval(level, n - 1, loc=mean, scale=std / math.sqrt(n))
            if not (_close(lo, ref_lo, abs_=1e-9 * std) and _close(hi, ref_hi, abs_=1e-9 * std)):
                failures.append((mean, std, n, level, (lo, hi), (ref_lo, ref_hi)))
    assert student_t_interval(1.0, 2.0, 1) is None
    assert student_t_interval(1.0, math.nan, 5) is None
    assert not failures, _report(failures, "Student-t intervals differ from scipy")


def test_z_for_matches_scipy():
    for level in LEVELS:
        assert _close(z_for(level), stats.norm.ppf(0.5 + level / 2), rel=1e-12)


def test_z_p_value_tail_matches_scipy():
    """2 * norm.sf(|z|) to 1e-9 relative over z = 0..40 (the p of every rate difference)."""
    failures = []
    for z in T_GRID:
        expected = 2 * stats.norm.sf(z)
        actual = z_p_value(z)
        if not _close(actual, expected, abs_=1e-300):
            failures.append((z, actual, expected))
    assert not failures, _report(failures, "normal p-values differ from 2 * scipy norm.sf")


# ---------------------------------------------------------------------------------------------
# 3. Aggregated rates at 0% and 100%, and constant means
# ---------------------------------------------------------------------------------------------


def _edge_rate_frame() -> pd.DataFrame:
    frames = []
    for n in N_GRID:
        for k in sorted({0, 1, n - 1, n}):
            if 0 <= k <= n:
                y = np.zeros(n, dtype=int)
                y[:k] = 1
                frames.append(pd.DataFrame({"x": f"{n}/{k}", "y": y}))
    return pd.concat(frames, ignore_index=True)


EDGE_RATES = _edge_rate_frame()


@pytest.mark.parametrize("error", ["auto", "wilson", "t", "bootstrap"])
def test_aggregated_rates_at_the_edges_stay_in_bounds(error):
    result = aggregate(EDGE_RATES, "x", "y", error=error)
    assert result.measure == "rate"
    assert len(result.points) == EDGE_RATES["x"].nunique()
    broken = []
    for p in result.points:
        n, k = map(int, p.x.split("/"))
        if p.n != n or not _close(p.value, k / n, rel=1e-15):
            broken.append(("n or value", p))
        if n == 1:
            if p.lo is not None or p.hi is not None:
                broken.append(("n = 1 has an interval", p))
            continue
        # Exact, no tolerance.
        if p.lo is None or p.hi is None or not (0.0 <= p.lo <= p.value <= p.hi <= 1.0):
            broken.append(("0 <= lo <= value <= hi <= 1", p))
    assert not broken, _report(broken, f"points (error: {error}) break the bounds")


CONSTANTS = [0.1, 1e-300, -3.3, 1 / 3, 0.7, 5e-324, 2.2250738585072014e-308, 123456.789, -1e300]


@pytest.mark.parametrize("constant", CONSTANTS)
def test_aggregated_constant_means_contain_their_value(constant):
    ns = list(range(2, 41)) + SPREAD[::3]
    frame = pd.concat([pd.DataFrame({"x": n, "y": [constant] * n}) for n in ns], ignore_index=True)
    broken = []
    for error in ("auto", "t", "bootstrap"):
        result = aggregate(frame, "x", "y", error=error)
        assert result.measure == "mean"
        for p in result.points:
            if not _close(p.value, constant, rel=1e-12):
                broken.append((error, "value", p))
            if p.lo is None or p.hi is None or not (p.lo <= p.value <= p.hi):
                broken.append((error, "lo <= value <= hi", p))
            elif not (_close(p.lo, constant, rel=1e-9) and _close(p.hi, constant, rel=1e-9)):
                broken.append((error, "a constant's interval is (nearly) the point", p))
    assert not broken, _report(broken, f"points of a constant {constant!r} column are wrong")


def test_aggregated_random_means_contain_their_value():
    rng = np.random.default_rng(3)
    frames = []
    for i, n in enumerate(list(range(1, 41)) + SPREAD[::3]):
        scale = 10.0 ** float(rng.integers(-300, 300))
        frames.append(pd.DataFrame({"x": i, "y": rng.normal(1, 1e-3, n) * scale}))
    frame = pd.concat(frames, ignore_index=True)
    # one scale per call: mixing 1e-300 and 1e300 in a column is another test's business
    for error in ("t", "bootstrap"):
        for x, group in frame.groupby("x"):
            p = aggregate(group, "x", "y", error=error).points[0]
            if p.n == 1:
                assert p.lo is None and p.hi is None
            else:
                assert p.lo <= p.value <= p.hi, (error, p)


# ---------------------------------------------------------------------------------------------
# 4. Bootstrap: order, determinism, coverage, small-n fallback
# ---------------------------------------------------------------------------------------------


def _normal_frame(datasets: int, n: int, seed: int, mean: float = 3.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = rng.normal(mean, 2.0, size=(datasets, n))
    return pd.DataFrame({"x": np.repeat(np.arange(datasets), n), "y": data.ravel()})


def _bounds(result) -> dict:
    return {p.x: (p.lo, p.hi) for p in result.points}


def test_bootstrap_ignores_row_order_and_is_deterministic():
    frame = pd.concat(
        [_normal_frame(30, 25, seed=4), _normal_frame(10, 200, seed=5).assign(x=lambda f: f.x + 100),
         EDGE_RATES[EDGE_RATES.x.str.startswith("40/")].assign(y=lambda f: f.y.astype(float))],
        ignore_index=True,
    )
    first = aggregate(frame, "x", "y", error="bootstrap")
    again = aggregate(frame, "x", "y", error="bootstrap")
    assert _bounds(first) == _bounds(again)
    for seed in range(3):
        shuffled = frame.sample(frac=1, random_state=seed)
        # Exact equality of the bounds, point by point.
        assert _bounds(aggregate(shuffled, "x", "y", error="bootstrap")) == _bounds(first)
    values = frame.loc[frame.x == 0, "y"].to_numpy()
    assert bootstrap_interval(values, seed=7) == bootstrap_interval(values[::-1].copy(), seed=7)
    assert bootstrap_interval(values, seed=7) == bootstrap_interval(values, seed=7)
    assert bootstrap_interval(values[:1]) is None


@pytest.mark.parametrize(("n", "datasets"), [(20, 600), (50, 300)])
def test_bootstrap_covers_the_true_mean(n, datasets):
    frame = _normal_frame(datasets, n, seed=n)
    result = aggregate(frame, "x", "y", error="bootstrap")
    assert len(result.points) == datasets
    covered = np.mean([p.lo <= 3.0 <= p.hi for p in result.points])
    assert covered >= 0.90, f"95% bootstrap covered the true mean in {covered:.1%} of {datasets} datasets"
    # A 95% interval that is not absurdly wide either.
    assert covered <= 0.99


def test_bootstrap_below_min_n_is_the_student_t_interval():
    ns = list(range(1, BOOTSTRAP_MIN_N))
    rng = np.random.default_rng(6)
    frame = pd.concat([pd.DataFrame({"x": n, "y": rng.normal(0, 1, n)}) for n in ns], ignore_index=True)
    boot = aggregate(frame, "x", "y", error="bootstrap")
    t = aggregate(frame, "x", "y", error="t")
    assert [(p.x, p.n, p.value, p.lo, p.hi) for p in boot.points] == [
        (p.x, p.n, p.value, p.lo, p.hi) for p in t.points
    ]
    assert "use the Student-t interval" in boot.method
    assert f"{len(ns) - 1} point(s) with n < {BOOTSTRAP_MIN_N}" in boot.method
    # and those intervals are scipy's
    for p in boot.points[1:]:
        group = frame.loc[frame.x == p.x, "y"]
        ref = stats.t.interval(0.95, p.n - 1, loc=group.mean(), scale=stats.sem(group))
        assert _close(p.lo, ref[0], abs_=1e-12) and _close(p.hi, ref[1], abs_=1e-12)
    # at BOOTSTRAP_MIN_N itself the bootstrap is used
    big = aggregate(_normal_frame(1, BOOTSTRAP_MIN_N, seed=8), "x", "y", error="bootstrap")
    assert "Student-t" not in big.method


# ---------------------------------------------------------------------------------------------
# 5. Paired and Welch differences vs scipy
# ---------------------------------------------------------------------------------------------


def _paired_data(rng, n, kind):
    if kind == "binary":
        return rng.integers(0, 2, n).astype(float), rng.integers(0, 2, n).astype(float)
    a = rng.normal(0.5, 1, n)
    return a, 0.6 * a + rng.normal(0.3, 1, n)


def _check_against(result: Difference, statistic_p: float, ci, scale: float, where) -> list:
    problems = []
    if not _close(result.p, statistic_p, abs_=1e-300):
        problems.append(("p", where, result.p, statistic_p))
    if not (_close(result.lo, ci.low, abs_=1e-12 * scale) and _close(result.hi, ci.high, abs_=1e-12 * scale)):
        problems.append(("interval", where, (result.lo, result.hi), (ci.low, ci.high)))
    if not result.lo <= result.estimate <= result.hi:
        problems.append(("contains", where, result))
    return problems


@pytest.mark.parametrize("kind", ["binary", "continuous"])
def test_paired_difference_matches_scipy_ttest_rel(kind):
    failures, compared = [], 0
    for seed in range(15):
        rng = np.random.default_rng(seed)
        for n in (2, 3, 5, 10, 40, 200):
            a, b = _paired_data(rng, n, kind)
            d = b - a
            if np.ptp(d) == 0:
                continue  # zero spread: scipy has no statistic (see the edge-case test)
            for level in (0.8, 0.95, 0.99):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    ref = stats.ttest_rel(b, a)
                result = paired_difference(d, level=level)
                assert result.n == n and result.paired
                assert _close(result.estimate, float(np.mean(d)), abs_=1e-15)
                failures += _check_against(result, ref.pvalue, ref.confidence_interval(level),
                                           float(np.std(d)), (seed, n, level))
                compared += 1
    assert compared > 200
    assert not failures, _report(failures, "paired differences differ from scipy ttest_rel")


@pytest.mark.parametrize("kind", ["binary", "continuous"])
def test_mean_difference_matches_scipy_welch(kind):
    failures, compared = [], 0
    for seed in range(15):
        rng = np.random.default_rng(100 + seed)
        for n_a, n_b in ((2, 2), (2, 3), (3, 5), (5, 10), (10, 40), (40, 200), (200, 7)):
            if kind == "binary":
                a = rng.integers(0, 2, n_a).astype(float)
                b = rng.integers(0, 2, n_b).astype(float)
            else:
                a = rng.normal(0, 1, n_a)
                b = rng.normal(0.4, 3, n_b)
            if np.ptp(a) == 0 and np.ptp(b) == 0:
                continue
            for level in (0.8, 0.95, 0.99):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    ref = stats.ttest_ind(b, a, equal_var=False)
                result = mean_difference(a, b, level=level)
                assert (result.n_a, result.n_b) == (n_a, n_b)
                failures += _check_against(result, ref.pvalue, ref.confidence_interval(level),
                                           float(np.std(np.r_[a, b])), (seed, n_a, n_b, level))
                compared += 1
    assert compared > 200
    assert not failures, _report(failures, "Welch differences differ from scipy ttest_ind")


@pytest.mark.parametrize("constant", [0.0, 0.5, -2.0, 1.0, 0.1, 1 / 3, -0.7, 0.2, 123.456])
def test_paired_difference_with_zero_spread_is_the_point(constant):
    """All differences equal: no spread, so the interval is the point and p is 0 (or 1 at 0)."""
    failures = []
    for n in range(2, 80):
        result = paired_difference([constant] * n)
        expected_p = 0.0 if constant != 0 else 1.0
        if not (result.lo == result.hi == result.estimate and result.p == expected_p and result.mde is None):
            failures.append((n, result.estimate, result.lo, result.hi, result.p, result.mde))
        if not _close(result.estimate, constant, rel=1e-15):
            failures.append(("estimate", n, result.estimate))
    assert not failures, _report(failures, f"zero-spread paired differences of {constant!r} (n, estimate, lo, hi, p, mde)")


@pytest.mark.parametrize(("value_a", "value_b"), [(0.0, 1.0), (0.5, 0.5), (0.25, 0.35), (1.0, 1 / 3), (2.0, -0.7)])
def test_mean_difference_with_zero_spread_is_the_point(value_a, value_b):
    failures = []
    for n in range(2, 60):
        result = mean_difference([value_a] * n, [value_b] * (n + 1))
        expected_p = 0.0 if result.estimate != 0 else 1.0
        if not (result.lo == result.hi == result.estimate and result.p == expected_p):
            failures.append((n, result.estimate, result.lo, result.hi, result.p))
    assert not failures, _report(failures, f"zero-spread Welch differences {value_a!r} vs {value_b!r} (n, estimate, lo, hi, p)")


def test_differences_of_one_sample_have_no_interval():
    single = paired_difference([0.4])
    assert (single.estimate, single.lo, single.hi, single.p, single.n) == (0.4, None, None, None, 1)
    for a, b in (([1.0], [2.0, 3.0]), ([1.0, 2.0], [3.0]), ([1.0], [2.0])):
        result = mean_difference(a, b)
        assert result.lo is None and result.hi is None and result.p is None
        assert result.estimate == pytest.approx(np.mean(b) - np.mean(a))
    empty = paired_difference([])
    assert math.isnan(empty.estimate) and empty.lo is None


# ---------------------------------------------------------------------------------------------
# 6. Newcombe's hybrid score interval and the pooled z-test
# ---------------------------------------------------------------------------------------------


def test_newcombe_hand_computed_example():
    """Newcombe (1998), example (a): 56/70 vs 48/80, method 10 gives 0.0524 to 0.3339.

    rate_difference(k_a, n_a, k_b, n_b) is p_b - p_a, so a = 48/80 = 0.6 and b = 56/70 = 0.8,
    d = 0.2 (the paper's difference is 0.2000). z = 1.959964, z^2 = 3.841459.

    Wilson for b = 56/70: z^2/n = 0.054878, denominator 1.054878,
      centre = (0.8 + 0.027439) / 1.054878 = 0.784393,
      half = z * sqrt(0.16/70 + 3.841459/19600) / 1.054878 = z * sqrt(0.0024817) / 1.054878 = 0.092560
      -> (l_b, u_b) = (0.691834, 0.876953)
    Wilson for a = 48/80: z^2/n = 0.048018, denominator 1.048018,
      centre = (0.6 + 0.024009) / 1.048018 = 0.595418,
      half = z * sqrt(0.24/80 + 3.841459/25600) / 1.048018 = z * sqrt(0.0031501) / 1.048018 = 0.104964
      -> (l_a, u_a) = (0.490455, 0.700382)
    lo = d - sqrt((p_b - l_b)^2 + (u_a - p_a)^2) = 0.2 - sqrt(0.011700 + 0.010076) = 0.2 - 0.147569
       = 0.052431
    hi = d + sqrt((u_b - p_b)^2 + (p_a - l_a)^2) = 0.2 + sqrt(0.005922 + 0.012000) = 0.2 + 0.133873
       = 0.333873
    Pooled z: p = 104/150 = 0.693333, se = sqrt(0.693333 * 0.306667 * (1/70 + 1/80)) = 0.075467,
      z = 0.2 / 0.075467 = 2.650172, p = 2 * (1 - Phi(2.650172)) = 0.00805.
    """
    result = rate_difference(48, 80, 56, 70)
    assert result.estimate == pytest.approx(0.2, abs=1e-12)
    assert result.lo == pytest.approx(0.052431, abs=1e-6)
    assert result.hi == pytest.approx(0.333873, abs=1e-6)
    assert round(result.lo, 4) == 0.0524 and round(result.hi, 4) == 0.3339  # as printed in the paper
    assert result.p == pytest.approx(0.00805, abs=1e-5)
    assert (result.n, result.n_a, result.n_b) == (150, 80, 70)
    # the other order is the mirror image
    mirror = rate_difference(56, 70, 48, 80)
    assert (mirror.lo, mirror.hi) == pytest.approx((-result.hi, -result.lo), abs=1e-15)


def _count_grid(seed: int, cases: int):
    rng = np.random.default_rng(seed)
    for _ in range(cases):
        n_a, n_b = (int(v) for v in rng.integers(1, 400, 2))
        yield int(rng.integers(0, n_a + 1)), n_a, int(rng.integers(0, n_b + 1)), n_b
    for n in (1, 2, 3, 5, 10, 50, 333):
        for k_a in sorted({0, 1, n - 1, n}):
            for k_b in sorted({0, 1, n - 1, n}):
                yield k_a, n, k_b, n + 7 if k_b == n else n


def test_rate_difference_matches_statsmodels_newcombe_and_ztest():
    interval_failures, p_failures = [], []
    for k_a, n_a, k_b, n_b in _count_grid(seed=9, cases=1000):
        for level in (0.8, 0.95, 0.99):
            result = rate_difference(k_a, n_a, k_b, n_b, level)
            ref_lo, ref_hi = confint_proportions_2indep(
                k_b, n_b, k_a, n_a, method="newcomb", compare="diff", alpha=1 - level
            )
            if not (_close(result.lo, ref_lo, abs_=1e-12) and _close(result.hi, ref_hi, abs_=1e-12)):
                interval_failures.append((k_a, n_a, k_b, n_b, level, (result.lo, result.hi), (ref_lo, ref_hi)))
        if k_a + k_b in (0, n_a + n_b):
            assert result.p == 1.0 and result.mde is None
            continue
        _, ref_p = proportions_ztest([k_b, k_a], [n_b, n_a])
        # 1e-9 relative while p is large enough to matter on a slide; the far tail
        # is test_z_p_value_tail_matches_scipy's business.
        if not _close(result.p, ref_p, abs_=1e-15):
            p_failures.append((k_a, n_a, k_b, n_b, result.p, ref_p))
    assert not interval_failures, _report(interval_failures, "Newcombe intervals differ from statsmodels")
    assert not p_failures, _report(p_failures, "pooled z-test p differ from statsmodels proportions_ztest")


def test_rate_difference_at_the_edges_stays_in_bounds():
    broken = []
    for n_a in N_GRID[::2]:
        for n_b in (1, 2, 7, n_a, 2 * n_a + 1, 2000):
            for k_a in {0, n_a}:
                for k_b in {0, n_b, n_b // 2}:
                    for level in (0.8, 0.95, 0.9999):
                        r = rate_difference(k_a, n_a, k_b, n_b, level)
                        # Exact, no tolerance.
                        if not (-1.0 <= r.lo <= r.estimate <= r.hi <= 1.0):
                            broken.append((k_a, n_a, k_b, n_b, level, r.lo, r.estimate, r.hi))
                        if not 0.0 <= r.p <= 1.0:
                            broken.append(("p", k_a, n_a, k_b, n_b, r.p))
    assert not broken, _report(broken, "rate differences break -1 <= lo <= d <= hi <= 1")


# ---------------------------------------------------------------------------------------------
# 7. Holm vs statsmodels
# ---------------------------------------------------------------------------------------------


def test_holm_matches_statsmodels(monkeypatch):
    # multipletests runs gc.collect() on every call (seconds, in a full test process)
    monkeypatch.setattr(gc, "collect", lambda *args: 0)
    rng = np.random.default_rng(10)
    for trial in range(400):
        m = int(rng.integers(1, 30))
        p = rng.random(m) ** rng.uniform(0.5, 4)
        if trial % 3 == 0:
            p = np.round(p, 2)  # ties
        if trial % 7 == 0:
            p[rng.integers(0, m)] = 0.0
            p[rng.integers(0, m)] = 1.0
        values: list[float | None] = [float(v) for v in p]
        for i in rng.choice(m, size=int(rng.integers(0, m)), replace=False):
            values[i] = None
        adjusted = holm_adjusted(values)
        assert len(adjusted) == m
        assert [i for i, v in enumerate(adjusted) if v is None] == [i for i, v in enumerate(values) if v is None]
        known = [i for i, v in enumerate(values) if v is not None]
        if not known:
            continue
        expected = multipletests([values[i] for i in known], method="holm")[1]
        for i, e in zip(known, expected):
            assert adjusted[i] == pytest.approx(e, rel=1e-12, abs=1e-15), (trial, values)
            assert values[i] <= adjusted[i] <= 1.0
    assert holm_adjusted([]) == []
    assert holm_adjusted([None, None]) == [None, None]


# ---------------------------------------------------------------------------------------------
# 8. Clustered standard errors and intervals vs Inspect's own metrics
# ---------------------------------------------------------------------------------------------


def _clustered_data(rng, clusters: int, kind: str):
    sizes = rng.integers(1, 9, clusters)
    ids = np.repeat(np.arange(clusters), sizes)
    if kind == "binary":
        rates = np.clip(rng.beta(2, 2, clusters), 0, 1)
        values = (rng.random(len(ids)) < np.repeat(rates, sizes)).astype(float)
    else:
        values = rng.normal(0, 1, len(ids)) + np.repeat(rng.normal(0, 2, clusters), sizes)
    order = rng.permutation(len(ids))  # clusters interleaved, not in blocks
    return values[order], ids[order]


def _inspect(values, ids, level):
    from inspect_ai.scorer import SampleScore, Score, ci, stderr

    scores = [
        SampleScore(score=Score(value=float(v)), sample_id=i, sample_metadata={"q": int(c)})
        for i, (v, c) in enumerate(zip(values, ids))
    ]
    bounds = ci(level=level, cluster="q")(scores)
    return stderr(cluster="q")(scores), (bounds["lower"], bounds["upper"])


@pytest.mark.parametrize("clusters", [2, 3, 10, 40])
def test_clustered_stderr_and_interval_match_inspect(clusters):
    failures = []
    for seed in range(8):
        rng = np.random.default_rng(1000 * clusters + seed)
        for kind in ("binary", "continuous"):
            values, ids = _clustered_data(rng, clusters, kind)
            for level in (0.8, 0.95, 0.99):
                ref_se, (ref_lo, ref_hi) = _inspect(values, ids, level)
                se, count = clustered_standard_error(values, ids)
                (lo, hi), count_t = clustered_t_interval(values, ids, level)
                assert count == count_t == clusters
                if not (_close(se, ref_se, abs_=1e-12) and _close(lo, ref_lo, abs_=1e-12)
                        and _close(hi, ref_hi, abs_=1e-12)):
                    failures.append((seed, kind, level, (se, lo, hi), (ref_se, ref_lo, ref_hi)))
    assert not failures, _report(failures, "clustered results differ from Inspect's stderr/ci")


def test_one_cluster_has_no_interval():
    se, count = clustered_standard_error([0.0, 1.0, 1.0], ["a", "a", "a"])
    assert (se, count) == (0.0, 1)
    assert clustered_t_interval([0.0, 1.0, 1.0], ["a", "a", "a"]) == (None, 1)


def test_aggregate_clustered_rates_match_inspect_ci_clipped():
    rng = np.random.default_rng(11)
    frames, expected = [], {}
    for model, clusters in enumerate((2, 3, 10, 40, 40, 10)):
        values, ids = _clustered_data(rng, clusters, "binary")
        if model == 4:
            values = np.ones_like(values)  # 100% with every cluster: a zero-width bar at 1
        frames.append(pd.DataFrame({"model": f"m{model}", "q": ids, "y": values.astype(int)}))
        _, (lo, hi) = _inspect(values, ids, 0.9)
        mean = float(np.mean(values))
        expected[f"m{model}"] = (mean, max(min(lo, mean), 0.0), min(max(hi, mean), 1.0), clusters)
    frame = pd.concat(frames, ignore_index=True)
    result = aggregate(frame, "model", "y", level=0.9, cluster=Clustering("q", "questions"))
    assert result.measure == "rate" and result.cluster == "q"
    assert [p.x for p in result.points] == list(expected)
    for p in result.points:
        mean, lo, hi, clusters = expected[p.x]
        assert p.clusters == clusters
        assert p.value == pytest.approx(mean, abs=1e-15)
        assert p.lo == pytest.approx(lo, abs=1e-12) and p.hi == pytest.approx(hi, abs=1e-12), p
        assert 0.0 <= p.lo <= p.value <= p.hi <= 1.0
    assert "clustered t interval" in result.method


# ---------------------------------------------------------------------------------------------
# 9. Huge values
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "values"),
    [
        (1e300, [1.0, 2.0, 3.0, 4.0]),
        (-1e300, [1.0, 2.0, 3.0, 4.0]),
        (1e300, [0.5, 0.5001, 0.4999]),
        (1e200, list(np.random.default_rng(12).normal(5, 1, 50))),
        (3e160, [1.0, 7.0, 2.0, 8.0, 1.0]),
        (1e305, [1.0, 2.0, 2.5]),
    ],
)
def test_huge_values_have_the_right_mean_and_t_interval(unit, values):
    frame = pd.DataFrame({"x": "a", "y": [v * unit for v in values]})
    point = aggregate(frame, "x", "y").points[0]
    scaled = np.array(values)  # the values divided by unit, exactly as written
    lo, hi = stats.t.interval(0.95, len(values) - 1, loc=scaled.mean(), scale=stats.sem(scaled))
    lo, hi = sorted((lo * unit, hi * unit))
    assert point.n == len(values)
    assert point.value == pytest.approx(scaled.mean() * unit, rel=1e-9)
    assert point.lo == pytest.approx(lo, rel=1e-9)
    assert point.hi == pytest.approx(hi, rel=1e-9)
    assert point.lo <= point.value <= point.hi


@pytest.mark.parametrize(
    "values",
    [[1e308, 1e308], [1e308, 1.5e308, 1.7e308], [-1.2e308, 0.0, 1.0], [1e307, 2e307]],
)
def test_values_near_the_float_limit_are_refused(values):
    frame = pd.DataFrame({"x": "a", "y": values})
    for error in ("auto", "t", "bootstrap"):
        with pytest.raises(DataError, match="too large"):
            aggregate(frame, "x", "y", error=error)


def test_intervals_beyond_the_drawable_range_are_refused():
    # values under the limit, but t(1) * s / sqrt(2) reaches about 5.7e306
    frame = pd.DataFrame({"x": "a", "y": [1e305, 1e306]})
    with pytest.raises(DataError, match="too large"):
        aggregate(frame, "x", "y")
