"""Catalog, YAML: whatever the spec file holds, one clear line per problem and nothing written.

Each case runs ``slidekit build deck.yaml`` through the real CLI and asserts the
exact error lines, exit status 2, no traceback and an untouched folder.
"""

from __future__ import annotations

import pytest
from robust_helpers import SAFE_SECONDS, within

OK_SLIDES = "slides: [{bullets: [a], title: b}]\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "", "deck.yaml: the spec is empty; expected a mapping with title and slides", id="empty"
        ),
        pytest.param(
            "# week 12\n\n   \n# nothing yet\n",
            "deck.yaml: the spec is empty; expected a mapping with title and slides",
            id="only-comments",
        ),
        pytest.param(
            "- title: T\n- slides: []\n",
            "deck.yaml:1: expected a mapping with title and slides at the top; found a list of 2",
            id="a-list",
        ),
        pytest.param(
            "just a sentence\n",
            "deck.yaml:1: expected a mapping with title and slides at the top; found 'just a sentence'",
            id="a-scalar",
        ),
        pytest.param(
            "title: [unclosed\n" + OK_SLIDES,
            "deck.yaml:2: invalid YAML: expected ',' or ']', but got ':'",
            id="unclosed-bracket",
        ),
        pytest.param(
            "title: T\n  author: A\n" + OK_SLIDES,
            "deck.yaml:2: invalid YAML: mapping values are not allowed here",
            id="bad-indentation",
        ),
        pytest.param(
            "title: T\nslides:\n\t- bullets: [a]\n",
            "deck.yaml:3: invalid YAML: found character '\\t' that cannot start any token",
            id="tab-indentation",
        ),
        pytest.param(
            'title: "unterminated\n' + OK_SLIDES,
            "deck.yaml:3: invalid YAML: found unexpected end of stream",
            id="unterminated-string",
        ),
        pytest.param(
            "title: T\n" + OK_SLIDES + "---\ntitle: U\n",
            "deck.yaml:3: invalid YAML: the file holds several documents (separated by ---); expected one spec",
            id="two-documents",
        ),
    ],
)
def test_unreadable_yaml(project, text, expected):
    project.spec(text)
    assert project.errors() == [f"slidekit: error: {expected}"]


def test_duplicate_top_level_key_is_an_error_not_last_one_wins(project):
    project.spec("title: Week 12\nauthor: A\ntitle: Week 13\n" + OK_SLIDES)
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: title: duplicate key 'title' (first defined on line 1); "
        "YAML would silently keep only the last one"
    ]


def test_duplicate_key_inside_a_slide_names_the_slide(project):
    project.spec("title: T\nslides:\n  - bullets: [a]\n    title: Next\n    title: Later\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:5: slides[0].title: duplicate key 'title' (first defined on line 4); "
        "YAML would silently keep only the last one"
    ]


def test_unknown_top_level_key_suggests_the_near_one(project):
    project.spec("title: T\nslide:\n  - bullets: [a]\n    title: b\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:1: missing required key 'slides'",
        "slidekit: error: deck.yaml:2: slide: unknown key 'slide'; did you mean 'slides'?",
    ]


def test_unknown_nested_key_suggests_the_near_one(project):
    project.spec("title: T\nslides:\n  - bullets: [a]\n    titel: Next\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: slides[0]: missing required key 'title'",
        "slidekit: error: deck.yaml:4: slides[0].titel: unknown key 'titel'; did you mean 'title'?",
    ]


def test_unknown_key_without_a_near_one_lists_the_keys(project):
    project.spec("title: T\nrecap:\n  zzz: 1\n" + OK_SLIDES)
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: recap.zzz: unknown key 'zzz'; expected one of: from, takeaways, jargon"
    ]


def test_alias_bomb_is_refused_quickly(project):
    # "Billion laughs": nine levels of nine aliases would expand to 387 million values.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    project.spec("\n".join(levels) + "\ntitle: T\n" + OK_SLIDES)
    errors = project.errors()
    within(SAFE_SECONDS, project.last)
    assert errors == [
        "slidekit: error: deck.yaml:1: the document expands to more than 200,000 values "
        "(aliases repeating aliases?); refusing to load it"
    ]


def test_merge_key_bomb_is_refused_quickly(project):
    # Merges of merges repeat like aliases of aliases: 9^9 pairs before deduplication.
    lines = ["m0: &m0 {a: 1, b: 2}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}" for i in range(1, 10)]
    project.spec("\n".join(lines) + "\ntitle: T\n" + OK_SLIDES)
    errors = project.errors()
    within(SAFE_SECONDS, project.last)
    assert errors == [
        "slidekit: error: deck.yaml:1: the document expands to more than 200,000 values "
        "(aliases repeating aliases?); refusing to load it"
    ]


def test_alias_inside_its_own_anchor_is_a_cycle_error(project):
    project.spec("title: T\nrecap: {takeaways: &loop [a, *loop]}\n" + OK_SLIDES)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: recap.takeaways[1]: an alias refers to a value that contains it "
        "(a cycle); expected plain data"
    ]


def test_mapping_merging_itself_is_a_cycle_error(project):
    project.spec("title: T\nextra: &m {<<: *m}\n" + OK_SLIDES)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: a merge (<<) refers to a mapping that contains it (a cycle)"
    ]


def test_merge_keys_still_work(project):
    project.spec(
        "title: T\nslides:\n  - &base {bullets: [a], title: Base}\n  - {<<: *base, title: Derived}\n"
    )
    deck = project.deck()
    assert [s.shapes.title.text_frame.text for s in deck.slides] == ["T", "Base", "Derived"]


def test_spec_that_is_not_utf8_says_so(project):
    project.spec("title: Caf\u00e9\n".encode("cp1252") + OK_SLIDES.encode())
    assert project.errors() == ["slidekit: error: deck.yaml: not UTF-8 text (byte 10); save the spec as UTF-8"]


def test_lone_surrogate_escape_is_an_error_at_its_line(project):
    project.spec('title: T\nauthor: "A. Researcher \\ud83d"\n' + OK_SLIDES)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: author: text holds a lone surrogate escape (\\ud800-\\udfff); "
        "expected valid Unicode"
    ]


def test_escaped_astral_character_is_fine(project):
    project.spec('title: "Results \\U0001F680"\n' + OK_SLIDES)
    deck = project.deck()
    assert deck.slides[0].shapes.title.text_frame.text == "Results \U0001F680"
