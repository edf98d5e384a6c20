"""`slidekit lint` on the command line: output formats, exit codes, imports, the examples."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from lint_decks import GOOD, write_deck

from slidekit.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

WARNS = GOOD.replace(
    '    callout:\n      at: {cue: Professor, family: ITC}\n      text: "That\'s what we want!"\n',
    "",
)
"""The good deck without its callout: one warning (callout-missing at 10:5)."""

FAILS = WARNS.replace('    takeaway: "ITC models articulate the professor cue more often"\n', "")
"""... and without its takeaway: an error (takeaway-missing at 10:5) and the warning."""


@pytest.fixture
def deck(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def _deck(spec: str) -> str:
        write_deck(tmp_path, spec)
        return "deck.yaml"

    return _deck


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_clean_spec_exits_0_with_a_summary(deck):
    result = run("lint", deck(GOOD))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "deck.yaml: no problems found\n",
        "",
    )


def test_warnings_print_compiler_style_and_exit_0(deck):
    result = run("lint", deck(WARNS))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        (
            "deck.yaml:10:5: warning callout-missing: chart 'evals' highlights nothing: add "
            'callout: {at: {cue: ..., family: ...}, text: "..."}, a red arrow on the point that '
            "matters saying what to see there"
        ),
        "deck.yaml: 0 errors, 1 warning",
    ]


def test_strict_makes_warnings_fail(deck):
    result = run("lint", "--strict", deck(WARNS))
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[-1] == "deck.yaml: 0 errors, 1 warning (--strict: warnings fail)"
    )


def test_an_error_exits_1(deck):
    result = run("lint", deck(FAILS))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0:2] for line in lines[:-1]] == [
        ["deck.yaml:10:5", "warning callout-missing"],
        ["deck.yaml:10:5", "error takeaway-missing"],
    ]
    assert lines[-1] == "deck.yaml: 1 error, 1 warning"


def test_json_format_lists_the_findings(deck):
    result = run("lint", "--format", "json", deck(FAILS))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings[1] == {
        "rule": "takeaway-missing",
        "severity": "error",
        "file": "deck.yaml",
        "line": 10,
        "column": 5,
        "slide": 3,
        "message": "chart slide 3 ('evals') has no takeaway: add takeaway: with the one sentence "
        "the mentor should remember (one graph, one story)",
    }
    assert [f["rule"] for f in findings] == ["callout-missing", "takeaway-missing"]


def test_json_format_of_a_clean_spec_is_an_empty_list(deck):
    result = run("lint", "--format", "json", deck(GOOD))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_a_spec_that_cannot_be_read_exits_2(deck):
    result = run("lint", deck(GOOD.replace("    x: cue\n", "    x: cue\n    colour: family\n")))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "slidekit: error: deck.yaml:13: slides[0].colour: unknown key 'colour'; did you mean 'color'?\n"
    )


def test_a_missing_spec_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("lint", "nope.yaml")
    assert (result.exit_code, result.stderr) == (2, "slidekit: error: nope.yaml: no such file\n")


def test_a_spec_that_cannot_be_planned_exits_2(deck):
    result = run("lint", deck(GOOD.replace("    y: articulated\n", "    y: articulatd\n")))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "slidekit: error: deck.yaml:13: slides[0].y: column 'articulatd'"
    )


def test_lint_imports_no_plotting_or_pptx_code(tmp_path):
    write_deck(tmp_path, WARNS)
    probe = textwrap.dedent(
        """
        import sys
        from slidekit.cli import main
        try:
            main(["lint", "deck.yaml"])
        except SystemExit as exit:
            code = exit.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "pptx"))
        print("exit", code, "heavy", heavy)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.splitlines()[-1] == "exit 0 heavy []", result.stderr


@pytest.mark.parametrize(
    "spec", sorted(EXAMPLES.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_the_examples_lint_without_errors(spec, monkeypatch):
    monkeypatch.chdir(spec.parent)
    result = run("lint", spec.name)
    assert result.exit_code == 0, result.output


def test_the_week12_example_has_no_findings_at_all(monkeypatch):
    monkeypatch.chdir(EXAMPLES / "week12")
    result = run("lint", "--strict", "week12.yaml")
    assert (result.exit_code, result.stdout) == (0, "week12.yaml: no problems found\n")
