"""What rules report (:class:`Problem`) and what the linter prints (:class:`Finding`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing a rule found: the spec key it is about, and what to do about it.

    ``path`` is a key path in the spec, e.g. ``("slides", 0, "show")``; the
    linter turns it into the line and column where that key is written.
    """

    path: KeyPath
    message: str


@dataclass(frozen=True)
class Finding:
    """A located problem, as printed: ``week12.yaml:31:5: warning too-many-categories: ...``."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    slide: int | None
    """The number in the built deck (1 is the title slide) of the slide the finding is on;
    None for the whole deck (e.g. a missing recap, the deck's ``takeaways``)."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.rule}: {self.message}"

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "slide": self.slide,
            "message": self.message,
        }
