"""Chart-drawing helper processes: started only when a chart must be drawn, same bytes on every path."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from slidekit.pipeline import build
from slidekit.render import drawers
from slidekit.render.chart import render_job
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

# The helper's own code, run in a fresh interpreter on one end of a socket
# pair; it prints whether it imported matplotlib once its channel closed.
HELPER = """
import socket, sys
from slidekit.render.helper import main
main([sys.argv[1]])
print("matplotlib" in sys.modules)
"""
@pytest.fixture
def deck(tmp_path) -> Path:
    (tmp_path / "deck.yaml").write_text(SPEC)
    (tmp_path / "cues.csv").write_text(CUES)
    return tmp_path / "deck.yaml"


def run_helper(*messages) -> str:
    """What the helper says about matplotlib after being sent ``messages`` and let go."""
    import socket
    from multiprocessing.connection import Connection

    ours, theirs = socket.socketpair()
    fd = theirs.detach()
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(fd)], pass_fds=[fd], stdout=subprocess.PIPE, text=True
    )
    os.close(fd)
    channel = Connection(ours.detach())
    for message in messages:
        channel.send(message)
    channel.close()
    out, _ = helper.communicate(timeout=60)
    return out.strip()


@pytest.mark.skipif(not drawers.HELPERS, reason="no helper processes on this platform")
def test_a_helper_let_go_on_standby_never_imports_matplotlib():
    assert run_helper() == "False"
    assert run_helper(("warm", 1)) == "True"


def test_only_a_build_with_charts_to_draw_warms_its_helpers(deck, monkeypatch):
    warmed = []
    monkeypatch.setattr(drawers.ChartDrawers, "warm", lambda self, workers: warmed.append(workers))
    monkeypatch.setattr(drawers.ChartDrawers, "draw", lambda self, jobs, done, meanwhile: [
        render_job(job) for job in jobs
    ])
    build(deck, jobs=2)
    assert warmed == [2]
    assert build(deck, jobs=2).charts_cached == 2
    assert warmed == [2]  # every chart cached: the helpers on standby left cold


def test_separate_helpers_draw_the_same_bytes_as_forked_ones(deck, monkeypatch):
    """Off Linux each drawer is a helper process of its own, not forked from one; same deck."""
    forked = build(deck, deck.with_name("forked.pptx"), cache=False, jobs=2).output.read_bytes()
    monkeypatch.setattr(drawers, "FORKING", False)
    separate = build(deck, deck.with_name("separate.pptx"), cache=False, jobs=2).output.read_bytes()
    serial = build(deck, deck.with_name("serial.pptx"), cache=False, jobs=1).output.read_bytes()
    assert forked == separate == serial


def test_charts_are_drawn_here_when_the_helpers_die(deck, monkeypatch):
    warm = drawers.ChartDrawers.warm

    def warm_then_die(self, workers):
        warm(self, workers)
        for process, _ in self.groups:
            process.kill()
            process.wait()

    monkeypatch.setattr(drawers.ChartDrawers, "warm", warm_then_die)
    rescued = build(deck, deck.with_name("rescued.pptx"), cache=False, jobs=2).output.read_bytes()
    monkeypatch.undo()
    assert rescued == build(deck, deck.with_name("serial.pptx"), cache=False, jobs=1).output.read_bytes()


def test_without_a_python_to_start_helpers_charts_are_drawn_here(deck, monkeypatch):
    serial = build(deck, deck.with_name("serial.pptx"), cache=False, jobs=1).output.read_bytes()
    monkeypatch.setattr(sys, "executable", None)  # embedded in an application
    assert build(deck, deck.with_name("here.pptx"), cache=False, jobs=2).output.read_bytes() == serial


def test_an_error_while_drawing_comes_back_with_the_helpers_traceback():
    import socket
    import threading
    from multiprocessing.connection import Connection

    from slidekit.render.helper import _serve

    ours, theirs = (Connection(end.detach()) for end in socket.socketpair())
    helper = threading.Thread(target=_serve, args=(theirs,))
    helper.start()
    ours.send(("draw", 3, None))  # not a (chart, width, height) job
    kind, index, error = ours.recv()
    ours.close()
    helper.join(timeout=30)
    assert (kind, index, type(error)) == ("error", 3, TypeError)
    assert "raised in a chart-drawing helper process" in error.__notes__[0]
    assert "render_job" in error.__notes__[0]


def test_a_script_without_a_main_guard_can_build(deck):
    """Helpers never re-run the caller's script (a multiprocessing pool would, and fail)."""
    script = deck.with_name("make_deck.py")
    script.write_text(
        "from slidekit.pipeline import build\n"
        f"print(build({str(deck)!r}, cache=False, jobs=2).charts)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "2\n", "")


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
