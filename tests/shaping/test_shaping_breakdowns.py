"""Backups that are real breakdowns: `backup: [{x: task}]`, and `section: backup` chart slides.

The replication's case: the main chart compares two conditions; the mentor's
question is "per task?", which puts the task on x with the condition as colour.
"""

from __future__ import annotations

import pytest
from shaping_helpers import footer_of, notes_of, slide_texts, title_of
from statsmodels.stats.proportion import proportion_confint

# Three tasks x two conditions, four questions each; correct answers counted by hand:
#   arith:  baseline 4/4, biased 1/4     logic: baseline 3/4, biased 2/4
#   tracking_shuffled_objects: baseline 2/4, biased 0/4
CORRECT = {
    ("arith", "baseline"): 4, ("arith", "biased"): 1,
    ("logic", "baseline"): 3, ("logic", "biased"): 2,
    ("tracking_shuffled_objects", "baseline"): 2, ("tracking_shuffled_objects", "biased"): 0,
}
ROWS = "task,condition,question,correct\n" + "".join(
    f"{task},{condition},{q},{int(q < k)}\n" for (task, condition), k in CORRECT.items() for q in range(4)
)


def _spec(backup: str = "[{x: task}]", extra: str = "") -> str:
    return (
        "title: Bias\ndata:\n  runs: runs.csv\nslides:\n"
        "  - chart: runs\n    takeaway: \"Biased prompts lower accuracy.\"\n    x: condition\n    y: correct\n"
        f"    backup: {backup}\n    notes: \"Main chart only.\"\n{extra}"
    )


def _wilson_line(name: str, k: int, n: int) -> str:
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return f"{name}: {k / n:.1%} [{lo:.1%}, {hi:.1%}], n = {n}"


def _links(slide) -> dict[str, int]:
    """Link text -> the target slide's 1-based position."""
    deck_slides = list(slide.part.package.presentation_part.presentation.slides)
    return {
        shape.text_frame.text: deck_slides.index(shape.click_action.target_slide) + 1
        for shape in slide.shapes
        if shape.has_text_frame and shape.click_action.target_slide is not None
    }


def test_a_breakdown_puts_the_column_on_x_and_the_main_x_as_colour(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec())
    deck = project.build()
    assert [title_of(s) for s in deck.slides] == [
        "Bias", "Biased prompts lower accuracy.", "Backup", "Each task, by condition",
    ]
    main, backup = deck.slides[1], deck.slides[3]
    assert _links(main) == {"Each task \u2192": 4}
    assert _links(backup) == {"\u2190 Back to the result": 2}
    assert footer_of(backup).startswith("n = 4 per bar (24 samples) \u00b7 error bars: 95% Wilson")
    notes = notes_of(backup).splitlines()
    assert notes[0] == "Breakdown of: Biased prompts lower accuracy."
    assert "Main chart only." not in notes  # the main slide's notes describe the main chart
    assert "Main chart only." in notes_of(main).splitlines()
    points = notes[notes.index("Points (value [lo, hi], n):") + 1:][:6]
    assert points == [
        _wilson_line(f"{task} / {condition}", k, 4) for (task, condition), k in CORRECT.items()
    ]


def test_the_breakdown_chart_has_every_task_and_both_conditions(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec())
    (backup,) = [s for s in project.plan().slides if getattr(s, "is_backup", False)]
    chart = backup.chart
    assert chart.x_values == ("arith", "logic", "tracking_shuffled_objects")
    assert chart.series == ("baseline", "biased")
    assert chart.x_label == "task" and chart.legend_title == "condition"
    assert len(set(chart.colors)) == 2
    assert {(p.x, p.series): (p.value, p.n) for p in chart.points} == {
        key: (k / 4, 4) for key, k in CORRECT.items()
    }


def test_main_slide_notes_list_every_bar_with_its_interval(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec())
    notes = notes_of(project.build().slides[1]).splitlines()
    baseline = sum(k for (_, c), k in CORRECT.items() if c == "baseline")
    biased = sum(k for (_, c), k in CORRECT.items() if c == "biased")
    start = notes.index("Points (value [lo, hi], n):")
    assert notes[start + 1:start + 3] == [_wilson_line("baseline", baseline, 12), _wilson_line("biased", biased, 12)]


def test_a_colour_copy_and_an_x_breakdown_of_the_same_column_are_told_apart(project):
    rows = "model,task,question,correct\n" + "".join(
        f"{m},{t},{q},{(q + i) % 2}\n" for i, m in enumerate(("a", "b")) for t in ("x1", "x2") for q in range(3)
    )
    project.write("runs.csv", rows)
    project.spec(
        "title: T\ndata:\n  runs: runs.csv\nslides:\n  - chart: runs\n    takeaway: Model a beats b.\n"
        "    x: model\n    y: correct\n    backup: [task, {x: task}]\n"
    )
    deck = project.build()
    assert [title_of(s) for s in deck.slides][3:] == ["Breakdown by task", "Each task, by model"]
    assert _links(deck.slides[1]) == {"By task \u2192": 4, "Each task \u2192": 5}


def test_a_chart_slide_in_the_backup_section_is_linked_both_ways(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec(backup="false", extra=(
        "  - chart: runs\n    section: backup\n    takeaway: \"Arithmetic suffers most from the bias.\"\n"
        "    x: task\n    y: correct\n    color: condition\n"
        "  - bullets: [\"Rerun with more questions.\"]\n    title: Next steps\n"
    )))
    deck = project.build()
    assert [title_of(s) for s in deck.slides] == [
        "Bias", "Biased prompts lower accuracy.", "Next steps", "Backup",
        "Arithmetic suffers most from the bias.",
    ]
    assert _links(deck.slides[1]) == {"Arithmetic suffers most from \u2026 \u2192": 5}
    assert _links(deck.slides[4]) == {"\u2190 Back to the result": 2}
    # A backup's takeaway is not a result of the week: next week's recap does not repeat it.
    assert project.plan().takeaways == ("Biased prompts lower accuracy.",)


@pytest.mark.parametrize(
    ("backup", "messages"),
    [
        ("[{x: tsak}]", [
            "slides[0].backup[0].x: column 'tsak' not in runs (columns: task, condition, question, "
            "correct); did you mean 'task'?"]),
        ("[{x: task, color: task}]", [
            "slides[0].backup[0].color: expected a column other than x; found 'task' for both"]),
        # Only what is wrong inside the list: not also "expected true or false" for the list.
        ("[{y: task}]", [
            "slides[0].backup[0]: missing required key 'x'",
            "slides[0].backup[0].y: unknown key 'y'; expected one of: x, color, title"]),
        ("[[task]]", ["slides[0].backup[0]: expected a column name or {x: COLUMN}; found a list of 1"]),
    ],
)
def test_a_bad_breakdown_is_one_line_per_problem_naming_the_key(project, backup, messages):
    project.write("runs.csv", ROWS)
    project.spec(_spec(backup=backup))
    line = project.line(f"backup: {backup}")
    assert project.errors() == [f"slidekit: error: deck.yaml:{line}: {m}" for m in messages]


def test_an_unknown_section_lists_the_known_ones(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec(extra="    section: appendix\n"))
    (error,) = project.errors()
    assert error.startswith(f"slidekit: error: deck.yaml:{project.line('section: appendix')}: slides[0].section: ")
    assert "'main'" in error and "'backup'" in error and "appendix" in error


def test_the_notes_end_with_every_point_after_the_users_notes(project):
    project.write("runs.csv", ROWS)
    project.spec(_spec())
    notes = notes_of(project.build().slides[1]).splitlines()
    assert notes[-3:] == [
        "Points (value [lo, hi], n):",
        _wilson_line("baseline", 9, 12),
        _wilson_line("biased", 3, 12),
    ]
    assert notes.index("Main chart only.") < notes.index("Points (value [lo, hi], n):")


def _wilson_cells(k: int, n: int) -> list[str]:
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return [f"{k / n:.1%}", f"{lo:.1%}", f"{hi:.1%}", f"{n:,}"]


def test_the_reports_carry_every_point_as_a_table_backups_included(project):
    from html.parser import HTMLParser

    project.write("runs.csv", ROWS)
    project.spec(_spec())
    project._monkeypatch.chdir(project.folder)
    from click.testing import CliRunner

    from slidekit.cli import main

    result = CliRunner().invoke(main, ["build", "deck.yaml", "--to", "md,html"])
    assert result.exit_code == 0, result.output
    main_rows = [["baseline", *_wilson_cells(9, 12)], ["biased", *_wilson_cells(3, 12)]]
    backup_rows = [[task, condition, *_wilson_cells(k, 4)] for (task, condition), k in CORRECT.items()]

    markdown = (project.folder / "deck.md").read_text().splitlines()
    tables = []
    for i, line in enumerate(markdown):
        if line.startswith("| ") and markdown[i + 1].startswith("| ---"):
            rows = []
            for row in markdown[i + 2:]:
                if not row.startswith("| "):
                    break
                rows.append([cell.strip().replace("\\_", "_") for cell in row.strip("|").split("|")])
            tables.append(([c.strip() for c in line.strip("|").split("|")], rows))
    assert tables == [
        (["condition", "correct (% of samples)", "low", "high", "n"], main_rows),
        (["task", "condition", "correct (% of samples)", "low", "high", "n"], backup_rows),
    ]

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append([])
            elif tag == "tr":
                self.tables[-1].append([])
            elif tag in ("td", "th"):
                self.cell = ""

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.tables[-1][-1].append(self.cell)
                self.cell = None

    cells = Cells()
    cells.feed((project.folder / "deck.html").read_text())
    assert cells.tables == [
        [["condition", "correct (% of samples)", "low", "high", "n"], *main_rows],
        [["task", "condition", "correct (% of samples)", "low", "high", "n"], *backup_rows],
    ]
