"""Output formats: each turns the built deck (plan, chart images, .pptx bytes) into files.

A format knows where its output goes (from the deck's base path) and how to
write it. Every writer must leave an existing output untouched when it
fails: write to a temporary file or folder beside the target, then rename.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from slidekit.plan.model import DeckPlan


@dataclass(frozen=True)
class Built:
    """Everything a writer may need: the plan, its chart images and the deck."""

    plan: DeckPlan
    images: Mapping[str, bytes]
    """PNG bytes of every chart slide, by slide id."""
    deck: bytes
    """The .pptx package."""
    spec_folder: Path
    report_template: Path | None
    """A user's Jinja2 template for md/html reports (``report_template:`` in the spec)."""
    timestamp: dt.datetime | None


@dataclass(frozen=True)
class OutputFormat:
    name: str
    target: Callable[[Path], Path]
    """The output path for a deck whose .pptx would be at the given path."""
    write: Callable[[Built, Path], None]
    """Write the output to the path (atomically)."""
    help: str
    check: Callable[[], None] = lambda: None
    """Raise a SlidekitError before anything is built when the format cannot be written (a missing tool)."""


def _write_pptx(built: Built, path: Path) -> None:
    from slidekit.pipeline import write_atomically

    write_atomically(path, built.deck)


def _lazy(module: str, function: str) -> Callable:
    """A writer (or check) imported only when used (LibreOffice and Jinja2 code stay out of a pptx build)."""

    def call(*args):
        import importlib

        return getattr(importlib.import_module(module), function)(*args)

    return call


OUTPUTS: dict[str, OutputFormat] = {
    "pptx": OutputFormat("pptx", lambda p: p, _write_pptx, "the deck (default)"),
    "pdf": OutputFormat(
        "pdf", lambda p: p.with_suffix(".pdf"), _lazy("slidekit.render.convert", "write_pdf"),
        "the deck as PDF, through LibreOffice", _lazy("slidekit.render.convert", "check_pdf"),
    ),
    "png": OutputFormat(
        "png", lambda p: p.with_name(p.stem + "-slides"), _lazy("slidekit.render.convert", "write_png"),
        "one PNG per slide in a folder, through LibreOffice", _lazy("slidekit.render.convert", "check_png"),
    ),
    "md": OutputFormat(
        "md", lambda p: p.with_suffix(".md"), _lazy("slidekit.render.report", "write_markdown"),
        "a written report in Markdown (charts in a folder beside it)",
    ),
    "html": OutputFormat(
        "html", lambda p: p.with_suffix(".html"), _lazy("slidekit.render.report", "write_html"),
        "a written report as one self-contained HTML file",
    ),
}
