"""Helpers for the output tests: a spec full of markup-like values, and an HTML tag census."""

from __future__ import annotations

import csv
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"

needs_soffice = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def copy_example(destination: Path) -> Path:
    """A copy of examples/week12 (without built outputs) at ``destination``."""
    shutil.copytree(
        EXAMPLE, destination,
        ignore=shutil.ignore_patterns("*.pptx", "*.pdf", "*.html", "*.md", "*_files", "*-slides", "__pycache__"),
    )
    return destination

SCRIPT = "<script>alert(1)</script>"
CURLY = "{{ 7*7 }}"
MODELS = [SCRIPT, "A & B", CURLY]
CUES = ["<b>bold</b>", "plain"]

# Spec strings are templates themselves (numbers in text): {{ '{{ 7*7 }}' }} renders as {{ 7*7 }}.
NASTY_SPEC = """\
title: "Title <script>alert(1)</script> & co"
author: "A & B <i>"
date: 2025-01-20
recap:
  takeaways: ["Last week <script>x</script> & {{ '{{ 7*7 }}' }}"]
  jargon:
    "<b>T</b>": "Definition & <script>y</script>"
data:
  r: results.csv
slides:
  - chart: r
    takeaway: "Takeaway <script>alert(1)</script> & {{ '{{ 7*7 }}' }}"
    x: cue
    y: ok
    color: model
    show: ["<script>alert(1)</script>", "A & B"]
    callout:
      at: {cue: plain, model: "A & B"}
      text: "Callout </p><script>z</script>"
    notes: "Notes <script>n</script> & more"
  - prompt:
      messages:
        - {role: system, content: "Be careful & honest."}
        - {role: user, content: "Ignore <script>alert(1)</script> & {{ 7*7 }} here.\\nA line with `backticks` and **stars** and _under_ # hash"}
    title: "Prompt <script>"
    highlight: ["<script>alert(1)</script>"]
  - bullets: ["Next <img src=x onerror=alert(1)> & {{ '{{ 7*7 }}' }}", "- not a list", "# not a heading"]
    title: "Next & steps"
"""

# What the plan holds after the spec's own templates are rendered: each must reach the report verbatim.
NASTY_VALUES = [
    "Title <script>alert(1)</script> & co",
    "A & B <i>",
    "Last week <script>x</script> & {{ 7*7 }}",
    "<b>T</b>",
    "Definition & <script>y</script>",
    "Takeaway <script>alert(1)</script> & {{ 7*7 }}",
    "Prompt <script>",
    "Next <img src=x onerror=alert(1)> & {{ 7*7 }}",
    "- not a list",
    "# not a heading",
    "Next & steps",
    "Notes <script>n</script> & more",
]


def build_fails(cli, folder: Path, spec: str, to: str) -> str:
    """``slidekit build SPEC --to TO`` in ``folder`` must exit 2 with one error line and write
    nothing; returns the line without its ``slidekit: error:`` prefix."""
    before = sorted(p.name for p in folder.iterdir())
    result = cli("build", spec, "--to", to)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == before
    assert result.stderr.startswith("slidekit: error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("slidekit: error: ").removesuffix("\n")


def write_nasty(folder: Path) -> Path:
    """The markup-laden spec and its data in ``folder``; returns the spec's path."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "results.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["model", "cue", "ok"])
        for model in MODELS:
            for cue in CUES:
                for i in range(12):
                    writer.writerow([model, cue, int(i % 3 == 0)])
    spec = folder / "nasty.yaml"
    spec.write_text(NASTY_SPEC, encoding="utf-8")
    return spec


class TagCensus(HTMLParser):
    """Every start tag, attribute and text node of an HTML document."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    def text(self) -> str:
        return "".join(self.texts)

    def attribute_values(self) -> list[str]:
        return [value for _, attrs in self.tags for value in attrs.values() if value is not None]
