"""``slidekit init --speedrun`` and the speedrun example: specs that build, with every mark, as they stand."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from speedrun_helpers import banners, chart_images, open_deck, watermark_pixels

from slidekit.cli import main
from slidekit.lint.linter import lint_spec
from slidekit.pipeline import build
from slidekit.render.abstract import write_abstract

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "speedrun"


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_init_speedrun_writes_a_commented_spec_that_builds_as_it_stands(tmp_path):
    result = run("init", "--speedrun", tmp_path / "sway")
    assert result.exit_code == 0, result.output
    spec = tmp_path / "sway.yaml"
    assert result.output.startswith(f"wrote {spec}: a speedrun spec with hypothetical data")
    text = spec.read_text(encoding="utf-8")
    for part in ("hypothetical: true", "expect:", "abstract:", "motivation:", "hypothesis:",
                 "implications:", "prompt:", "# When the real results exist, change one line"):
        assert part in text, part
    assert text.count("- {condition: ") == 2  # two conditions, each with its expected rate
    build(spec, jobs=1)
    deck = open_deck(tmp_path / "sway.pptx")
    chart = deck.slides[1]
    assert [len(banners(s)) for s in deck.slides] == [1, 1, 0, 0]  # title and chart, not prompt or bullets
    assert watermark_pixels(chart_images(chart)[0]) > 10_000
    assert chart.shapes.title.text_frame.text.replace("\x0b", " ") == (  # \v: slidekit's line break
        "A professor's opinion raises answers that follow it from 24% to 48%"
    )
    assert [f.severity for f in lint_spec(spec).findings].count("error") == 0
    abstract = write_abstract(spec)
    assert (abstract.results, abstract.hypothetical) == (1, 1)


def test_init_speedrun_never_replaces_a_spec_and_starts_no_chain_of_weeks(tmp_path):
    (tmp_path / "sway.yaml").write_text("title: mine\n", encoding="utf-8")
    result = run("init", "--speedrun", tmp_path / "sway")
    assert result.exit_code == 2 and "already exists; use --force" in result.output
    assert (tmp_path / "sway.yaml").read_text(encoding="utf-8") == "title: mine\n"
    result = run("init", "--speedrun", tmp_path / "other", "--from", tmp_path / "sway.yaml")
    assert result.exit_code == 2 and "a speedrun starts a new project; drop --from" in result.output


def test_the_speedrun_example_builds_its_deck_and_its_abstract(tmp_path):
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "speedrun", ignore=shutil.ignore_patterns("*.pptx", "*.md")))
    build(folder / "speedrun.yaml", jobs=1)
    deck = open_deck(folder / "speedrun.pptx")
    assert [len(banners(s)) for s in deck.slides] == [1, 0, 1, 0, 0]
    abstract = write_abstract(folder / "speedrun.yaml").path.read_text(encoding="utf-8")
    assert "ITC models would articulate the professor cue 61% of the time, Non-ITC models 6%. **\\[HYPOTHETICAL\\]**" in abstract
    assert abstract.startswith("# Do reasoning models say so when a cue changes their answer?\n")
    assert "> **This draft contains hypothetical results" in abstract


def test_next_weeks_spec_in_another_folder_keeps_the_abstract_template_found(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "week1.yaml").write_text(
        'title: "Week 1: T"\nabstract:\n  template: mine.md.j2\nslides: [{bullets: [x], title: B}]\n',
        encoding="utf-8",
    )
    result = run("init", tmp_path / "b" / "week2", "--from", tmp_path / "a" / "week1.yaml")
    assert result.exit_code == 0, result.output
    assert "  template: ../a/mine.md.j2\n" in (tmp_path / "b" / "week2.yaml").read_text(encoding="utf-8")
