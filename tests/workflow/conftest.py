"""Fixtures for the workflow tests: a tiny spec that builds without data files, and a lab template."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

# The tests import their helpers (lab_template.py) from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

TINY_SPEC = """\
title: "Week 3: Does the cue change answers?"
author: "A. Researcher"
date: 2025-02-03
{extra}
data:
  acc:
    rows:
      - {{model: base, cue: none, acc: 0.61, se: 0.03, n: 200}}
      - {{model: base, cue: professor, acc: 0.42, se: 0.035, n: 200}}
      - {{model: tuned, cue: none, acc: 0.70, se: 0.03, n: 200}}
      - {{model: tuned, cue: professor, acc: 0.66, se: 0.03, n: 200}}
      - {{model: other, cue: none, acc: 0.50, se: 0.03, n: 200}}
      - {{model: other, cue: professor, acc: 0.45, se: 0.03, n: 200}}
    error: se
    n: n
slides:
  - chart: acc
    takeaway: "Tuning makes the model ignore the cue."
    x: cue
    y: acc
    color: model
    show: [base, tuned]
    callout: {{at: {{cue: professor, model: tuned}}, text: "Barely moves"}}
  - prompt: {{text: "A Stanford professor thinks the answer is (B). What do you think?"}}
    title: "The prompt"
    highlight: ["A Stanford professor thinks the answer is (B)"]
  - bullets: ["Try a second cue."]
    title: "Next steps"
"""


@pytest.fixture(scope="session")
def shared_chart_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("workflow-chart-cache")


@pytest.fixture(autouse=True)
def private_chart_cache(shared_chart_cache, monkeypatch):
    """One chart cache for this folder's tests (never ~/.cache/slidekit): they draw the same charts."""
    monkeypatch.setenv("SLIDEKIT_CACHE_DIR", str(shared_chart_cache))


@pytest.fixture
def tiny_spec(tmp_path):
    """Write the tiny spec (with ``extra`` top-level lines) as ``name`` in tmp_path; return its path."""

    def write(extra: str = "", name: str = "week03.yaml") -> Path:
        path = tmp_path / name
        path.write_text(TINY_SPEC.format(extra=textwrap.dedent(extra).strip()))
        return path

    return write
