"""A spec with several problems lists them all, sorted by line, whichever stage finds them."""

from __future__ import annotations

from click.testing import CliRunner

from slidekit.cli import main

TABLE = "name,ok\na,1\nb,0\n"


def test_a_slide_without_title_and_a_missing_recap_file_are_both_reported(project):
    project.spec(
        "title: T\nrecap:\n  from: week11.yaml\nslides:\n  - bullets: [a]\n"
    )
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: recap.from: week11.yaml: no such file; expected last week's spec",
        "slidekit: error: deck.yaml:5: slides[0]: missing required key 'title'",
    ]


SEVERAL = """\
title: T
recap:
  from: week11.yaml
data:
  t: t.csv
  u: gone.csv
slides:
  - bullets: [a]
  - chart: t
    takeaway: x
    x: nme
    y: ok
  - prompt: nofile.txt
  - chart: t
    takeaway: y
    x: name
    y: ok
    color: name
    show: [zzz]
  - prompt: {file: also.txt}
    bogus: 1
"""

EXPECTED = [
    "deck.yaml:3: recap.from: week11.yaml: no such file; expected last week's spec",
    "deck.yaml:6: data.u: gone.csv: no such file",
    "deck.yaml:8: slides[0]: missing required key 'title'",
    "deck.yaml:11: slides[1].x: column 'nme' not in t (columns: name, ok); did you mean 'name'?",
    "deck.yaml:13: slides[2].prompt: nofile.txt: no such file",
    "deck.yaml:19: slides[3].show[0]: 'zzz' is not a value of name (values: a, b)",
    "deck.yaml:20: slides[4].prompt.file: also.txt: no such file",
    "deck.yaml:21: slides[4].bogus: unknown key 'bogus'; expected one of: prompt, title, highlight, notes, lint",
]


def test_schema_file_column_and_category_problems_all_at_once(project):
    project.write("t.csv", TABLE)
    project.spec(SEVERAL)
    assert project.errors() == [f"slidekit: error: {line}" for line in EXPECTED]


def test_lint_lists_the_same_problems(project, monkeypatch):
    project.write("t.csv", TABLE)
    project.spec(SEVERAL)
    monkeypatch.chdir(project.folder)
    result = CliRunner().invoke(main, ["lint", "deck.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"slidekit: error: {line}" for line in EXPECTED]


def test_a_problem_outside_the_slides_still_lists_the_missing_files(project):
    # The deck-level key is wrong, so the slides cannot be planned; the files are still checked.
    project.spec(
        "title: T\nauthr: me\ntemplate: lab.pptx\ndata:\n  t: {path: t.csv}\n"
        "slides:\n  - prompt: p.txt\n    title: P\n"
    )
    lines = project.errors()
    assert lines[0] == "slidekit: error: deck.yaml:2: authr: unknown key 'authr'; did you mean 'author'?"
    assert lines[1:] == [
        "slidekit: error: deck.yaml:3: template: lab.pptx: no such file",
        "slidekit: error: deck.yaml:5: data.t.path: t.csv: no such file",
        "slidekit: error: deck.yaml:7: slides[0].prompt: p.txt: no such file",
    ]
