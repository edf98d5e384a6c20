"""Aggregate per-sample rows into the points a chart draws.

Rows are grouped by the x and colour columns; each group becomes one point
with its sample count, estimate and confidence interval. A 0/1 (or boolean)
y column is a rate with a Wilson interval; any other numeric column is a mean
with a normal-approximation interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from slidekit.data.stats import normal_interval, wilson_interval
from slidekit.errors import DataError

Measure = Literal["rate", "mean"]


@dataclass(frozen=True)
class PointStats:
    """One aggregated point: the rows sharing an x value and a colour value."""

    x: object
    series: object | None
    n: int
    value: float
    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class Aggregate:
    points: tuple[PointStats, ...]
    measure: Measure
    rows_dropped: int
    """Rows whose y was missing (NaN), left out of every point."""


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
    frame: pd.DataFrame, x: str, y: str, color: str | None = None, level: float = 0.95
) -> Aggregate:
    """Group ``frame`` by ``x`` (and ``color``) and summarise ``y`` per group.

    Groups keep the order in which their values first appear in the data, so
    the chart reads in the order the eval wrote them.
    """
    values = frame[y]
    measure = measure_of(values)
    numeric = values.astype(float) if not _is_boolean(values) else values.map(
        lambda v: float(v) if isinstance(v, bool) else float("nan")
    )
    if not numeric.dropna().map(math.isfinite).all():
        raise DataError("contains infinite values; expected finite numbers")
    keys = [x] if color is None else [x, color]
    present = numeric.notna()
    grouped = (
        numeric[present]
        .groupby([frame.loc[present, k] for k in keys], sort=False, dropna=False)
        .agg(["count", "mean", "std"])
    )
    points = []
    for key, row in grouped.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        n = int(row["count"])
        mean = float(row["mean"])
        if measure == "rate":
            lo, hi = wilson_interval(mean * n, n, level)
        else:
            interval = normal_interval(mean, float(row["std"]), n, level)
            lo, hi = interval if interval else (None, None)
        points.append(
            PointStats(
                x=_plain(key[0]),
                series=_plain(key[1]) if color is not None else None,
                n=n,
                value=mean,
                lo=lo,
                hi=hi,
            )
        )
    return Aggregate(points=tuple(points), measure=measure, rows_dropped=int((~present).sum()))


def _plain(value: object) -> object:
    """numpy scalars -> Python scalars, so plans compare and print plainly."""
    return value.item() if hasattr(value, "item") else value
