"""The `slidekit build` command: messages, exit codes, exact error lines, atomic output."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from slidekit.cli import main


def run_build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def edit_spec(folder, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in week12.yaml once; return the line of the change."""
    spec = folder / "week12.yaml"
    text = spec.read_text()
    assert text.count(old) >= 1, old
    text = text.replace(old, new, 1)
    spec.write_text(text)
    return next(i for i, line in enumerate(text.splitlines(), 1) if new in line)


def test_success_message_and_no_temporary_files(fresh_example, monkeypatch):
    monkeypatch.chdir(fresh_example)
    listing = sorted(p.name for p in fresh_example.iterdir())
    result = run_build("week12.yaml", "-o", "deck.pptx")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote deck.pptx (9 slides, 4 charts)\n"
    assert result.stderr == ""
    assert (fresh_example / "deck.pptx").stat().st_size > 0
    assert sorted(p.name for p in fresh_example.iterdir()) == sorted([*listing, "deck.pptx"])


def test_default_output_is_next_to_the_spec(tmp_path, monkeypatch):
    (tmp_path / "week13.yaml").write_text('title: T\nslides:\n  - bullets: ["x"]\n    title: B\n')
    monkeypatch.chdir(tmp_path)
    result = run_build("week13.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote week13.pptx (2 slides, 0 charts)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week13.pptx", "week13.yaml"]


def test_bad_spec_in_a_subprocess_is_exit_2_with_located_lines(fresh_example):
    edit_spec(fresh_example, 'title: "Week 12', 'titel: "Week 12')
    edit_spec(fresh_example, "kind: line", "kind: pie")
    result = subprocess.run(
        [sys.executable, "-m", "slidekit", "build", "week12.yaml"],
        cwd=fresh_example, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) >= 2
    for line in lines:
        assert re.match(r"slidekit: error: week12\.yaml:\d+: \S", line), line
    assert any("unknown key 'titel'; did you mean 'title'?" in line for line in lines)
    assert any("slides[1].kind" in line and "pie" in line for line in lines)
    assert not (fresh_example / "week12.pptx").exists()


def _columns(folder) -> str:
    with open(folder / "results" / "articulation.csv", newline="") as f:
        return ", ".join(next(csv.reader(f)))


def test_missing_column_is_one_exact_line(fresh_example, monkeypatch):
    line = edit_spec(fresh_example, "color: family", "color: famly")
    monkeypatch.chdir(fresh_example)
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"slidekit: error: week12.yaml:{line}: slides[0].color: column 'famly' not in cues "
        f"(columns: {_columns(fresh_example)}); did you mean 'family'?\n"
    )


def test_callout_matching_nothing_is_an_error(fresh_example, monkeypatch):
    line = edit_spec(fresh_example, "at: {cue: Professor, family: ITC}", "at: {cue: Teacher, family: ITC}")
    monkeypatch.chdir(fresh_example)
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"slidekit: error: week12.yaml:{line}: slides[0].callout.at: "
        "cue=Teacher, family=ITC matches no point of the chart\n"
    )


def test_callout_matching_several_points_is_an_error(fresh_example, monkeypatch):
    line = edit_spec(fresh_example, "at: {cue: Professor, family: ITC}", "at: {cue: Professor}")
    monkeypatch.chdir(fresh_example)
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    # Professor has a point for each of the 3 families.
    assert result.stderr == (
        f"slidekit: error: week12.yaml:{line}: slides[0].callout.at: "
        "cue=Professor matches 3 points, expected one; add family to pick one\n"
    )


def test_show_unknown_category_is_an_error(fresh_example, monkeypatch):
    line = edit_spec(fresh_example, "show: [ITC, Non-ITC]", "show: [ITCC]")
    monkeypatch.chdir(fresh_example)
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"slidekit: error: week12.yaml:{line}: slides[0].show[0]: "
        "'ITCC' is not a value of family (values: ITC, Non-ITC, Base)\n"
    )


def test_failed_rebuild_leaves_existing_deck_untouched(fresh_example, monkeypatch):
    monkeypatch.chdir(fresh_example)
    assert run_build("week12.yaml").exit_code == 0
    deck = fresh_example / "week12.pptx"
    before = deck.read_bytes()
    listing = sorted(p.name for p in fresh_example.iterdir())
    edit_spec(fresh_example, "color: family", "color: famly")
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("slidekit: error: week12.yaml:")
    assert deck.read_bytes() == before
    assert sorted(p.name for p in fresh_example.iterdir()) == listing  # no temporary files left


def test_failed_first_build_writes_nothing(fresh_example, monkeypatch):
    monkeypatch.chdir(fresh_example)
    listing = sorted(p.name for p in fresh_example.iterdir())
    edit_spec(fresh_example, "show: [ITC, Non-ITC]", "show: [ITCC]")
    result = run_build("week12.yaml")
    assert result.exit_code == 2
    assert not (fresh_example / "week12.pptx").exists()
    assert sorted(p.name for p in fresh_example.iterdir()) == listing


@pytest.mark.parametrize("output", ["week12.yaml", "results/articulation.csv"])
def test_output_over_an_input_is_refused(fresh_example, monkeypatch, output):
    monkeypatch.chdir(fresh_example)
    before = (fresh_example / output).read_bytes()
    result = run_build("week12.yaml", "-o", output)
    assert result.exit_code == 2
    assert result.stderr == (
        f"slidekit: error: {output}: the output would overwrite an input file; choose another -o path\n"
    )
    assert (fresh_example / output).read_bytes() == before


def test_build_help_says_where_the_chart_cache_lives():
    help_text = " ".join(run_build("--help").output.split())
    assert (
        "--no-cache Redraw every chart, ignoring the chart cache ($SLIDEKIT_CACHE_DIR, else "
        "$XDG_CACHE_HOME/slidekit, else ~/.cache/slidekit)."
    ) in help_text
