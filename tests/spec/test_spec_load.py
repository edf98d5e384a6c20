"""load_spec: a spec file becomes a DeckSpec, or every problem as ``file:line: key: message``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent

import pytest

from slidekit.errors import SlidekitError
from slidekit.spec.load import load_spec
from slidekit.spec.models import (
    BulletsSlideSpec,
    ChartSlideSpec,
    DeckSpec,
    PromptSlideSpec,
    TableSpec,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12" / "week12.yaml"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Work in an empty folder, as a user running ``slidekit build spec.yaml`` would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems(text: str | bytes, name: str = "spec.yaml") -> list[str]:
    """Write ``text`` to ``name`` (in the current folder), load it, return the error lines."""
    path = Path(name)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(dedent(text), encoding="utf-8")
    with pytest.raises(SlidekitError) as info:
        load_spec(name)
    return [str(p) for p in info.value.problems]


# --- the example spec ---------------------------------------------------------------


def test_example_spec_loads_with_every_slide_as_written():
    loaded = load_spec(EXAMPLE)
    spec = loaded.spec
    assert spec.title == "Week 12: Do reasoning models articulate the cues they follow?"
    assert spec.author == "A. Researcher"
    assert spec.date == dt.date(2025, 1, 20)
    assert spec.takeaways == [
        "ITC models articulate cues far more often.",
        "Fine-tuning brings validation loss down; the baseline stays flat.",
    ]
    assert spec.recap.from_ == "week11.yaml"
    assert list(spec.recap.jargon) == ["ITC", "Articulation", "Cue"]
    # data: the short form stays a path, the long form keeps its filter.
    assert spec.data["cues"] == "results/articulation.csv"
    assert spec.data["loss"] == TableSpec(path="results/train_log.jsonl", where="split == 'val'")

    kinds = [type(slide) for slide in spec.slides]
    assert kinds == [ChartSlideSpec, ChartSlideSpec, PromptSlideSpec, BulletsSlideSpec]
    cues, loss, prompt, bullets = spec.slides
    assert (cues.chart, cues.kind, cues.x, cues.y, cues.color) == (
        "cues", "bar", "cue", "articulated", "family",
    )
    assert cues.show == ["ITC", "Non-ITC"]
    assert cues.callout.at == {"cue": "Professor", "family": "ITC"}
    assert cues.backup == ["model"]
    assert (loss.kind, loss.x, loss.y, loss.color) == ("line", "step", "loss", "run")
    assert loss.callout.at == {"step": 2000, "run": "finetuned"}
    assert loss.backup is True  # not written: backups are on by default
    assert prompt.prompt == "prompts/professor_cue.txt"
    assert prompt.highlight == ["A Stanford professor thinks the answer is (B)"]
    assert bullets.title == "Next steps"
    assert len(bullets.bullets) == 2


def test_example_spec_remembers_its_folder_and_lines():
    loaded = load_spec(EXAMPLE)
    assert loaded.folder == EXAMPLE.parent
    assert loaded.name == str(EXAMPLE)
    # The second slide is the one written as '  - chart: loss'; find its line in the text.
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    expected = lines.index("  - chart: loss") + 1
    assert loaded.source.line_of(("slides", 1)) == expected


def test_backup_given_as_one_column_becomes_a_list(in_tmp):
    Path("spec.yaml").write_text(
        "title: T\nslides:\n  - chart: t\n    x: a\n    y: b\n    backup: model\n"
    )
    assert load_spec("spec.yaml").spec.slides[0].backup == ["model"]


def test_utf8_bom_is_accepted(in_tmp):
    Path("spec.yaml").write_bytes(
        "\ufefftitle: Café\nslides:\n  - bullets: [a]\n    title: B\n".encode()
    )
    assert load_spec("spec.yaml").spec.title == "Café"


# --- one bad key -----------------------------------------------------------------------


def test_unknown_key_suggests_the_close_one(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - chart: cues
            x: cue
            y: articulated
            colour: family
        """
    ) == ["spec.yaml:6: slides[0].colour: unknown key 'colour'; did you mean 'color'?"]


def test_unknown_key_with_nothing_close_lists_the_known_keys(in_tmp):
    assert problems(
        """\
        title: T
        mood: dark
        slides:
          - bullets: [a]
            title: B
        """
    ) == [
        "spec.yaml:2: mood: unknown key 'mood'; "
        f"expected one of: title, author, date, {LATER_KEYS}"
    ]


# Every top-level key after the first three, in the order DeckSpec declares them.
LATER_KEYS = ", ".join(field.alias or name for name, field in list(DeckSpec.model_fields.items())[3:])


def test_unknown_key_in_a_nested_mapping(in_tmp):
    assert problems(
        """\
        title: T
        recap:
          form: week11.yaml
        slides:
          - bullets: [a]
            title: B
        """
    ) == ["spec.yaml:3: recap.form: unknown key 'form'; did you mean 'from'?"]


def test_wrong_literal_lists_the_allowed_values(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - chart: cues
            kind: pie
            x: cue
            y: articulated
        """
    ) == ["spec.yaml:4: slides[0].kind: expected one of 'bar', 'line'; found 'pie'"]


def test_missing_required_key_points_at_the_slide(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - bullets: [a]
            title: B
          - chart: cues
            y: articulated
        """
    ) == ["spec.yaml:5: slides[1]: missing required key 'x'"]


def test_slide_with_two_kinds(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - chart: cues
            prompt: prompts/cue.txt
            x: cue
            y: articulated
        """
    ) == [
        "spec.yaml:3: slides[0]: expected exactly one of chart, prompt, bullets "
        "(the slide's kind); found both chart and prompt"
    ]


def test_slide_with_no_kind_lists_the_keys_it_has(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - title: Results
            x: cue
        """
    ) == [
        "spec.yaml:3: slides[0]: expected exactly one of chart, prompt, bullets "
        "(the slide's kind); found keys title, x"
    ]


def test_empty_bullets_list(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - bullets: []
            title: Next steps
        """
    ) == ["spec.yaml:3: slides[0].bullets: expected at least 1 item(s); found an empty list"]


def test_impossible_date(in_tmp):
    assert problems(
        """\
        title: T
        date: 2025-02-30
        slides:
          - bullets: [a]
            title: B
        """
    ) == ["spec.yaml:2: date: expected a real date (YYYY-MM-DD); found '2025-02-30'"]


def test_data_entry_that_is_a_number(in_tmp):
    assert problems(
        """\
        title: T
        data:
          cues: 5
        slides:
          - bullets: [a]
            title: B
        """
    ) == [
        "spec.yaml:3: data.cues: expected a file path or a mapping with path, rows or expect; found 5"
    ]


def test_data_mapping_without_path(in_tmp):
    assert problems(
        """\
        title: T
        data:
          loss:
            where: "split == 'val'"
        slides:
          - bullets: [a]
            title: B
        """
    ) == ["spec.yaml:3: data.loss: expected exactly one of path, rows, expect; found neither"]


def test_prompt_with_two_sources(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - prompt:
              text: "Answer (A) or (B)."
              file: prompts/cue.txt
        """
    ) == [
        "spec.yaml:3: slides[0].prompt: expected exactly one of text, messages, file, data; "
        "found text, file"
    ]


def test_empty_title_asks_for_non_empty_text(in_tmp):
    # BUG: pydantic reports empty text as 'string_too_short', which load.py does not
    # word; the user gets "expected string should have at least 1 character".
    assert problems(
        """\
        title: ''
        slides:
          - bullets: [a]
            title: B
        """
    ) == ["spec.yaml:1: title: expected non-empty text; found ''"]


# --- the file itself -------------------------------------------------------------


def test_empty_file(in_tmp):
    assert problems("") == ["spec.yaml: the spec is empty; expected a mapping with title and slides"]


def test_file_of_only_comments(in_tmp):
    assert problems("# title: T\n# slides: []\n") == [
        "spec.yaml: the spec is empty; expected a mapping with title and slides"
    ]


def test_top_level_list(in_tmp):
    assert problems("- title: T\n- slides: []\n") == [
        "spec.yaml:1: expected a mapping with title and slides at the top; found a list of 2"
    ]


def test_spec_path_that_is_a_folder(in_tmp):
    Path("specs").mkdir()
    with pytest.raises(SlidekitError) as info:
        load_spec("specs")
    assert str(info.value) == "specs: is a folder; expected a YAML spec file"


def test_missing_spec_file(in_tmp):
    with pytest.raises(SlidekitError) as info:
        load_spec("week13.yaml")
    assert str(info.value) == "week13.yaml: no such file"


def test_non_utf8_spec(in_tmp):
    # 'title: caf' is 10 bytes (0-9); the Latin-1 'é' (0xE9) is byte 10.
    assert problems(b"title: caf\xe9\nslides:\n  - bullets: [a]\n    title: B\n") == [
        "spec.yaml: not UTF-8 text (byte 10); save the spec as UTF-8"
    ]


def test_yaml_errors_come_through_load_spec(in_tmp):
    assert problems("title: T\ntitle: U\nslides:\n  - bullets: [a]\n    title: B\n") == [
        "spec.yaml:2: title: duplicate key 'title' (first defined on line 1); "
        "YAML would silently keep only the last one"
    ]


def test_display_name_replaces_the_path_in_errors(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text("title: T\nslides: []\n")
    with pytest.raises(SlidekitError) as info:
        load_spec(path, display="week12.yaml")
    assert str(info.value) == (
        "week12.yaml:2: slides: expected at least 1 item(s); found an empty list"
    )


# --- several problems -----------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_line_order(in_tmp):
    assert problems(
        """\
        titel: Week 13
        date: 2025-13-01
        slides:
          - bullets: [a]
            title: B
          - chart: cues
            y: articulated
            colour: family
          - chart: cues
            kind: pie
            x: cue
            y: articulated
        """
    ) == [
        "spec.yaml:1: missing required key 'title'",
        "spec.yaml:1: titel: unknown key 'titel'; did you mean 'title'?",
        "spec.yaml:2: date: expected a real date (YYYY-MM-DD); found '2025-13-01'",
        "spec.yaml:6: slides[1]: missing required key 'x'",
        "spec.yaml:8: slides[1].colour: unknown key 'colour'; did you mean 'color'?",
        "spec.yaml:10: slides[2].kind: expected one of 'bar', 'line'; found 'pie'",
    ]


def test_several_problems_print_as_one_line_each(in_tmp):
    Path("spec.yaml").write_text("title: T\nauthr: me\nslides: []\n")
    with pytest.raises(SlidekitError) as info:
        load_spec("spec.yaml")
    assert str(info.value) == (
        "spec.yaml:2: authr: unknown key 'authr'; did you mean 'author'?\n"
        "spec.yaml:3: slides: expected at least 1 item(s); found an empty list"
    )


def test_a_list_where_one_value_is_expected(in_tmp):
    assert problems(
        """\
        title: T
        slides:
          - chart: cues
            x: cue
            y: articulated
            callout:
              at: {cue: [Professor]}
        """
    ) == [
        "spec.yaml:7: slides[0].callout.at.cue: expected one value (text, a number or true/false); "
        "found a list of 1"
    ]
