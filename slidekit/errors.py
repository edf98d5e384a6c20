"""User-facing errors: bad specs, bad data, missing files.

Every problem a user can fix is a :class:`SpecProblem` that knows the file, the
line (where it can be known) and the key it is about, and formats itself as one
line. Library code raises :class:`SlidekitError` carrying one or more problems;
the CLI prints them and exits 2. Anything else that escapes is a bug.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SpecProblem:
    """One thing wrong with the user's input, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.key:
            return one_line(f"{where}: {self.key}: {self.message}")
        return one_line(f"{where}: {self.message}")


_BREAKS = re.compile(r"\s*[\r\n\t\v\f]+\s*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` as one printable line: line breaks and tabs become a space, other
    control characters (from a binary file's header, say) a visible ``\\xNN``."""
    text = _BREAKS.sub(" ", text.strip())
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class SlidekitError(Exception):
    """Input the user must fix; carries every problem found, in source order."""

    exit_code = 2

    def __init__(self, problems: SpecProblem | list[SpecProblem]):
        if isinstance(problems, SpecProblem):
            problems = [problems]
        self.problems: list[SpecProblem] = sorted(
            problems, key=lambda p: (p.file, p.line if p.line is not None else 0)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


def describe_value(value: object) -> str:
    """Name what the user wrote, briefly, for 'expected X; found Y' messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:5])
        return f"a mapping ({keys})" if keys else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dt.date):  # YAML's reading of 2025-01-20
        return f"{value.isoformat()} (a {'date and time' if isinstance(value, dt.datetime) else 'date'})"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


class DataError(Exception):
    """A problem with a data file, not yet tied to the spec line that named the file.

    The stage that knows which spec key asked for the data turns it into a
    :class:`SpecProblem` (see ``slidekit.plan.resolve``).
    """


class SlideKeyError(Exception):
    """A problem with one key of the slide being planned, e.g. ``("callout", "at")``.

    The planner knows which slide it is on and adds ``slides[i]`` and the line.
    """

    def __init__(self, key: tuple, message: str):
        super().__init__(message)
        self.key = key
