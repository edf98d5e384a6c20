"""A sample of the catalog's nastiest decks opens in LibreOffice: one PDF page per slide.

python-pptx re-opening a deck proves its XML is well-formed; LibreOffice
converting it proves a real viewer accepts it. Skipped without ``soffice``;
each run uses its own LibreOffice profile folder and a timeout.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from robust_helpers import CSV

from slidekit.pipeline import build

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

NASTY = (
    "A\x00B\x01C\x0bD\x1b <b>&amp;</b> ]]> \"q\" \u202eRTL\u202c \ufffe {% raw %}{{ x }}{% endraw %} "
    "$5 and $6 \U0001F680 \u4e2d"
)
"""Forbidden XML characters, markup, bidi overrides, literal template syntax, dollars, astral and CJK text."""


def q(text: str) -> str:
    return json.dumps(text)


DECKS = {
    "text": (
        f"title: {q(NASTY)}\nauthor: {q(NASTY)}\n"
        f"recap:\n  takeaways: [{q(NASTY)}]\n  jargon: {{{q('<ITC&>')}: {q(NASTY)}}}\n"
        f"slides:\n  - bullets: [{q(NASTY)}, {q(' '.join(f'w{i}' for i in range(800)))}]\n"
        f"    title: {q(NASTY)}\n    notes: {q(NASTY)}\n"
        f"  - prompt: {{messages: [{{role: {q('<system&>')}, content: {q(NASTY)}}}]}}\n"
    ),
    "chart": (
        "title: Charts\ndata: {t: t.csv}\nslides:\n  - chart: t\n"
        f"    takeaway: {q(NASTY)}\n    x: cue\n    y: correct\n    color: family\n"
        f"    x_label: {q(NASTY)}\n    callout:\n      at: {{cue: '$x^{{ & <', family: ITC}}\n"
        f"      text: {q(NASTY)}\n"
    ),
    "prompt": "title: Huge prompt\nslides:\n  - prompt: p.txt\n",
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust-libreoffice")
    (root / "t.csv").write_text(
        CSV.replace("Professor", "$x^{ & <").replace("Argument", "\\undefined \x01 {% raw %}"), encoding="utf-8"
    )
    (root / "p.txt").write_bytes(
        b"\n".join(b"line %d: caf\xe9 <tag> & {{ x }} \x01" % i for i in range(1500))
    )
    decks = []
    for name, spec in DECKS.items():
        (root / f"{name}.yaml").write_text(spec, encoding="utf-8")
        decks.append(build(root / f"{name}.yaml", cache=False, jobs=1).output)
    out = root / "pdf"
    out.mkdir()
    result = subprocess.run(
        [
            shutil.which("soffice"), f"-env:UserInstallation={(root / 'lo-profile').as_uri()}",
            "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, decks),
        ],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, (result.stdout, result.stderr)
    return {deck.stem: (deck, out / f"{deck.stem}.pdf") for deck in decks}


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@pytest.mark.parametrize("name", list(DECKS))
def test_nasty_deck_converts_to_one_page_per_slide(converted, name):
    deck, pdf = converted[name]
    assert pdf.is_file(), f"LibreOffice did not convert {deck.name}"
    assert _pages(pdf) == len(Presentation(str(deck)).slides)
