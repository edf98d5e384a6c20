"""Aggregate per-sample rows into the points a chart draws.

Rows are grouped by the x and colour columns; each group becomes one point
with its sample count, estimate and confidence interval. A 0/1 (or boolean)
y column is a rate with a Wilson interval; any other numeric column is a mean
with a Student-t interval. With a cluster column (several rows per question,
or Inspect's epochs) the interval is the clustered t interval instead.
Every interval contains its estimate, and a rate's stays inside [0, 1]
(see STATISTICS.md).
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import pandas as pd

from slidekit.data.stats import (
    BOOTSTRAP_MIN_N,
    BOOTSTRAP_RESAMPLES,
    bootstrap_interval,
    clustered_t_interval,
    contain,
    student_t_interval,
    wilson_interval,
    z_for,
)
from slidekit.data.points import (
    BUILT_IN_METHODS, Aggregate, Clustering, ErrorMethod, Measure, PointStats, level_percent,
)
from slidekit.errors import DataError

__all__ = ["BUILT_IN_METHODS", "Aggregate", "Clustering", "PointStats", "aggregate", "measure_of"]

LARGEST_DRAWN = 1e306
"""Values, bounds and errors beyond this are refused: an axis around them overflows to infinity."""
_SCALE_ABOVE = 2.0**500
"""Above this, sums of squares overflow: the numbers are scaled by a power of two (exact) first."""


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
        present = values.dropna()
        flags = [v for v in present if isinstance(v, bool)]
        numbers = [v for v in present if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if flags and numbers and len(flags) + len(numbers) == len(present):
            raise DataError(
                f"mixes true/false ({_rows(len(flags))}, e.g. {flags[0]!r}) with numbers "
                f"({_rows(len(numbers))}, e.g. {numbers[0]!r}); expected one kind: 0/1 or true/false"
            )
        text = [v for v in present if not isinstance(v, (int, float))]
        sample = ", ".join(repr(v) for v in pd.unique(pd.Series(text, dtype=object))[:3])
        among = " among numbers" if numbers or flags else ""
        raise DataError(f"expected numbers or 0/1 values; found text{among} ({sample})")
    present = values.dropna()
    if len(present) and present.isin([0, 1]).all():
        return "rate"
    return "mean"


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")


def aggregate(
    frame: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    level: float = 0.95,
    error: ErrorMethod = "auto",
    n_column: str | None = None,
    cluster: Clustering | None = None,
) -> Aggregate:
    """Group ``frame`` by ``x`` (and ``color``) and summarise ``y`` per group.

    Groups keep the order in which their values first appear in the data, so
    the chart reads in the order the eval wrote them. With ``error`` naming a
    column the table is pre-aggregated: one row per point, its standard error
    in that column (and its sample count in ``n_column``, if given). With
    ``cluster``, each point's interval is the clustered t interval over the
    units of that column.
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
    _refuse_huge(numeric, "values")
    if error not in BUILT_IN_METHODS:
        return _pre_aggregated(frame[present], numeric[present], keys, measure, level, error, n_column,
                               rows_dropped=int((~present).sum()))
    if error == "wilson" and measure != "rate":
        raise DataError("error: wilson needs 0/1 values; this column has other numbers (use t)")
    method = {"auto": "wilson" if measure == "rate" else "t"}.get(error, error)
    if cluster is not None:
        if method in ("wilson", "bootstrap") and error != "auto":
            raise DataError(
                f"error: {error} cannot be clustered; cluster: {cluster.column} draws clustered t "
                "intervals (remove error:, or set it to t)"
            )
        method = "clustered"
        if cluster.column not in frame.columns:
            raise DataError(f"cluster column {cluster.column!r} does not exist")
    # Huge values (beyond 2^500) are scaled by a power of two, which is exact, so the sums
    # of squares behind the spread do not overflow.
    largest = float(numeric[present].abs().max())
    scale = 2.0 ** math.ceil(math.log2(largest)) if largest > _SCALE_ABOVE else 1.0
    scaled = numeric / scale if scale != 1.0 else numeric
    if present.all():
        # The usual case: no row to drop, so no masked copies of 10M-row key columns.
        grouped = scaled.groupby([frame[k] for k in keys], sort=False, dropna=False, observed=True)
    else:
        by = [frame.loc[present, k] for k in keys]
        grouped = scaled[present].groupby(by, sort=False, dropna=False, observed=True)
    summary = grouped.agg(["count", "mean", "std"])
    # Positions, not keys: a blank x (NaN) is a group whose key never equals itself.
    positions = _group_positions(grouped) if method in ("bootstrap", "clustered") else []
    units = None
    if cluster is not None:
        units = frame[cluster.column] if present.all() else frame.loc[present, cluster.column]
    points, notes = [], _Notes()
    for position, (key, row) in enumerate(summary.iterrows()):
        n = int(row["count"])
        mean = float(row["mean"])
        clusters = cluster_size = None
        used = method
        if method == "clustered":
            group_units = units.iloc[positions[position]]
            sizes = group_units.astype(str).value_counts()
            clusters = len(sizes)
            cluster_size = int(sizes.iloc[0]) if sizes.nunique() == 1 else None
            interval, _ = clustered_t_interval(
                grouped.obj.iloc[positions[position]].to_numpy(), group_units.to_numpy(), level
            )
        elif n < 2:
            interval = None  # one sample: nothing to say about its spread
        elif method == "wilson":
            interval = wilson_interval(mean * n, n, level)
        elif method == "t":
            interval = student_t_interval(mean, float(row["std"]), n, level)
        elif method == "bootstrap" and n < BOOTSTRAP_MIN_N:
            used = "t"
            notes.bootstrap_fallback += 1
            interval = student_t_interval(mean, float(row["std"]), n, level)
        elif method == "bootstrap":
            data = grouped.obj.iloc[positions[position]].to_numpy()
            interval = bootstrap_interval(data, level, seed=_seed(key))
        else:
            interval = None
        value = mean * scale
        if interval is not None:
            interval = _bounded(value, interval[0] * scale, interval[1] * scale, measure == "rate", notes)
            notes.count_zero_width(value, interval, measure == "rate", used)
        points.append(_point(key, color, n, value, interval, clusters, cluster_size))
    if scale != 1.0:
        _refuse_huge_points(points)
    single = any(p.n < 2 for p in points) if method != "clustered" else any(
        p.clusters is not None and p.clusters < 2 for p in points)
    return Aggregate(
        points=tuple(points),
        measure=measure,
        rows_dropped=int((~present).sum()),
        method=describe_method(method, level, single, cluster=cluster, points=points, notes=notes),
        zero_width=notes.zero_width,
        cluster=cluster.column if cluster is not None else None,
    )


def _group_positions(grouped) -> list[np.ndarray]:
    """Each group's row positions in the grouped series, in the order ``agg`` lists the groups."""
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    return np.split(order, np.cumsum(np.bincount(codes))[:-1])


class _Notes:
    """What the footer must admit about the intervals: clipping, zero widths, fallbacks."""

    def __init__(self):
        self.clipped = 0
        self.zero_width = 0
        self.bootstrap_fallback = 0

    def count_zero_width(self, value: float, interval: tuple, rate: bool, method: str) -> None:
        # Wilson is wide at 0% and 100% by design; any other method collapses there.
        if rate and method != "wilson" and value in (0.0, 1.0) and interval[0] == interval[1]:
            self.zero_width += 1

    def sentences(self) -> list[str]:
        out = []
        if self.bootstrap_fallback:
            out.append(f"{self.bootstrap_fallback} point(s) with n < {BOOTSTRAP_MIN_N} use the Student-t interval")
        if self.clipped:
            out.append("clipped to 0\u2013100%")
        if self.zero_width:
            out.append(f"{self.zero_width} point(s) at 0% or 100% have a zero-width bar (Wilson would not)")
        return out


def _bounded(value: float, lo: float, hi: float, rate: bool, notes: _Notes) -> tuple[float, float]:
    """The interval containing its value; a rate's cut to [0, 1] (counted, for the footer)."""
    if rate and (lo < 0.0 or hi > 1.0) and not (lo > -1e-12 and hi < 1 + 1e-12):
        notes.clipped += 1
    return contain(value, lo, hi, rate)


def _refuse_huge(numeric: pd.Series, what: str) -> None:
    largest = float(numeric.abs().max()) if len(numeric) else 0.0
    if largest > LARGEST_DRAWN:
        raise DataError(
            f"has {what} up to {largest:.3g}, too large to draw (expected magnitudes up to "
            f"{LARGEST_DRAWN:.0e}); rescale it with a derived column (columns: {{scaled: ... / 1e300}})"
        )


def _refuse_huge_points(points: list[PointStats]) -> None:
    for p in points:
        for bound in (p.lo, p.hi):
            if bound is not None and not abs(bound) <= LARGEST_DRAWN:
                raise DataError(
                    f"has an interval reaching {bound:.3g}, too large to draw (expected magnitudes "
                    f"up to {LARGEST_DRAWN:.0e}); rescale it with a derived column"
                )


def _as_float(values: pd.Series) -> pd.Series:
    if _is_boolean(values) and values.dtype == object:
        return values.map(lambda v: float(v) if isinstance(v, bool) else float("nan"))
    return values.astype(float)


def _seed(key: object) -> int:
    """A seed per point that depends only on the point, not on the order points are drawn in."""
    return zlib.crc32(repr(key).encode())


def _point(key, color, n, value, interval, clusters=None, cluster_size=None) -> PointStats:
    key = key if isinstance(key, tuple) else (key,)
    lo, hi = interval if interval else (None, None)
    return PointStats(
        x=_plain(key[0]),
        series=_plain(key[1]) if color is not None else None,
        n=n,
        value=value,
        lo=lo,
        hi=hi,
        clusters=clusters,
        cluster_size=cluster_size,
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
    _refuse_huge(stderr.dropna(), "standard errors")
    z = z_for(level)
    # A column of proportions (every value in [0, 1]) keeps its intervals there too.
    proportions = bool(((numeric >= 0) & (numeric <= 1)).all())
    points, notes = [], _Notes()
    for index in frame.index:
        key = tuple(frame.at[index, k] for k in keys)
        value = float(numeric[index])
        se = stderr[index]
        interval = None
        if not pd.isna(se):
            interval = _bounded(value, value - z * se, value + z * se, proportions, notes)
            notes.count_zero_width(value, interval, proportions, "column")
        n = None
        if counts_given is not None:
            raw_n = counts_given[index]
            n = None if pd.isna(raw_n) else int(raw_n)
        points.append(_point(key, keys[1] if len(keys) > 1 else None, n, value, interval))
    missing = sum(p.lo is None for p in points)
    parts = [f"{level_percent(level)} interval, \u00b1 {z:.2f} \u00d7 standard error from column {error_column}"]
    if missing:
        parts.append(f"{missing} point(s) with no standard error have no bar")
    method = "; ".join(parts + notes.sentences())
    return Aggregate(tuple(points), measure, rows_dropped, method, pre_aggregated=True,
                     zero_width=notes.zero_width)


def _numbers(values: pd.Series, what: str, one: str) -> pd.Series:
    """``values`` as floats (blank cells NaN); text or infinity is a :class:`DataError`."""
    numbers = pd.to_numeric(values, errors="coerce")
    text = numbers.isna() & values.notna()
    if text.any():
        raise DataError(f"{what} has {_plain(values[text].iloc[0])!r}; expected {one} (a number)")
    if np.isinf(numbers.to_numpy(dtype=float)).any():
        raise DataError(f"{what} has an infinite value; expected {one} (a finite number)")
    return numbers


def describe_method(
    method: str, level: float, has_single_samples: bool, cluster: Clustering | None = None,
    points: list[PointStats] = (), notes: _Notes | None = None,
) -> str:
    """What the error bars mean, in words for a footer."""
    percent = level_percent(level)
    if method == "clustered":
        counts = sorted({p.clusters for p in points if p.clusters is not None})
        many = f"{counts[0]:,}" if len(counts) == 1 else f"{counts[0]:,}\u2013{counts[-1]:,}"
        text = f"{percent} clustered t interval ({many} {cluster.unit})"
    else:
        text = {
            "wilson": f"{percent} Wilson score interval",
            "t": f"{percent} Student-t interval of the mean",
            "bootstrap": f"{percent} bootstrap interval of the mean ({BOOTSTRAP_RESAMPLES:,} resamples, seeded)",
            "none": "none drawn",
        }[method]
    if has_single_samples and method != "none":
        text += f"; points with one of their {cluster.unit} have no bar" if method == "clustered" else (
            "; points with n = 1 have no bar")
    if notes is not None:
        text = "; ".join([text, *notes.sentences()])
    return text


def _plain(value: object) -> object:
    """numpy scalars -> Python scalars, so plans compare and print plainly."""
    return value.item() if hasattr(value, "item") else value
