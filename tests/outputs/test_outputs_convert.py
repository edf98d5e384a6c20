"""--to pdf and --to png through LibreOffice: one page per slide, reproducible, concurrent.

Skipped when LibreOffice (``soffice``) is not installed; CI installs it.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import threading
from pathlib import Path

import pytest
from outputs_helpers import copy_example, needs_soffice

from slidekit.pipeline import build

pytestmark = needs_soffice

SLIDES = 9


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def every_format(tmp_path_factory):
    """The example built once to every format through the CLI."""
    from click.testing import CliRunner

    from slidekit.cli import main

    folder = copy_example(tmp_path_factory.mktemp("convert") / "week12")
    result = CliRunner().invoke(main, ["build", str(folder / "week12.yaml"), "--to", "pptx,pdf,png,html,md"])
    return folder, result


@pytest.fixture(scope="module")
def twins(tmp_path_factory, every_format):
    """Two more copies of the example, converted at the same time in two threads."""
    folders = [copy_example(tmp_path_factory.mktemp(f"twin{i}") / "week12") for i in range(2)]
    errors: list[Exception] = []
    start = threading.Barrier(2)

    def convert(folder: Path) -> None:
        try:
            start.wait()
            build(folder / "week12.yaml", to=["pdf", "png"])
        except Exception as exc:  # noqa: BLE001 - reported by the tests
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(folder,)) for folder in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return folders, errors


def test_one_command_writes_every_format(every_format):
    folder, result = every_format
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"wrote {folder / 'week12.pptx'}, {folder / 'week12.pdf'}, {folder / 'week12-slides'}, "
        f"{folder / 'week12.html'}, {folder / 'week12.md'} ({SLIDES} slides, 4 charts"
    )
    for name in ["week12.pptx", "week12.pdf", "week12.html", "week12.md"]:
        assert (folder / name).stat().st_size > 0, name
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_the_pdf_has_one_page_per_slide(every_format):
    folder, _ = every_format
    pdf = (folder / "week12.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages(folder / "week12.pdf") == SLIDES
    # Dated by the spec's date, not by the time of the conversion.
    assert re.findall(rb"/CreationDate\s*\(D:(\d{14})", pdf) == [b"20250120000000"]


def test_the_png_folder_has_one_image_per_slide(every_format):
    folder, _ = every_format
    images = folder_bytes(folder / "week12-slides")
    assert list(images) == [f"slide-{i:02d}.png" for i in range(1, SLIDES + 1)]
    for png in images.values():
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) in ((1333, 750), (1334, 750))  # a 13.33 x 7.5 in slide at 100 dpi


def test_two_conversions_at_once(twins):
    folders, errors = twins
    assert errors == []
    for folder in folders:
        assert pdf_pages(folder / "week12.pdf") == SLIDES
        assert len(list((folder / "week12-slides").iterdir())) == SLIDES


def test_pdf_and_png_are_byte_identical_across_builds_and_folders(every_format, twins):
    first, _ = every_format
    folders, errors = twins
    assert errors == []
    for folder in folders:
        assert (folder / "week12.pdf").read_bytes() == (first / "week12.pdf").read_bytes()
        assert folder_bytes(folder / "week12-slides") == folder_bytes(first / "week12-slides")


def test_a_rebuild_replaces_the_png_folder_whole(twins):
    folders, _ = twins
    slides = folders[0] / "week12-slides"
    (slides / "slide-42.png").write_bytes(b"stale")
    build(folders[0] / "week12.yaml", to=["png"])
    assert sorted(p.name for p in slides.iterdir()) == [f"slide-{i:02d}.png" for i in range(1, SLIDES + 1)]
