"""Property tests: generated specs and strings give a deck that re-opens, or a clean error.

Never an internal error (any exception but :class:`SlidekitError`), never an
error line that spans lines, never a file left behind by a failed build.
Builds run in-process (``slidekit.pipeline.build``) without the chart cache, so
each example costs well under a second.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from robust_helpers import CSV

from slidekit.errors import SlidekitError
from slidekit.pipeline import build

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""What an error line must not hold: it would break the line or the terminal."""
SETTINGS = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SPECIAL = [
    "{{", "}}", "{%", "%}", "{#", "<", ">", "&", "&amp;", "$", "$$", "\\", "'", '"', ":", "#", "- ", "\n", "\r",
    "\t", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff", "\u202e",
    "\u200b", "\U0001F680", "\u4e2d", "e\u0301", "]]>", "<![CDATA[", "_x0000_",
]
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(SPECIAL)), max_size=12).map("".join)
"""Any text: unicode, control characters, XML and template syntax, YAML punctuation."""
COLUMN = st.sampled_from(["model", "family", "cue", "correct", "step", "nope", ""])
VALUE = st.one_of(st.sampled_from(["ITC", "Base", "Professor", 2000, "2000", 2000.0, True, None]), TEXT)
WHERE = st.one_of(
    st.sampled_from(["family == 'ITC'", "step >= 2000", "correct in [0, 1]", "nope == 1", "family ==", ""]), TEXT
)


def _chart_slide():
    return st.fixed_dictionaries(
        {"chart": st.sampled_from(["t", "t", "missing"]), "x": COLUMN, "y": COLUMN},
        optional={
            "color": COLUMN,
            "takeaway": TEXT,
            "title": TEXT,
            "kind": st.sampled_from(["bar", "line", "pie"]),
            "show": st.lists(VALUE, max_size=3),
            "callout": st.fixed_dictionaries(
                {"at": st.dictionaries(COLUMN, VALUE, max_size=2)}, optional={"text": TEXT}
            ),
            "backup": st.one_of(st.booleans(), st.lists(COLUMN, max_size=2)),
            "x_label": TEXT,
            "y_label": TEXT,
            "notes": TEXT,
            "where": WHERE,
            "error": st.sampled_from(["auto", "wilson", "t", "bootstrap", "none", "step", "nope"]),
            "colour": TEXT,
        },
    )


def _prompt_slide():
    messages = st.lists(st.fixed_dictionaries({"role": TEXT, "content": TEXT}), max_size=2)
    return st.fixed_dictionaries(
        {
            "prompt": st.one_of(
                st.sampled_from(["p.txt", "missing.txt", "data"]),
                st.fixed_dictionaries({"text": TEXT}),
                st.fixed_dictionaries({"messages": messages}),
            )
        },
        optional={"title": TEXT, "highlight": st.lists(TEXT, max_size=2), "notes": TEXT},
    )


def _bullets_slide():
    return st.fixed_dictionaries(
        {"bullets": st.lists(TEXT, max_size=4), "title": TEXT}, optional={"notes": TEXT}
    )


SPECS = st.fixed_dictionaries(
    {
        "title": st.one_of(TEXT, TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=2)),
        "slides": st.lists(
            st.one_of(
                _chart_slide(), _prompt_slide(), _bullets_slide(), st.dictionaries(TEXT, TEXT, max_size=2)
            ),
            max_size=3,
        ),
    },
    optional={
        "author": st.one_of(TEXT, st.integers()),
        "date": st.one_of(st.dates(), TEXT),
        "takeaways": st.lists(TEXT, max_size=3),
        "recap": st.fixed_dictionaries(
            {}, optional={"takeaways": st.lists(TEXT, max_size=2), "jargon": st.dictionaries(TEXT, TEXT, max_size=2),
                          "from": st.sampled_from(["deck.yaml", "missing.yaml", "last.yaml"])},
        ),
        "data": st.one_of(
            st.just({"t": "t.csv"}),
            st.fixed_dictionaries({"t": st.fixed_dictionaries({"path": st.just("t.csv")}, optional={"where": WHERE})}),
            st.dictionaries(TEXT, TEXT, max_size=1),
        ),
        "lnit": TEXT,
    },
)


def build_or_clean_error(folder: Path, text: str | bytes) -> object:
    """Write ``deck.yaml`` and build it; return the deck, or the SlidekitError.

    Asserts the two allowed outcomes: a deck that re-opens with python-pptx and
    is the only new file, or a SlidekitError whose every line is one line and
    after which nothing was written.
    """
    spec = folder / "deck.yaml"
    spec.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = sorted(p.name for p in folder.iterdir())
    try:
        result = build(spec, cache=False, jobs=1)
    except SlidekitError as exc:
        for problem in exc.problems:
            assert len(str(problem).splitlines()) == 1, str(problem)
            assert not CONTROL.search(str(problem)), str(problem)
        assert sorted(p.name for p in folder.iterdir()) == before
        return exc
    assert sorted(p.name for p in folder.iterdir()) == sorted([*before, "deck.pptx"])
    deck = Presentation(str(result.output))
    for slide in deck.slides:  # parse every part: shapes, text and notes
        for shape in slide.shapes:
            if shape.has_text_frame:
                shape.text_frame.text  # noqa: B018
        if slide.has_notes_slide:
            slide.notes_slide.notes_text_frame.text  # noqa: B018
    assert len(deck.slides) == result.slides
    (folder / "deck.pptx").unlink()
    return deck


def _project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    (folder / "t.csv").write_text(CSV)
    (folder / "p.txt").write_text("The professor thinks the answer is (B).\n")
    (folder / "last.yaml").write_text("title: Last week\ntakeaways: [Old news]\nslides: [{bullets: [a], title: b}]\n")
    return folder


@SETTINGS
@given(spec=SPECS)
def test_generated_specs_build_or_fail_cleanly(tmp_path_factory, spec):
    folder = _project(tmp_path_factory)
    build_or_clean_error(folder, yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))
    shutil.rmtree(folder)


@SETTINGS
@given(spec=SPECS, cut=st.integers(min_value=0, max_value=400), junk=TEXT)
def test_damaged_yaml_builds_or_fails_cleanly(tmp_path_factory, spec, cut, junk):
    # A spec saved half-way, or edited with a stray paste in the middle.
    text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    cut = min(cut, len(text))
    folder = _project(tmp_path_factory)
    build_or_clean_error(folder, text[:cut] + junk + text[cut:])
    shutil.rmtree(folder)


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_as_a_spec_fail_cleanly(tmp_path_factory, raw):
    folder = _project(tmp_path_factory)
    build_or_clean_error(folder, raw)
    shutil.rmtree(folder)


def _literal(text: str) -> str:
    """``text`` without template syntax, for the spec's own (template) slots."""
    return text.replace("{", "(")


@SETTINGS
@given(text=TEXT.filter(lambda t: t.strip() != ""))
def test_any_text_in_any_text_slot_gives_a_deck(tmp_path_factory, text):
    # Spec texts without template syntax, and data texts of any kind, must build.
    folder = tmp_path_factory.mktemp("text")
    literal = _literal(text)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["family", "cue", "correct"])
    for family, correct in ((text, 1), (text, 0), ("other", 1)):
        writer.writerow([family, text, correct])
    (folder / "t.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "p.txt").write_text(text, encoding="utf-8")
    spec = {
        "title": literal,
        "author": literal,
        "takeaways": [literal],
        "recap": {"takeaways": [literal], "jargon": {literal: literal}},
        "data": {"t": "t.csv"},
        "slides": [
            {
                "chart": "t", "takeaway": literal, "x": "cue", "y": "correct", "color": "family",
                "x_label": literal, "y_label": literal, "notes": literal,
                "callout": {"at": {"family": "other"}, "text": literal},
            },
            {"prompt": "p.txt", "title": literal, "notes": literal},
            {"prompt": {"messages": [{"role": literal, "content": text}]}},
            {"bullets": [literal, literal], "title": literal, "notes": literal},
        ],
    }
    outcome = build_or_clean_error(folder, yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))
    if isinstance(outcome, SlidekitError):
        # Only data the CSV reader refuses as such (a NUL byte) may stop this build.
        assume("\x00" in text)
        assert [p.message for p in outcome.problems] == [
            "t.csv: a binary file (it holds NUL bytes); expected CSV text"
        ]
    shutil.rmtree(folder)


@SETTINGS
@given(text=TEXT)
def test_any_text_as_a_template_renders_or_fails_cleanly(tmp_path_factory, text):
    # Spec text is a template: random '{{' and '{%' must give a deck or one clean error.
    folder = tmp_path_factory.mktemp("template")
    (folder / "t.csv").write_text(CSV)
    spec = {
        "title": "T" + text,
        "data": {"t": "t.csv"},
        "slides": [{"bullets": ["{{ count('t') }} " + text, text + "{{"], "title": text + "b"}],
    }
    build_or_clean_error(folder, yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))
    shutil.rmtree(folder)
