"""Chart-drawing helper processes: started only when a chart must be drawn, same bytes on every path."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from slidekit.pipeline import build
from slidekit.render import drawers
from slidekit.render.png import encode_png

SPEC = """\
title: Helpers
date: 2025-01-20
data:
  cues: cues.csv
slides:
  - chart: cues
    takeaway: "Model a articulates more."
    x: cue
    y: articulated
    color: model
    callout: {at: {cue: P, model: a}, text: "look here"}
  - chart: cues
    takeaway: "Per model."
    x: model
    y: articulated
"""
CUES = "cue,model,articulated\nP,a,1\nP,a,1\nP,b,0\nP,b,1\nQ,a,0\nQ,b,0\n"

# Run in a fresh interpreter: this test process may already run a fork server
# from an earlier test. Prints the build's cached-chart count and how many
# processes it started (its children, from /proc).
PROBE = """
import os, sys
from slidekit.pipeline import build
result = build(sys.argv[1])
children = [
    pid for pid in os.listdir("/proc")
    if pid.isdigit() and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1] == str(os.getpid())
]
print(result.charts_cached, len(children), "matplotlib" in sys.modules)
"""


@pytest.fixture
def deck(tmp_path) -> Path:
    (tmp_path / "deck.yaml").write_text(SPEC)
    (tmp_path / "cues.csv").write_text(CUES)
    return tmp_path / "deck.yaml"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts child processes in /proc")
def test_helpers_start_for_a_cold_build_and_not_for_a_warm_one(deck):
    def probe() -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", PROBE, str(deck)], capture_output=True, text=True, check=True
        ).stdout.split()

    cached, helpers, matplotlib_here = probe()
    assert (cached, matplotlib_here) == ("0", "False")  # drawn by helpers, not in this process
    assert int(helpers) >= 1
    assert probe() == ["2", "0", "False"]  # every chart cached: no helper, no matplotlib anywhere


def test_spawned_helpers_draw_the_same_bytes_as_forked_ones(deck, monkeypatch):
    """Off Linux the helpers are spawned, not forked from the fork server; same deck."""
    forked = build(deck, deck.with_name("forked.pptx"), cache=False, jobs=2).output.read_bytes()
    monkeypatch.setattr(drawers, "_fork_server_context", lambda: None)
    spawned = build(deck, deck.with_name("spawned.pptx"), cache=False, jobs=2).output.read_bytes()
    serial = build(deck, deck.with_name("serial.pptx"), cache=False, jobs=1).output.read_bytes()
    assert forked == spawned == serial


def test_the_command_line_build_prints_only_its_summary(deck):
    """The CLI leaves without tearing the interpreter down; nothing a helper says may leak out."""
    done = subprocess.run(
        [sys.executable, "-m", "slidekit", "build", str(deck), "--jobs", "2"],
        capture_output=True, text=True, timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"wrote {deck.with_suffix('.pptx')} (3 slides, 2 charts)\n"


def test_chart_png_round_trips_pixel_for_pixel_with_its_resolution():
    pixels = np.random.default_rng(0).integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    png = encode_png(pixels, dpi=200)
    image = Image.open(io.BytesIO(png))
    assert (image.mode, image.size) == ("RGBA", (5, 7))
    assert np.array_equal(np.asarray(image), pixels)
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert encode_png(pixels.copy(), dpi=200) == png  # same pixels, same bytes


def test_chart_png_refuses_pixels_that_are_not_rgba():
    with pytest.raises(ValueError, match="expected 8-bit RGBA pixels; found 3 channels of uint8"):
        encode_png(np.zeros((2, 2, 3), dtype=np.uint8), dpi=200)
