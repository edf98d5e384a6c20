"""A chart's ``compare:``: the difference b - a in each group, from the chart's rows.

The statistics are in :mod:`slidekit.data.differences`; this module picks the
rows: the two conditions of one group, matched by the pair column when there
is one (several rows per pair, e.g. seeds, are averaged first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from slidekit.data.aggregate import Clustering, measure_of
from slidekit.data.differences import (
    Difference,
    clustered_difference,
    mean_difference,
    paired_difference,
    rate_difference,
)
from slidekit.errors import DataError


@dataclass(frozen=True)
class Contrast:
    """What to compare: rows where ``column`` is ``a`` against rows where it is ``b``."""

    column: str
    a: object
    b: object
    pair: str | None = None
    pair_unit: str = "pairs"
    """The pairs in words, plural: "questions"."""


def differences(
    frame: pd.DataFrame, y: str, contrast: Contrast, group: str | None, level: float = 0.95,
    cluster: Clustering | None = None,
) -> list[tuple[object, Difference]]:
    """(group value, difference) for each value of ``group`` (one entry, None, without a group).

    Rows without a ``y`` value are left out, as the chart leaves them out.
    """
    values = frame[y]
    rate = measure_of(values) == "rate"
    numeric = pd.to_numeric(values.map(lambda v: float(v) if isinstance(v, bool) else v), errors="coerce")
    keep = numeric.notna()
    columns = [contrast.column] + ([group] if group else []) + ([contrast.pair] if contrast.pair else [])
    columns += [cluster.column] if cluster is not None and cluster.column not in columns else []
    rows = frame.loc[keep, list(dict.fromkeys(columns))].assign(_y=numeric[keep].astype(float))
    if contrast.pair and rows[contrast.pair].isna().any():
        blank = int(rows[contrast.pair].isna().sum())
        raise DataError(f"pair column {contrast.pair!r} is blank in {blank:,} row(s); expected a pair id in every row")
    groups = [(None, rows)] if group is None else list(rows.groupby(group, sort=False, dropna=False))
    found = []
    for key, part in groups:
        side_a = part[part[contrast.column].map(lambda v: _same(v, contrast.a))]
        side_b = part[part[contrast.column].map(lambda v: _same(v, contrast.b))]
        found.append((_plain(key), _difference(side_a, side_b, contrast, level, rate, cluster)))
    return found


def _difference(side_a, side_b, contrast: Contrast, level, rate, cluster) -> Difference:
    if contrast.pair:
        mean_a = side_a.groupby(contrast.pair, sort=True)["_y"].mean()
        mean_b = side_b.groupby(contrast.pair, sort=True)["_y"].mean()
        both = mean_a.index.intersection(mean_b.index)
        unmatched = len(mean_a.index.symmetric_difference(mean_b.index))
        return paired_difference(
            (mean_b[both] - mean_a[both]).to_numpy(), level, rate, unmatched, contrast.pair_unit
        )
    if cluster is not None:
        return clustered_difference(
            side_a["_y"].to_numpy(), side_a[cluster.column].to_numpy(),
            side_b["_y"].to_numpy(), side_b[cluster.column].to_numpy(), level, rate, cluster.unit,
        )
    if rate:
        return rate_difference(
            float(side_a["_y"].sum()), len(side_a), float(side_b["_y"].sum()), len(side_b), level
        )
    return mean_difference(side_a["_y"].to_numpy(), side_b["_y"].to_numpy(), level)


def _same(value: object, wanted: object) -> bool:
    if isinstance(value, float) and np.isnan(value):
        return isinstance(wanted, float) and np.isnan(wanted)
    return value == wanted


def _plain(value: object) -> object:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    return value.item() if hasattr(value, "item") else value
