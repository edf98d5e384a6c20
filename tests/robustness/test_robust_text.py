"""Catalog, text: whatever characters a spec or a model's output holds, the deck stays valid.

Control and XML-special characters anywhere, prompts that are not UTF-8,
``{{ }}`` and ``{% %}`` in data (always literal), very long takeaways and
bullets, prompts of thousands of lines, hundreds of slides.
"""

from __future__ import annotations

import json

import pytest
from robust_helpers import CHART, CSV, SAFE_SECONDS, all_text, notes_of, slide_texts, titles, within

NASTY = "A\x00B\x01C\x08D\x1bE <b>&amp;</b> \"q\" 'q' \u202eRTL\u202c \u200bzw \ufffe end\x7f"
"""Control characters XML 1.0 forbids, markup, quotes, bidi overrides, a non-character.
(Vertical tab and form feed are whitespace: headlines and bullets fold them into spaces.)"""
SHOWN = "A\ufffdB\ufffdC\ufffdD\ufffdE <b>&amp;</b> \"q\" 'q' \u202eRTL\u202c \u200bzw \ufffd end\x7f"
"""How NASTY reads back from the deck: forbidden characters become U+FFFD, the rest stays."""


def q(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON escapes are YAML escapes)."""
    return json.dumps(text)


def test_control_and_markup_characters_in_every_spec_text(project):
    project.spec(
        f"title: {q(NASTY)}\nauthor: {q(NASTY)}\ntakeaways: [{q(NASTY)}]\n"
        f"recap:\n  takeaways: [{q(NASTY)}]\n  jargon: {{{q('<ITC&>')}: {q(NASTY)}}}\n"
        f"slides:\n  - bullets: [{q(NASTY)}, {q('x < y & z')}]\n    title: {q(NASTY)}\n    notes: {q(NASTY)}\n"
    )
    deck = project.deck()
    text = all_text(deck)
    assert titles(deck) == [SHOWN, "Recap", SHOWN]
    assert slide_texts(deck.slides[1])[1:] == [
        "Where things stand", SHOWN, "Terms used today", f"<ITC&>: {SHOWN}"
    ]
    assert slide_texts(deck.slides[2])[1:] == [SHOWN, "x < y & z"]
    assert notes_of(deck.slides[2]) == SHOWN
    assert "\x00" not in text and "\x1b" not in text
    assert deck.core_properties.author == SHOWN


def test_control_markup_and_dollar_characters_in_chart_texts_and_data(project):
    # Category values from the data and every chart text go to matplotlib and the XML.
    project.write(
        "t.csv",
        'family,cue,correct\n"$x^{","<&> $5 and $6",1\n"$x^{","<&> $5 and $6",0\n'
        '"b\x01$","\\undefined $$",1\n"b\x01$","\\undefined $$",0\n',
    )
    x_label, y_label, callout = q("cost in $ <&>\x07"), q("$\\frac{"), q("$$ <here> & \x08")
    project.spec(
        "title: T\ndata: {t: t.csv}\nslides:\n  - chart: t\n"
        f"    takeaway: {q(NASTY)}\n    x: cue\n    y: correct\n    color: family\n"
        f"    x_label: {x_label}\n    y_label: {y_label}\n"
        f"    callout:\n      at: {{cue: '<&> $5 and $6', family: '$x^{{'}}\n      text: {callout}\n"
        f"    notes: {q(NASTY)}\n"
    )
    deck = project.deck()
    assert titles(deck)[1] == SHOWN
    notes = notes_of(deck.slides[1]).splitlines()
    assert "n per family: $x^{ 2, b\ufffd$ 2." in notes
    assert "Callout at <&> $5 and $6 / $x^{: 50.0% (n = 2)." in notes


def test_template_syntax_in_data_stays_literal(project):
    project.write(
        "t.csv",
        'family,cue,correct\n"{{ 7*7 }}","{% for x in y %}",1\n"{{ 7*7 }}","{% for x in y %}",0\nplain,a,1\n',
    )
    project.write("p.txt", "Compute {{ 7*7 }} and {% if x %}y{% endif %} {# no comment #}.\n")
    project.spec(
        CHART.replace("t.csv\n", "t.csv\n  prompts:\n    rows: [{id: 1, input: \"{{ ''.__class__ }} {% raw %}\"}]\n")
        + "  - prompt: p.txt\n  - prompt: {data: prompts, where: 'id == 1'}\n"
    )
    deck = project.deck()
    text = all_text(deck)
    assert "n per family: {{ 7*7 }} 2, plain 1." in notes_of(deck.slides[1]).splitlines()
    assert "Compute {{ 7*7 }} and {% if x %}y{% endif %} {# no comment #}." in slide_texts(deck.slides[2])
    assert "{{ ''.__class__ }} {% raw %}" in slide_texts(deck.slides[3])
    assert "49" not in text


def test_prompt_file_that_is_not_utf8_falls_back_and_says_so(project):
    project.write("p.txt", b"Caf\xe9 \x93quoted\x94 <tag> & {{ x }}\n")
    project.spec("title: T\nslides:\n  - prompt: p.txt\n")
    deck = project.deck()
    assert slide_texts(deck.slides[1])[1:] == ["Caf\u00e9 \u201cquoted\u201d <tag> & {{ x }}"]
    assert notes_of(deck.slides[1]).splitlines() == [
        "Prompt from p.txt.",
        "p.txt is not UTF-8 (byte 3); it was read as Windows-1252, so check accented letters and symbols "
        "against the file.",
    ]


def test_utf16_prompt_file_is_decoded(project):
    project.write("p.txt", "Caf\u00e9 \u4e2d\u6587 prompt\n".encode("utf-16"))
    project.spec("title: T\nslides:\n  - prompt: p.txt\n")
    deck = project.deck()
    assert slide_texts(deck.slides[1])[1:] == ["Caf\u00e9 \u4e2d\u6587 prompt"]
    assert notes_of(deck.slides[1]) == "Prompt from p.txt."


def test_binary_prompt_file_is_an_error(project):
    project.write("p.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    project.spec("title: T\nslides:\n  - prompt: p.txt\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: slides[0].prompt: p.txt: a binary file (it holds NUL bytes); "
        "expected a text file"
    ]


def test_prompt_file_that_is_a_folder_is_an_error(project):
    project.write("prompts/cue.txt", "x")
    project.spec("title: T\nslides:\n  - prompt: prompts\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: slides[0].prompt: prompts is a folder; expected a text file"
    ]


def test_very_long_takeaway_is_cut_in_the_headline_and_kept_whole_in_the_notes(project):
    long = " ".join(f"w{i}" for i in range(400))
    project.write("t.csv", CSV)
    project.spec(CHART.replace("takeaway: ITC is right more often", f"takeaway: {q(long)}"))
    deck = project.deck()
    headline = titles(deck)[1]
    assert headline.endswith(" \u2026") and len(headline) < 300
    assert notes_of(deck.slides[1]).splitlines()[0] == f"Full headline: {long}"


def test_very_long_title_is_cut_on_the_title_slide_and_kept_whole_in_its_notes(project):
    # The title box holds five lines at 28 pt; the file's core properties hold 255 characters.
    title = " ".join(f"word{i}" for i in range(300))
    project.spec(f"title: {q(title)}\nauthor: {q('A' * 400)}\nslides: [{{bullets: [a], title: b}}]\n")
    deck = project.deck()
    shown = titles(deck)[0]
    assert shown.endswith(" \u2026") and title.startswith(shown[:-2]) and 100 < len(shown) < 500
    assert notes_of(deck.slides[0]) == f"Full title: {title}"
    assert len(deck.core_properties.title) == 255 and deck.core_properties.title.endswith("\u2026")
    assert len(deck.core_properties.author) == 255


def test_title_that_fits_is_kept_as_written(project):
    project.spec('title: "Week 12:  two spaces"\nslides: [{bullets: [a], title: b}]\n')
    deck = project.deck()
    assert titles(deck)[0] == "Week 12:  two spaces"
    assert notes_of(deck.slides[0]) == ""


def test_very_long_bullet_continues_on_the_next_slides(project):
    words = " ".join(f"w{i}" for i in range(3000))
    project.spec(f"title: T\nslides:\n  - bullets: [first, {q(words)}, {q('x' * 20000)}, last]\n    title: Big\n")
    deck = project.deck()
    within(SAFE_SECONDS, project.last)
    assert titles(deck)[1] == "Big" and set(titles(deck)[2:]) == {"Big (cont.)"}
    shown = "".join("".join(slide_texts(slide)[1:]) for slide in list(deck.slides)[1:])
    assert "".join(shown.split()) == "".join(("first" + words + "x" * 20000 + "last").split())


def test_huge_prompt_is_paginated_within_a_bound_and_the_rest_stated_in_the_notes(project):
    project.write("p.txt", "\n".join(f"line {i}: " + "token " * 12 for i in range(5000)) + "\n")
    project.spec("title: T\nslides:\n  - prompt: p.txt\n    title: Huge\n")
    deck = project.deck()
    within(SAFE_SECONDS, project.last)
    assert len(deck.slides) == 41
    assert titles(deck)[1:] == ["Huge"] + ["Huge (cont.)"] * 39
    assert slide_texts(deck.slides[-1])[-1] == "[... 4,081 more lines omitted: see the notes]"
    assert notes_of(deck.slides[-1]).splitlines() == [
        "Prompt from p.txt.",
        "The prompt is too long for 40 slides: the last 4,081 wrapped lines are not shown; the full text is in p.txt.",
    ]


def test_prompt_of_one_enormous_line_does_not_hang(project):
    project.write("p.txt", "y" * 2_000_000)
    project.spec("title: T\nslides:\n  - prompt: p.txt\n")
    deck = project.deck()
    within(SAFE_SECONDS, project.last)
    assert len(deck.slides) == 41
    assert "not shown" in notes_of(deck.slides[1])


def test_hundreds_of_slides(project):
    slides = "".join(f"  - bullets: [\"Point {i} <&>\"]\n    title: \"Slide {i}\"\n" for i in range(300))
    project.spec("title: Many\nslides:\n" + slides)
    deck = project.deck()
    within(SAFE_SECONDS, project.last)
    assert len(deck.slides) == 301
    assert slide_texts(deck.slides[300]) == ["Slide 299", "Point 299 <&>"]


def test_many_chart_slides(project):
    project.write("t.csv", CSV)
    slides = "".join(
        f"  - chart: t\n    takeaway: \"Chart {i}\"\n    x: cue\n    y: correct\n    color: family\n"
        f"    backup: false\n"
        for i in range(12)
    )
    project.spec("title: Many charts\ndata: {t: t.csv}\nslides:\n" + slides)
    deck = project.deck("-j", "1")
    assert titles(deck) == ["Many charts"] + [f"Chart {i}" for i in range(12)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\u4e2d\u6587\u6807\u9898 \U0001F680 \u0645\u0631\u062d\u0628\u0627", id="cjk-emoji-rtl"),
        pytest.param("e\u0301\u0301\u0301 Z\u0351\u0352\u0353\u0354\u0355", id="combining-marks"),
        pytest.param("\u2028line\u2029para\x85next\tend", id="unicode-line-breaks"),
    ],
)
def test_unusual_unicode_in_text_and_data(project, text):
    project.write("t.csv", f'family,cue,correct\n"{text}",a,1\n"{text}",a,0\nB,a,1\n')
    project.spec(CHART.replace("takeaway: ITC is right more often", f"takeaway: {q(text)}"))
    deck = project.deck()
    assert titles(deck)[1] == " ".join(text.split())
    assert f"n per family: {text} 2, B 1." in notes_of(deck.slides[1])
