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
    clusters: int | None = None
    """Units behind the point when its rows are clustered (questions, Inspect samples)."""
    cluster_size: int | None = None
    """Rows per unit, when every unit of the point has the same number (Inspect's epochs)."""


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
    zero_width: int = 0
    """Points at 0% or 100% whose interval has no width (t, bootstrap or a column; never Wilson)."""
    cluster: str | None = None
    """The column whose units the intervals are clustered by."""


@dataclass(frozen=True)
class Clustering:
    """Rows that are repeats of one unit (a question asked with several seeds, Inspect's epochs)."""

    column: str
    unit: str
    """The units in words, plural: "questions", "samples"."""
    repeats: str | None = None
    """What one unit's rows are, plural, when the reader knows: "epochs"."""


def level_percent(level: float) -> str:
    """The confidence level as written, as a percentage: 0.95 -> "95%", 0.9999 -> "99.99%"."""
    text = f"{level * 100:.10f}".rstrip("0").rstrip(".")
    return f"{text}%"


def unit_words(column: str) -> str:
    """A column of unit ids in words, plural: question_id -> "questions", seed -> "seeds"."""
    words = column.replace("_", " ").strip()
    if words.lower().startswith("metadata ") and len(words) > len("metadata "):
        words = words[len("metadata "):]  # Inspect's name for sample metadata columns
    for suffix in (" ids", " id", "ids", "id"):
        if words.lower().endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)].strip()
            break
    else:
        if words.lower() in ("id", "ids"):
            return "samples"
    return words if words.endswith("s") else words + "s"


ErrorMethod = str
"""``auto`` (Wilson for rates, Student-t for means), ``wilson``, ``t``, ``bootstrap``,
``none``, or the name of a column holding each point's standard error."""

__all__ = ["BUILT_IN_METHODS", "Aggregate", "Clustering", "ErrorMethod", "Measure", "PointStats", "level_percent", "unit_words"]
