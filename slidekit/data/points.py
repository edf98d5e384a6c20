"""What aggregation produces: points with their intervals (no pandas needed to use them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from slidekit.spec.models import ERROR_METHODS as BUILT_IN_METHODS

Measure = Literal["rate", "mean"]


@dataclass(frozen=True)
class PointStats:
    """One aggregated point: the rows sharing an x value and a colour value."""

    x: object
    series: object | None
    n: int | None
    """Samples behind the point; None for a pre-aggregated row without an n column."""
    value: float
    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class Aggregate:
    points: tuple[PointStats, ...]
    measure: Measure
    rows_dropped: int
    """Rows whose y was missing (NaN), left out of every point."""
    method: str = ""
    """What the error bars mean, for footers and notes."""
    pre_aggregated: bool = False
    """Rows were points already (an error column): points may share samples, so n does not add up."""


ErrorMethod = str
"""``auto`` (Wilson for rates, Student-t for means), ``wilson``, ``t``, ``bootstrap``,
``none``, or the name of a column holding each point's standard error."""

__all__ = ["BUILT_IN_METHODS", "Aggregate", "ErrorMethod", "Measure", "PointStats"]
