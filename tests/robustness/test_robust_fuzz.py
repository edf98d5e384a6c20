"""The fuzzer (fuzz_cases.py): mutated copies of the examples build a deck or fail cleanly.

The quick run (the default 120 cases) is part of the normal suite. Environment:

- ``SLIDEKIT_FUZZ_CASES=5000``: how many cases (the long run);
- ``SLIDEKIT_FUZZ_SEED=7``: the base seed (case i uses seed base + i);
- ``SLIDEKIT_FUZZ_FIRST=1000``: the first case number (to split a long run);
- ``SLIDEKIT_FUZZ_CASE=1234`` (or ``1234,1240``): only these cases;
- ``SLIDEKIT_FUZZ_LOG=fuzz.log``: one line per case (time, outcome, mutations).

One failing test lists every class of failure (exception type and first line,
or the broken promise) with its case numbers and mutations; rerun a case with
``python -m tests.robustness.fuzz_cases 1234``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fuzz_cases import CASE_SECONDS, REPO, failure_report, run_cases
from robust_helpers import CHART, CSV, Project

from slidekit.cli import main

DEFAULT_CASES = 120
"""About 25 s on two idle cores (90 s for 200 on a busy machine): within a minute."""


def _numbers() -> list[int]:
    if os.environ.get("SLIDEKIT_FUZZ_CASE"):
        return [int(n) for n in os.environ["SLIDEKIT_FUZZ_CASE"].split(",") if n.strip()]
    first = int(os.environ.get("SLIDEKIT_FUZZ_FIRST", "0"))
    return list(range(first, first + int(os.environ.get("SLIDEKIT_FUZZ_CASES", str(DEFAULT_CASES)))))


def test_fuzzed_examples_build_a_deck_or_fail_with_one_clean_line_each():
    seed = int(os.environ.get("SLIDEKIT_FUZZ_SEED", "0"))
    log_path = os.environ.get("SLIDEKIT_FUZZ_LOG")
    log = Path(log_path).open("a", encoding="utf-8") if log_path else None
    try:
        outcomes = run_cases(_numbers(), seed, log=log)
    finally:
        if log is not None:
            log.close()
    internal = sum(o.internal_errors for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    failed = [o for o in outcomes if o.failures]
    summary = (
        f"{len(outcomes)} cases (base seed {seed}): {len(failed)} failed, {internal} reached 'internal error' "
        f"(must be 0), {sum(o.result == 'deck' for o in outcomes)} decks, "
        f"{sum(o.result == 'error' for o in outcomes)} clean errors; slowest case {slowest.case.number} "
        f"{slowest.seconds:.1f} s (limit {CASE_SECONDS} s)"
    )
    if log is not None:
        with Path(log_path).open("a", encoding="utf-8") as out:
            print("SUMMARY " + summary, file=out)
            print(failure_report(outcomes), file=out)
    assert not failed, summary + "\n" + failure_report(outcomes)
    assert internal == 0, summary


# Regression tests for the crash classes the fuzzer found.


def _blank_cues(folder: Path) -> None:
    """Every 7th row of the week12 example's cue column left blank (read as NaN)."""
    table = folder / "results" / "articulation.csv"
    lines = table.read_text().splitlines()
    for i in range(1, len(lines), 7):
        fields = lines[i].split(",")
        fields[3] = ""
        lines[i] = ",".join(fields)
    table.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_blank_category_cells_build_in_process_and_in_helper_processes(tmp_path, monkeypatch, jobs):
    # Was: ValueError tuple.index (notes of the full-breakdown backup) with -j 1, and KeyError:
    # nan in the chart-drawing helper: a NaN category never equals a copy of itself.
    folder = tmp_path / "week12"
    shutil.copytree(REPO / "examples" / "week12", folder)
    _blank_cues(folder)
    project = Project(folder, monkeypatch)
    deck = project.deck("-j", jobs, name="week12.yaml")
    assert len(deck.slides) == 9


def _only_error_line(project, monkeypatch, command: str) -> str:
    """The one error line of ``slidekit build`` or ``lint`` on deck.yaml (exit 2, nothing written)."""
    monkeypatch.chdir(project.folder)
    if command == "build":
        (line,) = project.errors()
        return line
    result = CliRunner().invoke(main, ["lint", "deck.yaml"])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.parametrize(
    ("key", "spec"),
    [
        ("data.t", "title: T\ndata:\n  t: {long}.csv\nslides:\n  - chart: t\n    x: a\n    y: b\n"),
        ("slides[0].prompt", "title: T\nslides:\n  - prompt: {long}.txt\n"),
        ("recap.from", "title: T\nrecap:\n  from: {long}.yaml\nslides:\n  - bullets: [a]\n    title: B\n"),
        ("report_template", "title: T\nreport_template: {long}.html\nslides:\n  - bullets: [a]\n    title: B\n"),
    ],
)
@pytest.mark.parametrize("command", ["build", "lint"])
def test_a_file_name_too_long_for_the_file_system_is_one_clean_error(
    project, monkeypatch, key, spec, command
):
    # Was: internal error OSError [Errno 36] File name too long (a 10k-character path).
    project.spec(spec.format(long="x" * 300))
    line = _only_error_line(project, monkeypatch, command)
    assert line.startswith(f"slidekit: error: deck.yaml:{project.line('x' * 300)}: {key}: "), line
    assert line.endswith("expected a file name the file system accepts; found "
                         f"'{'x' * 56}...' (file name too long)"), line


@pytest.mark.parametrize("command", ["build", "lint"])
def test_a_where_too_long_for_the_python_parser_is_one_clean_error(project, monkeypatch, command):
    # Was: internal error MemoryError: CPython's parser gives up on 2,000 words in a row.
    project.write("t.csv", CSV)
    project.spec(CHART + "    where: " + "word " * 2000 + "\n")
    line = _only_error_line(project, monkeypatch, command)
    assert line == (f"slidekit: error: deck.yaml:{project.line('where:')}: slides[0].where: "
                    "not a valid expression (9,999 characters the parser cannot take)"), line
