"""`slidekit watch`: rebuilds after a file the spec uses is saved, keeps going after errors, stops on Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from slidekit.pipeline import build
from slidekit.workflow.watch import Built, Failed, Watching, watch, watched_files

SPEC = """\
title: "Week 4: watching"
data:
  acc: acc.csv
slides:
  - chart: acc
    takeaway: "Tuned is better."
    x: model
    y: acc
  - prompt: prompt.txt
    title: "The prompt"
"""


def save(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time on, as a save seconds later would."""
    stamp = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text)
    os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "acc.csv").write_text("model,acc\nbase,0.5\ntuned,0.7\n")
    (tmp_path / "prompt.txt").write_text("Say (A) or (B).\n")
    spec = tmp_path / "week04.yaml"
    spec.write_text(SPEC)
    return spec


def test_the_spec_and_every_file_it_names_are_watched(project):
    save(project, SPEC.replace('title: "Week 4: watching"', 'title: x\ntemplate: lab.pptx\nrecap: {from: week03.yaml}'))
    assert {p.name for p in watched_files(project)} == {
        "week04.yaml", "lab.pptx", "week03.yaml", "acc.csv", "prompt.txt",
    }
    save(project, "slides: [unclosed")
    assert watched_files(project) == (project,)


def test_rebuilds_after_each_save_and_keeps_going_after_an_error(project):
    folder = project.parent
    events = watch(project, partial(build, project), interval=0.02, polls=500)
    assert isinstance(next(events), Watching)
    first = next(events)
    assert isinstance(first, Built) and first.changed == ()
    deck = first.result.output
    stamp = deck.stat().st_mtime_ns

    save(folder / "acc.csv", "model,acc\nbase,0.5\ntuned,0.9\n")
    event = next(events)
    assert isinstance(event, Built) and event.changed == (folder / "acc.csv",)
    assert deck.stat().st_mtime_ns != stamp

    save(project, SPEC + "    colour: red\n")
    event = next(events)
    assert isinstance(event, Failed) and event.changed == (project,)
    assert len(event.problems) == 1 and ":11: slides[1].colour: unknown key 'colour'" in event.problems[0]

    # The spec starts using a new data file: it is watched from the next build on.
    (folder / "loss.csv").write_text("step,loss\n1,2.0\n2,1.5\n")
    text = SPEC.replace("  acc: acc.csv\n", "  acc: acc.csv\n  loss: loss.csv\n")
    save(project, text + "  - chart: loss\n    takeaway: Loss goes down.\n    x: step\n    y: loss\n")
    event = next(events)
    assert isinstance(event, Built) and event.changed == (project,)
    watching = next(events)
    assert isinstance(watching, Watching) and folder / "loss.csv" in watching.files

    save(folder / "loss.csv", "step,loss\n1,2.0\n2,1.2\n")
    event = next(events)
    assert isinstance(event, Built) and event.changed == (folder / "loss.csv",)
    events.close()


def test_the_command_prints_each_build_and_stops_cleanly_on_ctrl_c(project):
    process = subprocess.Popen(
        [sys.executable, "-m", "slidekit", "watch", project.name, "--interval", "0.05"],
        cwd=project.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def next_line() -> str:
        try:
            return lines.get(timeout=30)
        except queue.Empty:
            process.kill()
            raise AssertionError("watch printed nothing for 30 s") from None

    try:
        assert "watching 3 file(s)" in next_line()
        assert " built week04.pptx in " in next_line()
        save(project.parent / "prompt.txt", "Say (A) or (B), please.\n")
        assert " prompt.txt changed: rebuilt week04.pptx in " in next_line()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert next_line().endswith(" stopped\n")
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
