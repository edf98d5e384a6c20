"""Data sanity checks: patterns in a table that make a correct-looking chart wrong.

A paired dataset often keeps pair-level facts (did the answer flip between the
two prompts?) in a column copied onto both rows of the pair. Charted as if it
were a per-row outcome, it draws two identical bars and counts every pair
twice. Nothing in the numbers is invalid, so only a look at the units shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MIN_UNITS = 10
"""Fewer units than this agree by chance too often (20 pairs at 90% accuracy: 2%) to call it a copy."""


@dataclass(frozen=True)
class ConstantWithinUnits:
    """``y`` never differs within a unit seen under several categories of ``across``."""

    units: int
    """Units seen under two or more categories, all with one value of y."""
    rows: int
    """The rows of those units, each counted in a bar."""


def constant_within_units(
    frame: pd.DataFrame, y: str, across: str, unit: str, within: str | None = None
) -> ConstantWithinUnits | None:
    """Whether ``y`` is the same in every row of each ``unit`` across the values of ``across``.

    Units are taken within each value of ``within`` (the chart's other column),
    since a question asked of two models is two units. Returns None when the
    data do not show the pattern: fewer than :data:`MIN_UNITS` units seen under
    two or more categories, a unit whose y differs, or a y with one value overall
    (a constant column is constant everywhere, which says nothing about units).
    """
    keys = [unit] + ([within] if within and within != across else [])
    rows = frame[keys + [across, y]].dropna()
    if rows.empty or rows[y].nunique() < 2:
        return None
    grouped = rows.groupby(keys, sort=False, observed=True)
    spread = grouped[across].nunique()
    seen = spread[spread >= 2].index
    if len(seen) < MIN_UNITS:
        return None
    values = grouped[y].nunique().loc[seen]
    if (values > 1).any():
        return None
    return ConstantWithinUnits(units=len(seen), rows=int(grouped.size().loc[seen].sum()))
