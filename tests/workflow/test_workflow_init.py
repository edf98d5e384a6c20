"""`slidekit init`: next week's spec from last week's (comments kept), or a first one that builds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from slidekit.cli import main
from slidekit.lint.linter import lint_spec
from slidekit.pipeline import build
from slidekit.plan.model import RecapSlide
from slidekit.workflow.init import advance_week, guess_previous, next_week_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def week12(tmp_path, monkeypatch) -> Path:
    """A copy of examples/week12 (without its deck), as the current folder."""
    folder = tmp_path / "project"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.pptx", "__pycache__"))
    monkeypatch.chdir(folder)
    return folder


def recap_of(spec: Path) -> list[str]:
    from slidekit.data.tables import load_tables
    from slidekit.plan.resolve import resolve_plan
    from slidekit.spec.load import load_spec

    loaded = load_spec(spec)
    plan = resolve_plan(loaded, load_tables(loaded))
    return [t for s in plan.slides if isinstance(s, RecapSlide) for t in s.takeaways]


def test_next_week_from_the_number_in_the_name(week12):
    result = run("init", "week13")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote week13.yaml from week12.yaml")
    old, new = (week12 / "week12.yaml").read_text(), (week12 / "week13.yaml").read_text()
    spec = yaml.safe_load(new)
    assert spec["title"] == "Week 13: Do reasoning models articulate the cues they follow?"
    assert spec["date"] == dt.date(2025, 1, 27)
    assert spec["recap"]["from"] == "week12.yaml"
    assert "takeaways" not in spec and "takeaways" not in spec["recap"]
    last = yaml.safe_load(old)
    assert spec["data"] == last["data"] and spec["slides"] == last["slides"]
    assert spec["recap"]["jargon"] == last["recap"]["jargon"]
    # Comments survive, and the lines that did not change are the same lines.
    for comment in ("# per-sample: one row per question x model x cue", "# 3 seeds per run"):
        assert comment in new
    assert new.splitlines()[-30:] == old.splitlines()[-30:]


def test_next_weeks_spec_builds_and_recaps_last_weeks_takeaways(week12):
    run("init", "week13")
    build(week12 / "week13.yaml")
    assert (week12 / "week13.pptx").is_file()
    assert recap_of(week12 / "week13.yaml") == [
        "ITC models articulate cues far more often.",
        "Fine-tuning brings validation loss down; the baseline stays flat.",
    ]


def test_from_a_spec_in_another_folder_rebases_the_paths(week12):
    (week12 / "next").mkdir()
    result = run("init", "next/week13.yaml", "--from", "week12.yaml")
    assert result.exit_code == 0, result.output
    spec = yaml.safe_load((week12 / "next" / "week13.yaml").read_text())
    assert spec["recap"]["from"] == "../week12.yaml"
    assert spec["data"]["cues"] == "../results/articulation.csv"
    assert spec["data"]["loss"]["path"] == "../results/train_log.jsonl"
    assert spec["slides"][2]["prompt"] == "../prompts/professor_cue.txt"
    build(week12 / "next" / "week13.yaml")


def test_with_no_earlier_week_a_commented_example_that_builds_and_lints_clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "week01")
    assert result.exit_code == 0, result.output
    assert "an example spec that builds as it is" in result.output
    text = (tmp_path / "week01.yaml").read_text()
    spec = yaml.safe_load(text)
    assert spec["title"].startswith("Week 1: ") and list(spec["data"]) == ["answers"]
    assert "rows" in spec["data"]["answers"]  # no data file needed
    lines = text.splitlines()
    for key in ("title", "author", "date", "recap", "data", "slides", "chart", "prompt", "bullets"):
        at = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}:"))
        assert "#" in lines[at] or lines[at + 1].strip().startswith("#"), f"{key} is not explained"
    assert lint_spec(tmp_path / "week01.yaml").findings == ()
    assert run("build", "week01.yaml").output == "wrote week01.pptx (5 slides, 1 chart)\n"
    # A first week has no last week: its recap says where things stand.
    assert recap_heading(tmp_path / "week01.pptx") == "Where things stand"
    # ... and the week after continues it.
    assert run("init", "week02").exit_code == 0
    assert yaml.safe_load((tmp_path / "week02.yaml").read_text())["recap"] == {
        "from": "week01.yaml", "jargon": spec["recap"]["jargon"],
    }
    build(tmp_path / "week02.yaml")
    assert recap_heading(tmp_path / "week02.pptx") == "Last week's takeaways"
    assert run("checklist", "week02.yaml").exit_code == 0
    assert "**Last week's takeaways:**" in (tmp_path / "week02.checklist.md").read_text()


def recap_heading(deck: Path) -> str:
    """The first line of the recap slide's body."""
    from pptx import Presentation

    recap = Presentation(str(deck)).slides[1]
    body = [shape for shape in recap.shapes if shape.has_text_frame and shape != recap.shapes.title]
    return body[0].text_frame.paragraphs[0].text


def test_an_existing_spec_is_never_replaced_without_force(week12):
    before = (week12 / "week11.yaml").read_text()
    result = run("init", "week11.yaml", "--from", "week12.yaml")
    assert result.exit_code == 2
    assert result.stderr == "slidekit: error: week11.yaml: already exists; use --force to replace it\n"
    assert (week12 / "week11.yaml").read_text() == before
    assert run("init", "week11.yaml", "--from", "week12.yaml", "--force").exit_code == 0
    assert (week12 / "week11.yaml").read_text() != before


def test_a_missing_from_spec_is_an_error(week12):
    result = run("init", "week13", "--from", "week10.yaml")
    assert result.exit_code == 2
    assert result.stderr == "slidekit: error: week10.yaml: no such file\n"
    assert not (week12 / "week13.yaml").exists()


def test_the_latest_earlier_week_is_found_across_a_gap_and_padding(tmp_path):
    for name in ("week9.yml", "week07.yaml", "week12.yaml", "notes.yaml"):
        (tmp_path / name).write_text("title: t\n")
    assert guess_previous(tmp_path / "week11.yaml") == tmp_path / "week9.yml"
    assert guess_previous(tmp_path / "week08.yaml") == tmp_path / "week07.yaml"
    assert guess_previous(tmp_path / "week07.yaml") is None
    assert guess_previous(tmp_path / "final.yaml") is None


def test_a_two_week_gap_moves_the_title_and_date_by_two_weeks(tmp_path):
    (tmp_path / "week09.yaml").write_text('title: "Week 9: x"\ndate: 2025-03-03\nslides: []\n')
    assert run("init", str(tmp_path / "week11")).exit_code == 0
    spec = yaml.safe_load((tmp_path / "week11.yaml").read_text())
    assert (spec["title"], spec["date"]) == ("Week 11: x", dt.date(2025, 3, 17))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Week 12: x", "Week 13: x"),
        ("week 09 - x", "week 10 - x"),
        ("W07 update", "W08 update"),
        ("Cue study, week 3 of 10", "Cue study, week 4 of 10"),
        ("No number here", "No number here"),
    ],
)
def test_the_week_number_in_the_title_moves_on(title, expected):
    assert advance_week(title, 1) == expected


def test_a_spec_without_a_recap_gets_one(tmp_path):
    text = "title: Week 2  # the question\nauthor: me\n\ndata:\n  a: a.csv\nslides: []\n"
    assert next_week_text(text, "w.yaml", recap_from="week02.yaml") == (
        "title: Week 3  # the question\nauthor: me\n\nrecap:\n"
        "  from: week02.yaml    # last week's spec: its takeaways open the deck\n\n"
        "data:\n  a: a.csv\nslides: []\n"
    )


@pytest.mark.parametrize(
    "recap",
    ["recap:\n", "recap: {jargon: {A: b}, takeaways: [x]}\n", "recap:\n  takeaways: [x]\n  jargon: {A: b}\n"],
)
def test_recap_from_is_set_in_any_form_of_recap(recap):
    text = next_week_text(f"title: t\n{recap}slides: []\n", "w.yaml", recap_from="w1.yaml")
    spec = yaml.safe_load(text)
    assert spec["recap"]["from"] == "w1.yaml" and "takeaways" not in spec["recap"]
