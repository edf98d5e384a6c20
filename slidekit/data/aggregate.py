"""Aggregate per-sample rows into the points a chart draws.

Rows are grouped by the x and colour columns; each group becomes one point
with its sample count, estimate and confidence interval. A 0/1 (or boolean)
y column is a rate with a Wilson interval; any other numeric column is a mean
with a normal-approximation interval.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from slidekit.data.stats import (
    BOOTSTRAP_RESAMPLES,
    bootstrap_interval,
    student_t_interval,
    wilson_interval,
    z_for,
)
from slidekit.data.points import BUILT_IN_METHODS, Aggregate, ErrorMethod, Measure, PointStats
from slidekit.errors import DataError

__all__ = ["BUILT_IN_METHODS", "Aggregate", "PointStats", "aggregate", "measure_of"]

def _is_boolean(values: pd.Series) -> bool:
    """True/False values, also when missing ones made pandas store them as objects."""
    if pd.api.types.is_bool_dtype(values):
        return True
    if values.dtype != object:
        return False
    present = values.dropna()
    return len(present) > 0 and all(isinstance(v, bool) for v in present)


def measure_of(values: pd.Series) -> Measure:
    """``rate`` for 0/1 or boolean values, ``mean`` for other numbers."""
    if _is_boolean(values):
        return "rate"
    if not pd.api.types.is_numeric_dtype(values):
        sample = ", ".join(repr(v) for v in values.dropna().unique()[:3])
        raise DataError(f"expected numbers or 0/1 values; found text ({sample})")
    present = values.dropna()
    if len(present) and present.isin([0, 1]).all():
        return "rate"
    return "mean"


def aggregate(
    frame: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    level: float = 0.95,
    error: ErrorMethod = "auto",
    n_column: str | None = None,
) -> Aggregate:
    """Group ``frame`` by ``x`` (and ``color``) and summarise ``y`` per group.

    Groups keep the order in which their values first appear in the data, so
    the chart reads in the order the eval wrote them. With ``error`` naming a
    column the table is pre-aggregated: one row per point, its standard error
    in that column (and its sample count in ``n_column``, if given).
    """
    values = frame[y]
    measure = measure_of(values)
    numeric = _as_float(values)
    if np.isinf(numeric.to_numpy()).any():
        raise DataError("contains infinite values; expected finite numbers")
    keys = [x] if color is None else [x, color]
    present = numeric.notna()
    if not present.any():
        raise DataError(f"has no values: all {len(frame):,} rows are empty (NaN); expected numbers")
    if error not in BUILT_IN_METHODS:
        return _pre_aggregated(frame[present], numeric[present], keys, measure, level, error, n_column,
                               rows_dropped=int((~present).sum()))
    if error == "wilson" and measure != "rate":
        raise DataError("error: wilson needs 0/1 values; this column has other numbers (use t)")
    method = {"auto": "wilson" if measure == "rate" else "t"}.get(error, error)
    if present.all():
        # The usual case: no row to drop, so no masked copies of 10M-row key columns.
        grouped = numeric.groupby([frame[k] for k in keys], sort=False, dropna=False, observed=True)
    else:
        by = [frame.loc[present, k] for k in keys]
        grouped = numeric[present].groupby(by, sort=False, dropna=False, observed=True)
    summary = grouped.agg(["count", "mean", "std"])
    samples = dict(iter(grouped)) if method == "bootstrap" else {}
    points = []
    for key, row in summary.iterrows():
        n = int(row["count"])
        mean = float(row["mean"])
        if n < 2:
            interval = None  # one sample: nothing to say about its spread
        elif method == "wilson":
            interval = wilson_interval(mean * n, n, level)
        elif method == "t":
            interval = student_t_interval(mean, float(row["std"]), n, level)
        elif method == "bootstrap":
            group = samples[key] if key in samples else samples[(key,)]
            interval = bootstrap_interval(group.to_numpy(), level, seed=_seed(key))
        else:
            interval = None
        points.append(_point(key, color, n, mean, interval))
    return Aggregate(
        points=tuple(points),
        measure=measure,
        rows_dropped=int((~present).sum()),
        method=describe_method(method, level, any(p.n < 2 for p in points)),
    )


def _as_float(values: pd.Series) -> pd.Series:
    if _is_boolean(values) and values.dtype == object:
        return values.map(lambda v: float(v) if isinstance(v, bool) else float("nan"))
    return values.astype(float)


def _seed(key: object) -> int:
    """A seed per point that depends only on the point, not on the order points are drawn in."""
    return zlib.crc32(repr(key).encode())


def _point(key, color, n, value, interval) -> PointStats:
    key = key if isinstance(key, tuple) else (key,)
    lo, hi = interval if interval else (None, None)
    return PointStats(
        x=_plain(key[0]),
        series=_plain(key[1]) if color is not None else None,
        n=n,
        value=value,
        lo=lo,
        hi=hi,
    )


def _pre_aggregated(
    frame: pd.DataFrame, numeric: pd.Series, keys: list[str], measure: Measure, level: float,
    error_column: str, n_column: str | None, rows_dropped: int,
) -> Aggregate:
    if error_column not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        raise DataError(f"error column {error_column!r} does not exist (columns: {columns})")
    stderr = _numbers(frame[error_column], f"error column {error_column!r}", "a standard error")
    if (stderr < 0).any():
        bad = frame.loc[stderr < 0, error_column].iloc[0]
        raise DataError(f"error column {error_column!r} has a negative standard error ({bad})")
    counts_given = None
    if n_column is not None:
        counts_given = _numbers(frame[n_column], f"n column {n_column!r}", "a sample count")
        wrong = counts_given.notna() & ((counts_given < 0) | (counts_given % 1 != 0))
        if wrong.any():
            bad = _plain(frame.loc[wrong, n_column].iloc[0])
            raise DataError(f"n column {n_column!r} has {bad!r}; expected a whole number of samples (0 or more)")
    counts = frame.groupby(keys, sort=False, dropna=False, observed=True).size()
    if (counts > 1).any():
        key = counts[counts > 1].index[0]
        raise DataError(
            f"error: {error_column} needs one row per point; found {counts.max()} rows for "
            f"{', '.join(f'{k}={v}' for k, v in zip(keys, key if isinstance(key, tuple) else (key,)))}"
        )
    z = z_for(level)
    points = []
    for index in frame.index:
        key = tuple(frame.at[index, k] for k in keys)
        value = float(numeric[index])
        se = stderr[index]
        interval = None if pd.isna(se) else (value - z * se, value + z * se)
        n = None
        if counts_given is not None:
            raw_n = counts_given[index]
            n = None if pd.isna(raw_n) else int(raw_n)
        points.append(_point(key, keys[1] if len(keys) > 1 else None, n, value, interval))
    missing = sum(p.lo is None for p in points)
    method = f"{level:.0%} interval, \u00b1 {z:.2f} \u00d7 standard error from column {error_column}"
    if missing:
        method += f"; {missing} point(s) with no standard error have no bar"
    return Aggregate(tuple(points), measure, rows_dropped, method, pre_aggregated=True)


def _numbers(values: pd.Series, what: str, one: str) -> pd.Series:
    """``values`` as floats (blank cells NaN); text or infinity is a :class:`DataError`."""
    numbers = pd.to_numeric(values, errors="coerce")
    text = numbers.isna() & values.notna()
    if text.any():
        raise DataError(f"{what} has {_plain(values[text].iloc[0])!r}; expected {one} (a number)")
    if np.isinf(numbers.to_numpy(dtype=float)).any():
        raise DataError(f"{what} has an infinite value; expected {one} (a finite number)")
    return numbers


def describe_method(method: str, level: float, has_single_samples: bool) -> str:
    """What the error bars mean, in words for a footer."""
    percent = f"{level:.0%}" if (level * 100).is_integer() else f"{level:.1%}"
    text = {
        "wilson": f"{percent} Wilson score interval",
        "t": f"{percent} Student-t interval of the mean",
        "bootstrap": f"{percent} bootstrap interval of the mean ({BOOTSTRAP_RESAMPLES:,} resamples, seeded)",
        "none": "none drawn",
    }[method]
    if has_single_samples and method != "none":
        text += "; points with n = 1 have no bar"
    return text


def _plain(value: object) -> object:
    """numpy scalars -> Python scalars, so plans compare and print plainly."""
    return value.item() if hasattr(value, "item") else value
