"""Decks open in LibreOffice: one PDF page per slide, and every line of text visible.

Skipped when LibreOffice (``soffice``) is not installed. Each conversion uses
its own LibreOffice profile folder, so parallel runs do not clash.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation

from slidekit.pipeline import build

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

PROMPT_LINES = [f"line {i:02d}: the model is asked question {i} about the cue" for i in range(60)]
BULLETS = [
    f"Bullet {i:02d}: rerun the professor cue with the LLM judge and compare it with the keyword grader"
    for i in range(20)
]
FULL_PAGES_SPEC = (
    "title: Full pages\nslides:\n"
    "  - prompt: long.txt\n    title: A long prompt\n"
    "  - bullets:\n" + "".join(f'      - "{b}"\n' for b in BULLETS) + "    title: Many bullets\n"
)


def to_pdf(decks: list[Path], out: Path, profile: Path) -> None:
    out.mkdir()
    result = subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to", "pdf",
            "--outdir", str(out),
            *map(str, decks),
        ],
        capture_output=True, text=True, timeout=180,
    )
    missing = [d.name for d in decks if not (out / d.with_suffix(".pdf").name).exists()]
    assert result.returncode == 0 and not missing, (missing, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The example deck and a deck of full pages, built and converted to PDF once."""
    root = tmp_path_factory.mktemp("libreoffice")
    folder = root / "week12"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.pptx", "__pycache__"))
    example = folder / "week12.pptx"
    build(folder / "week12.yaml", example)
    (root / "long.txt").write_text("\n".join(PROMPT_LINES) + "\n")
    (root / "full.yaml").write_text(FULL_PAGES_SPEC)
    full = root / "full.pptx"
    build(root / "full.yaml", full)
    out = root / "pdf"
    to_pdf([example, full], out, root / "lo-profile")
    return {"example": (example, out / "week12.pdf"), "full": (full, out / "full.pdf")}


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        assert match, info.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def test_example_deck_converts_to_one_pdf_page_per_slide(converted):
    deck, pdf = converted["example"]
    slides = len(Presentation(str(deck)).slides)
    assert slides == 9
    assert pdf_pages(pdf) == slides


def _squash(text: str) -> str:
    """Letters and digits only, case-folded: immune to line wrapping, hyphenation at a
    wrap, ligatures and the section layout's all-caps title, but not to missing text."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _invisible_lines(deck: Path, pdf: Path) -> list[str]:
    """Paragraphs of the deck whose text is not on their slide's PDF page.

    pdftotext extracts only what is drawn inside the page, so text that runs
    off the bottom of a slide is missing from its page's text.
    """
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    pages = [_squash(page) for page in text.split("\f")]
    missing = []
    for number, slide in enumerate(Presentation(str(deck)).slides):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                line = _squash(paragraph.text)
                if line and line not in pages[number]:
                    missing.append(f"slide {number + 1}: {paragraph.text}")
    return missing


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("name", ["example", "full"])
def test_every_line_of_text_is_visible_on_its_slide(converted, name):
    deck, pdf = converted[name]
    assert pdf_pages(pdf) == len(Presentation(str(deck)).slides)
    missing = _invisible_lines(deck, pdf)
    assert missing == [], f"{len(missing)} lines run off their slide, e.g. {missing[:3]}"
