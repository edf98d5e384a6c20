"""What a build is doing, on one line of a terminal's stderr (``slidekit build``)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

CLEAR_LINE = "\r\x1b[K"


class StatusLine:
    """A progress callback that rewrites one line: the time so far and the current stage."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, message: str) -> None:
        elapsed = time.monotonic() - self.start
        self.stream.write(f"{CLEAR_LINE}slidekit: {elapsed:4.1f} s  {message} ...")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the line, so what is printed next starts on a clean line."""
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown = False


def build_counts(result) -> str:
    """What a build made, for its summary line: ``9 slides, 4 charts, 2 from cache``."""
    counts = [_count(result.slides, "slide"), _count(result.charts, "chart")]
    if result.charts_cached:
        counts.append(f"{result.charts_cached} from cache")
    return ", ".join(counts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def status_line(quiet: bool, stream: TextIO | None = None) -> StatusLine | None:
    """A status line on ``stream`` (stderr) when it is a terminal and not ``quiet``; else None."""
    stream = stream or sys.stderr
    return StatusLine(stream) if not quiet and is_terminal(stream) else None
