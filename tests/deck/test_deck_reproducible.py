"""Reproducible builds: the same spec and data give the same bytes, wherever and whenever built."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from slidekit.pipeline import build

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"


def copy_example(destination: Path) -> Path:
    shutil.copytree(EXAMPLE, destination, ignore=shutil.ignore_patterns("*.pptx"))
    return destination


def build_bytes(folder, name="week12.pptx") -> bytes:
    build(folder / "week12.yaml", folder / name)
    return (folder / name).read_bytes()


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    first = copy_example(tmp_path / "a" / "week12")
    second = copy_example(tmp_path / "somewhere" / "else" / "week12")
    assert build_bytes(first) == build_bytes(second)


def test_package_dates_come_from_the_spec_not_the_clock(tmp_path):
    deck = build_bytes(copy_example(tmp_path / "week12"))
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        assert {item.date_time for item in package.infolist()} == {(2025, 1, 20, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2025-01-20T00:00:00Z" in core
    assert "python-pptx" not in core and "Steve Canny" not in core
    assert str(tmp_path) not in deck.decode("latin-1")


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    deck = build_bytes(copy_example(tmp_path / "week12"))
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        assert {item.date_time for item in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert "2023-11-14T22:13:20Z" in package.read("docProps/core.xml").decode()


def add_template(folder: Path) -> None:
    """Give the spec a template of its own: 16:9, with a sample slide to be removed."""
    from pptx import Presentation
    from pptx.util import Inches

    template = Presentation()
    template.slide_width, template.slide_height = Inches(13.333), Inches(7.5)
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Sample"
    template.save(folder / "lab.pptx")
    spec = folder / "week12.yaml"
    spec.write_text(spec.read_text().replace("date: 2025-01-20\n", "date: 2025-01-20\ntemplate: lab.pptx\n"))


def test_decks_from_a_template_are_byte_identical_wherever_built(tmp_path):
    first = copy_example(tmp_path / "a" / "week12")
    second = copy_example(tmp_path / "b" / "c" / "week12")
    add_template(first)
    add_template(second)
    deck = build_bytes(first)
    assert deck == build_bytes(second)
    assert str(tmp_path) not in deck.decode("latin-1")
