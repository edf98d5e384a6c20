"""load_yaml: plain data plus the line of every key and value, and one-line errors."""

from __future__ import annotations

import datetime as dt
import time
from textwrap import dedent

import pytest

from slidekit.errors import SlidekitError
from slidekit.spec.yaml_source import format_path, load_yaml


def problems_of(text: str, file: str = "spec.yaml") -> list[str]:
    """The one-line messages load_yaml reports for ``text``, in order."""
    with pytest.raises(SlidekitError) as info:
        load_yaml(text, file)
    return [str(p) for p in info.value.problems]


# --- positions ---------------------------------------------------------------

NESTED = dedent(
    """\
    title: T
    recap:
      jargon:
        ITC: "reasons first"
    slides:
      - chart: cues
        x: cue

      - bullets:
          - one
          - two
        title: Next
    """
)


def test_nested_values_are_plain_python_data():
    source = load_yaml(NESTED, "spec.yaml")
    assert source.data == {
        "title": "T",
        "recap": {"jargon": {"ITC": "reasons first"}},
        "slides": [
            {"chart": "cues", "x": "cue"},
            {"bullets": ["one", "two"], "title": "Next"},
        ],
    }


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("title",), 1),
        (("recap",), 2),
        (("recap", "jargon"), 3),
        (("recap", "jargon", "ITC"), 4),
        (("slides",), 5),
        (("slides", 0), 6),  # a list item is on the line of its dash
        (("slides", 0, "x"), 7),
        (("slides", 1), 9),  # the blank line 8 is not counted as the item
        (("slides", 1, "bullets"), 9),
        (("slides", 1, "bullets", 0), 10),
        (("slides", 1, "bullets", 1), 11),
        (("slides", 1, "title"), 12),
    ],
)
def test_line_of_nested_keys_and_list_items(path, line):
    assert load_yaml(NESTED, "spec.yaml").line_of(path) == line


def test_line_of_a_path_that_is_not_written_falls_back_to_its_nearest_parent():
    source = load_yaml(NESTED, "spec.yaml")
    # slides[1] has no 'color' key: report it where slides[1] is written (line 9).
    assert source.line_of(("slides", 1, "color")) == 9
    assert source.line_of(("nowhere", "at", "all")) == 1


def test_problem_names_file_line_and_key_path():
    source = load_yaml(NESTED, "spec.yaml")
    problem = source.problem(("slides", 1, "bullets", 1), "too long")
    assert str(problem) == "spec.yaml:11: slides[1].bullets[1]: too long"


def test_format_path_writes_indexes_in_brackets():
    assert format_path(("slides", 0, "callout", "at")) == "slides[0].callout.at"
    assert format_path(()) == ""


# --- duplicate keys -----------------------------------------------------------


def test_duplicate_key_names_both_lines():
    text = "title: First\nauthor: me\ntitle: Second\n"
    assert problems_of(text) == [
        "spec.yaml:3: title: duplicate key 'title' (first defined on line 1); "
        "YAML would silently keep only the last one"
    ]


def test_duplicate_nested_keys_are_all_reported_in_line_order():
    text = dedent(
        """\
        slides:
          - chart: cues
            x: cue
            y: articulated
            x: model
            y: correct
        """
    )
    assert problems_of(text) == [
        "spec.yaml:5: slides[0].x: duplicate key 'x' (first defined on line 3); "
        "YAML would silently keep only the last one",
        "spec.yaml:6: slides[0].y: duplicate key 'y' (first defined on line 4); "
        "YAML would silently keep only the last one",
    ]


def test_duplicate_key_in_a_flow_mapping():
    text = "callout:\n  at: {cue: Professor, cue: Teacher}\n"
    assert problems_of(text) == [
        "spec.yaml:2: callout.at.cue: duplicate key 'cue' (first defined on line 2); "
        "YAML would silently keep only the last one"
    ]


# --- tags, syntax, aliases ---------------------------------------------------------


def test_python_object_tag_is_refused_and_nothing_is_constructed():
    text = "title: T\nx: !!python/object/apply:os.system ['echo pwned']\n"
    assert problems_of(text) == [
        "spec.yaml:2: x: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in a spec"
    ]


def test_python_object_mapping_tag_is_refused():
    text = "title: !!python/object:collections.OrderedDict {}\n"
    assert problems_of(text) == [
        "spec.yaml:1: title: YAML tag 'tag:yaml.org,2002:python/object:collections.OrderedDict' "
        "is not allowed in a spec"
    ]


def test_syntax_error_names_its_line():
    text = "title: T\nslides:\n  - chart: cues\n    x: [cue, model\n    y: correct\n"
    assert problems_of(text) == ["spec.yaml:5: invalid YAML: expected ',' or ']', but got ':'"]


def test_tab_indentation_is_a_syntax_error_on_its_line():
    assert problems_of("title: T\nrecap:\n\tfrom: w.yaml\n") == [
        "spec.yaml:3: invalid YAML: found character '\\t' that cannot start any token"
    ]


def test_undefined_alias_is_an_error_with_its_line():
    assert problems_of("a: &x [1]\nb: *x\nc: *y\n") == [
        "spec.yaml:3: invalid YAML: found undefined alias 'y'"
    ]


def test_alias_bomb_is_refused_quickly():
    # Ten levels of ten aliases each expand to 10**10 values if followed naively.
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    start = time.perf_counter()
    problems = problems_of(text)
    elapsed = time.perf_counter() - start
    assert problems == [
        "spec.yaml:1: the document expands to more than 200,000 values "
        "(aliases repeating aliases?); refusing to load it"
    ]
    assert elapsed < 2.0


def test_ordinary_aliases_are_expanded():
    source = load_yaml("models: &m [a, b]\nshow: *m\n", "spec.yaml")
    assert source.data == {"models": ["a", "b"], "show": ["a", "b"]}


def test_merge_key_copies_the_anchor_and_own_keys_win():
    text = dedent(
        """\
        base: &base
          x: cue
          y: articulated
        slide:
          <<: *base
          y: correct
        """
    )
    source = load_yaml(text, "spec.yaml")
    assert source.data == {
        "base": {"x": "cue", "y": "articulated"},
        "slide": {"x": "cue", "y": "correct"},
    }
    # The overriding key is located where it is written, not at the anchor.
    assert source.line_of(("slide", "y")) == 6


def test_merge_of_a_list_of_anchors_takes_the_first_one_that_has_the_key():
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n"
    assert load_yaml(text, "spec.yaml").data["c"] == {"x": 1, "y": 3}


# --- scalars -----------------------------------------------------------------


def test_impossible_date_is_kept_as_text_for_validation():
    source = load_yaml("date: 2025-02-30\n", "spec.yaml")
    assert source.data == {"date": "2025-02-30"}


def test_real_date_becomes_a_date():
    assert load_yaml("date: 2025-02-28\n", "spec.yaml").data == {"date": dt.date(2025, 2, 28)}


def test_plain_scalars_keep_their_yaml_types():
    source = load_yaml("n: 12\nr: 0.5\nb: true\nz: ~\ns: '12'\n", "spec.yaml")
    assert source.data == {"n": 12, "r": 0.5, "b": True, "z": None, "s": "12"}
    assert isinstance(source.data["s"], str)


def test_null_key_is_refused():
    assert problems_of("~: 1\n") == ["spec.yaml:1: keys must be text; found nothing (null)"]


@pytest.mark.parametrize("text", ["", "# only a comment\n# and another\n", "---\n"])
def test_empty_document_has_no_data(text):
    assert load_yaml(text, "spec.yaml").data is None


def test_errors_use_the_file_name_given():
    assert problems_of("a: 1\na: 2\n", file="week12.yaml")[0].startswith("week12.yaml:2: a: ")
