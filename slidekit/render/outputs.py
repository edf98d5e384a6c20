"""Output formats: each turns the built deck (plan, chart images, .pptx bytes) into files.

A format knows where its output goes (from the deck's base path) and how to
make it: in memory, as the files and folders to write (:class:`FileWrite`,
:class:`FolderWrite`). The build writes them only once every format asked for
has been made, so a conversion that fails leaves every existing output as it
was; each is then written atomically (beside the target, then renamed).
"""

from __future__ import annotations

import datetime as dt
import re
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
class FileWrite:
    """A file to write, once every output has been made."""

    path: Path
    data: bytes

    def check(self) -> None:
        """Nothing to check: the build checked every output path first."""

    def commit(self) -> None:
        from slidekit.pipeline import write_atomically

        write_atomically(self.path, self.data)


@dataclass(frozen=True)
class FolderWrite:
    """A folder to replace as a whole, once every output has been made."""

    path: Path
    files: Mapping[str, bytes]
    replaceable: re.Pattern[str]
    """Names of files slidekit writes: a folder holding anything else is never replaced."""

    def check(self) -> None:
        from slidekit.render.folders import check_replaceable

        check_replaceable(self.path, self.replaceable)

    def commit(self) -> None:
        from slidekit.render.folders import write_folder_atomically

        write_folder_atomically(self.path, self.files, self.replaceable)


Write = FileWrite | FolderWrite


@dataclass(frozen=True)
class OutputFormat:
    name: str
    target: Callable[[Path], Path]
    """The output path for a deck whose .pptx would be at the given path."""
    make: Callable[[Built, Path], list[Write]]
    """What to write for the output at the path; writes nothing itself."""
    help: str
    check: Callable[[], None] = lambda: None
    """Raise a SlidekitError before anything is built when the format cannot be written (a missing tool)."""


def _make_pptx(built: Built, path: Path) -> list[Write]:
    return [FileWrite(path, built.deck)]


def _lazy(module: str, function: str) -> Callable:
    """A writer (or check) imported only when used (LibreOffice and Jinja2 code stay out of a pptx build)."""

    def call(*args):
        import importlib

        return getattr(importlib.import_module(module), function)(*args)

    return call


OUTPUTS: dict[str, OutputFormat] = {
    "pptx": OutputFormat("pptx", lambda p: p, _make_pptx, "the deck (default)"),
    "pdf": OutputFormat(
        "pdf", lambda p: p.with_suffix(".pdf"), _lazy("slidekit.render.convert", "make_pdf"),
        "the deck as PDF, through LibreOffice", _lazy("slidekit.render.convert", "check_pdf"),
    ),
    "png": OutputFormat(
        "png", lambda p: p.with_name(p.stem + "-slides"), _lazy("slidekit.render.convert", "make_png"),
        "one PNG per slide in a folder, through LibreOffice", _lazy("slidekit.render.convert", "check_png"),
    ),
    "md": OutputFormat(
        "md", lambda p: p.with_suffix(".md"), _lazy("slidekit.render.report", "make_markdown"),
        "a written report in Markdown (charts in a folder beside it)",
    ),
    "html": OutputFormat(
        "html", lambda p: p.with_suffix(".html"), _lazy("slidekit.render.report", "make_html"),
        "a written report as one self-contained HTML file",
    ),
}
