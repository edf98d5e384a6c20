"""Catalog, spec semantics: valid YAML that means something impossible, or is typed oddly.

Wrong types, empty lists, dates that do not exist, recap chains that loop,
callouts that select nothing or several points, and values whose YAML type
differs from the data's.
"""

from __future__ import annotations

import pytest
from robust_helpers import CHART, CSV, SAFE_SECONDS, all_text, notes_of, slide_texts, titles, within

BULLETS = "slides: [{bullets: [a], title: b}]\n"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param(
            "title: [T]\nslides: {a: 1}\n",
            [
                "deck.yaml:1: title: expected text; found a list of 1",
                "deck.yaml:2: slides: expected a list; found a mapping (a)",
            ],
            id="list-for-text-and-mapping-for-list",
        ),
        pytest.param(
            "title: T\nslides:\n  - bullets: [42, yes]\n    title: 2025-01-20\n",
            [
                "deck.yaml:3: slides[0].bullets[0]: expected text; found 42; put it in quotes to keep it as written",
                "deck.yaml:3: slides[0].bullets[1]: expected text; found true (a boolean); "
                "put it in quotes to keep it as written",
                "deck.yaml:4: slides[0].title: expected text; found 2025-01-20 (a date); "
                "put it in quotes to keep it as written",
            ],
            id="yaml-typed-text",
        ),
        pytest.param(
            "title: T\nslides: []\n",
            ["deck.yaml:2: slides: expected at least 1 item(s); found an empty list"],
            id="no-slides",
        ),
        pytest.param(
            "title: T\nslides:\n  - bullets: []\n    title: Next\n",
            ["deck.yaml:3: slides[0].bullets: expected at least 1 item(s); found an empty list"],
            id="no-bullets",
        ),
        pytest.param(
            "title: T\nslides:\n  - prompt: {messages: []}\n",
            ["deck.yaml:3: slides[0].prompt.messages: expected at least 1 item(s); found an empty list"],
            id="no-messages",
        ),
        pytest.param(
            "title: T\ndata: {t: {rows: [{}]}}\n" + BULLETS,
            ["deck.yaml:2: data.t.rows[0]: expected at least 1 item(s); found an empty mapping"],
            id="empty-inline-row",
        ),
        pytest.param(
            "title: T\nslides:\n  - chart: t\n    bullets: [a]\n    title: b\n",
            [
                "deck.yaml:3: slides[0]: expected exactly one of chart, prompt, bullets (the slide's kind); "
                "found both chart and bullets"
            ],
            id="two-kinds",
        ),
        pytest.param(
            "title: T\nslides:\n  - {}\n",
            [
                "deck.yaml:3: slides[0]: expected exactly one of chart, prompt, bullets (the slide's kind); "
                "found an empty mapping"
            ],
            id="no-kind",
        ),
        pytest.param(
            "title: T\ndate: 2025-02-30\n" + BULLETS,
            ["deck.yaml:2: date: expected a real date (YYYY-MM-DD); found '2025-02-30'"],
            id="february-30",
        ),
        pytest.param(
            "title: T\ndate: 2025-13-01\n" + BULLETS,
            ["deck.yaml:2: date: expected a real date (YYYY-MM-DD); found '2025-13-01'"],
            id="month-13",
        ),
        pytest.param(
            "title: T\ndate: next monday\n" + BULLETS,
            ["deck.yaml:2: date: expected a real date (YYYY-MM-DD); found 'next monday'"],
            id="date-in-words",
        ),
        pytest.param(
            "title: T\nslides:\n  - prompt: {text: hi, file: p.txt}\n",
            ["deck.yaml:3: slides[0].prompt: expected exactly one of text, messages, file, data; found text, file"],
            id="two-prompt-sources",
        ),
    ],
)
def test_invalid_spec(project, spec, expected):
    project.spec(spec)
    assert project.errors() == [f"slidekit: error: {line}" for line in expected]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param("    kind: pie\n", "slides[0].kind: expected one of 'bar', 'line'; found 'pie'", id="kind"),
        pytest.param(
            "    show: []\n", "slides[0].show: expected at least 1 item(s); found an empty list", id="empty-show"
        ),
        pytest.param(
            "    ci: 1.5\n", "slides[0].ci: expected a number less than 1; found 1.5", id="ci-above-one"
        ),
        pytest.param(
            "    show: [ITC, Nope]\n",
            "slides[0].show[1]: 'Nope' is not a value of family (values: ITC, Base)",
            id="show-unknown-value",
        ),
    ],
)
def test_invalid_chart_key(project, extra, expected):
    project.write("t.csv", CSV)
    project.spec(CHART + extra)
    assert project.errors() == [f"slidekit: error: deck.yaml:10: {expected}"]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param("{cue: Doctor}", "slides[0].callout.at: cue=Doctor matches no point of the chart", id="nothing"),
        pytest.param(
            "{cue: Professor}",
            "slides[0].callout.at: cue=Professor matches 2 points, expected one; add family to pick one",
            id="several",
        ),
        pytest.param(
            "{model: m1}",
            "slides[0].callout.at.model: 'model' is not a column of this chart; expected one of: cue (x), family (color)",
            id="not-a-chart-column",
        ),
        pytest.param(
            "{}", "slides[0].callout.at: expected at least 1 item(s); found an empty mapping", id="empty"
        ),
    ],
)
def test_callout_that_does_not_select_one_point(project, at, expected):
    project.write("t.csv", CSV)
    project.spec(CHART + f"    callout:\n      at: {at}\n      text: Look here\n")
    assert project.errors() == [f"slidekit: error: deck.yaml:11: {expected}"]


@pytest.mark.parametrize("step", ["'2000'", "2000", "2000.0", '"2000"'])
def test_callout_value_typed_differently_from_the_data_still_matches(project, step):
    # The CSV's step column holds integers; YAML may say "2000", 2000 or 2000.0.
    project.write("t.csv", CSV)
    project.spec(
        CHART.replace("x: cue", "x: step").replace("color: family", "color: family\n    kind: line")
        + f"    callout:\n      at: {{step: {step}, family: ITC}}\n      text: Look here\n"
    )
    deck = project.deck()
    assert "Callout at 2000 / ITC: 50.0% (n = 4)." in notes_of(deck.slides[1]).splitlines()


def test_show_value_typed_differently_from_the_data_still_matches(project):
    project.write("t.csv", "seed,x,ok\n0,a,1\n0,b,0\n1,a,0\n1,b,1\n2,a,1\n")
    project.spec(
        "title: T\ndata: {t: t.csv}\nslides:\n  - chart: t\n    takeaway: Seeds agree\n"
        "    x: x\n    y: ok\n    color: seed\n    show: ['0', 1.0]\n"
    )
    deck = project.deck()
    notes = notes_of(deck.slides[1])
    assert "n per seed: 0 2, 1 2." in notes
    assert "Hidden from this chart (see backup): 2 1." in notes


def test_recap_chain_that_loops_back_builds_with_last_weeks_takeaways(project):
    # week12 recaps week11, which recaps week12: a cycle is never followed.
    project.write("t.csv", CSV)
    project.write(
        "week11.yaml",
        "title: Week 11\ntakeaways: [\"Week 11 saw {{ count('t') }} rows\"]\ndata: {t: t.csv}\n"
        "recap: {from: week12.yaml}\n" + BULLETS,
    )
    project.spec(
        "title: Week 12\ntakeaways: [Week 12 takeaway]\ndata: {t: t.csv}\nrecap: {from: week11.yaml}\n" + BULLETS,
        name="week12.yaml",
    )
    deck = project.deck(name="week12.yaml")
    within(SAFE_SECONDS, project.last)
    assert titles(deck) == ["Week 12", "Recap", "b"]
    assert slide_texts(deck.slides[1])[1:] == ["Last week's takeaways", "Week 11 saw 12 rows"]


def test_recap_from_the_spec_itself_is_an_error(project):
    project.spec("title: T\nrecap: {from: ./deck.yaml}\n" + BULLETS)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: recap.from: points at this spec itself; expected last week's spec"
    ]


def test_recap_from_a_missing_file_is_an_error(project):
    project.spec("title: T\nrecap: {from: week11.yaml}\n" + BULLETS)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: recap.from: week11.yaml: no such file; expected last week's spec"
    ]


def test_recap_from_a_folder_is_an_error(project):
    project.write("week11/notes.txt", "x")
    project.spec("title: T\nrecap: {from: week11}\n" + BULLETS)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: recap.from: week11: is a folder; expected last week's spec"
    ]


def test_recap_from_a_broken_spec_names_that_file(project):
    project.write("week11.yaml", "title: [\n")
    project.spec("title: T\nrecap: {from: week11.yaml}\n" + BULLETS)
    assert project.errors() == [
        "slidekit: error: week11.yaml:2: invalid YAML: expected the node content, but found '<stream end>'"
    ]


def test_datetime_for_date_keeps_the_day(project):
    project.spec("title: T\ndate: 2025-01-20 10:30:00\nauthor: A\n" + BULLETS)
    deck = project.deck()
    assert "A \u00b7 20 January 2025" in all_text(deck)
