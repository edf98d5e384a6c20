"""The chart cache: a hit gives the same deck as a cold build; changes invalidate; corruption heals."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from slidekit.pipeline import build

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"


SMALL_SPEC = """\
title: Cache check
date: 2025-01-20
data:
  cues: cues.csv
  loss: loss.csv
slides:
  - chart: cues
    takeaway: "Model a articulates more."
    x: cue
    y: articulated
    color: model
    callout: {at: {cue: P, model: a}, text: "look here"}
  - chart: loss
    kind: line
    takeaway: "Loss goes down."
    x: step
    y: loss
"""
CUES = "cue,model,articulated\nP,a,1\nP,a,1\nP,b,0\nP,b,1\nQ,a,0\nQ,b,0\n"
LOSS = "step,loss\n0,2.0\n0,2.2\n100,1.5\n100,1.4\n200,1.0\n200,1.1\n"


@pytest.fixture
def example(tmp_path, monkeypatch):
    """The full week12 example (4 charts: enough to draw in parallel)."""
    monkeypatch.setenv("SLIDEKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "week12"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.pptx"))
    return folder


@pytest.fixture
def small(tmp_path, monkeypatch):
    """A two-chart deck: quick to draw, for the cache's bookkeeping."""
    monkeypatch.setenv("SLIDEKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "deck.yaml").write_text(SMALL_SPEC)
    (folder / "cues.csv").write_text(CUES)
    (folder / "loss.csv").write_text(LOSS)
    return folder


def images(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck.read_bytes())) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("ppt/media/")}


def cache_entries(folder: Path) -> list[Path]:
    return sorted((folder.parent / "cache" / "charts").rglob("*.png"))


def test_warm_build_reuses_every_chart_and_gives_the_same_bytes(small):
    cold = build(small / "deck.yaml", small / "cold.pptx")
    warm = build(small / "deck.yaml", small / "warm.pptx")
    assert (cold.charts, cold.charts_cached) == (2, 0)
    assert (warm.charts, warm.charts_cached) == (2, 2)
    assert (small / "cold.pptx").read_bytes() == (small / "warm.pptx").read_bytes()
    assert len(cache_entries(small)) == 2


def test_parallel_serial_and_cached_charts_are_identical(example):
    build(example / "week12.yaml", example / "serial.pptx", jobs=1)  # fills the cache
    build(example / "week12.yaml", example / "parallel.pptx", cache=False, jobs=2)
    build(example / "week12.yaml", example / "cached.pptx")
    serial = (example / "serial.pptx").read_bytes()
    assert (example / "parallel.pptx").read_bytes() == serial
    assert (example / "cached.pptx").read_bytes() == serial
    assert images(example / "cached.pptx") == images(example / "serial.pptx")


def test_editing_a_takeaway_redraws_no_chart(small):
    build(small / "deck.yaml")
    spec = small / "deck.yaml"
    spec.write_text(spec.read_text().replace("Loss goes down.", "Loss falls with training."))
    assert build(spec).charts_cached == 2


def test_changed_data_redraws_only_that_chart(small):
    build(small / "deck.yaml")
    (small / "loss.csv").write_text(LOSS + "300,0.9\n")
    assert build(small / "deck.yaml").charts_cached == 1


def test_changed_chart_setting_redraws_that_chart(small):
    build(small / "deck.yaml")
    spec = small / "deck.yaml"
    spec.write_text(spec.read_text().replace('text: "look here"', 'text: "look at this"'))
    assert build(spec).charts_cached == 1


def test_corrupt_cache_entry_is_redrawn_not_trusted(small):
    build(small / "deck.yaml", small / "first.pptx")
    entry = cache_entries(small)[0]
    blob = entry.read_bytes()
    entry.write_bytes(blob[: len(blob) // 2])  # a truncated write
    result = build(small / "deck.yaml", small / "second.pptx")
    assert result.charts_cached == 1
    assert (small / "second.pptx").read_bytes() == (small / "first.pptx").read_bytes()
    assert entry.read_bytes() == blob  # healed


def test_garbage_in_the_cache_is_redrawn(small):
    build(small / "deck.yaml", small / "first.pptx")
    for entry in cache_entries(small):
        entry.write_bytes(b"not a chart")
    assert build(small / "deck.yaml", small / "second.pptx").charts_cached == 0
    assert (small / "second.pptx").read_bytes() == (small / "first.pptx").read_bytes()


def test_no_cache_flag_neither_reads_nor_writes(small):
    build(small / "deck.yaml", cache=False)
    assert cache_entries(small) == []


def test_a_build_that_draws_no_chart_does_not_import_matplotlib(small):
    import subprocess
    import sys

    build(small / "deck.yaml")
    probe = (
        "import sys; from slidekit.pipeline import build; "
        f"r = build({str(small / 'deck.yaml')!r}); "
        "print(r.charts_cached, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False"]


def resolved_entries(folder: Path) -> list[Path]:
    return sorted((folder.parent / "cache" / "resolved").rglob("*.pickle"))


def test_a_rebuild_after_a_text_edit_reads_no_table(small):
    import subprocess
    import sys

    build(small / "deck.yaml")
    spec = small / "deck.yaml"
    spec.write_text(spec.read_text().replace("Loss goes down.", "Loss falls with training."))
    probe = (
        "import sys; from slidekit.pipeline import build; "
        f"r = build({str(spec)!r}); "
        "print(r.charts_cached, 'pandas' in sys.modules, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False", "False"]


def test_changed_data_gives_the_new_numbers_not_the_cached_ones(small):
    from pptx import Presentation

    build(small / "deck.yaml", small / "a.pptx")
    # model a on cue P: 2 of 2 -> with two more failures, 2 of 4
    (small / "cues.csv").write_text(CUES + "P,a,0\nP,a,0\n")
    build(small / "deck.yaml", small / "b.pptx")
    notes = Presentation(str(small / "b.pptx")).slides[1].notes_slide.notes_text_frame.text
    assert "Callout at P / a: 50.0% (n = 4)." in notes


def test_damaged_or_foreign_data_cache_entries_are_recomputed(small, capfd):
    import pickle

    build(small / "deck.yaml", small / "first.pptx")
    entries = resolved_entries(small)
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:-10])  # truncated

    class Planted:  # a pickle that would run code when loaded
        def __reduce__(self):
            return (print, ("planted",))

    body = pickle.dumps(Planted())
    import hashlib

    magic = b"slidekit-resolved-cache 1\n"
    entries[1].write_bytes(magic + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    build(small / "deck.yaml", small / "second.pptx")
    assert (small / "second.pptx").read_bytes() == (small / "first.pptx").read_bytes()
    assert "planted" not in capfd.readouterr().out  # never unpickled into a call
