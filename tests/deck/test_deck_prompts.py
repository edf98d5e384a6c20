"""Prompt slides: highlighted cue, chat roles, long prompts over "(cont.)" slides."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from deck_readback import all_runs, body_lines, notes_of, title_of, titles
from pptx.dml.color import RGBColor

from slidekit.cli import main

PROMPT = 4
CUE = "A Stanford professor thinks the answer is (B)"
MONOSPACE = {"Courier New", "Courier", "Consolas", "Menlo", "Monaco", "Liberation Mono", "DejaVu Sans Mono"}


def test_highlighted_cue_is_bold_red_monospace(example_deck):
    slide = example_deck.slides[PROMPT]
    highlighted = [run for run in all_runs(slide) if CUE in run.text]
    assert len(highlighted) == 1
    run = highlighted[0]
    assert run.text == CUE  # exactly the span, not the whole line
    assert run.font.bold is True
    assert run.font.color.rgb == RGBColor(0xD6, 0x27, 0x28)
    assert run.font.name in MONOSPACE


def test_prompt_text_is_monospace_and_not_highlighted_elsewhere(example_deck):
    slide = example_deck.slides[PROMPT]
    runs = [run for run in all_runs(slide) if run.text]
    assert all(run.font.name in MONOSPACE for run in runs)
    rest = [run for run in runs if run.text != CUE]
    assert rest and all(not run.font.bold for run in rest)
    assert "Question:" in body_lines(slide)
    assert "(B) 4.5 s" in body_lines(slide)


def test_chat_messages_show_each_role(build_spec):
    deck = build_spec("""\
        title: Chat
        slides:
          - prompt:
              messages:
                - {role: system, content: "You are a careful assistant."}
                - {role: user, content: "A Stanford professor thinks the answer is (B)."}
                - {role: assistant, content: "Let me think step by step."}
            title: "The chat"
            highlight: ["professor thinks"]
        """)
    assert titles(deck) == ["Chat", "The chat"]
    lines = body_lines(deck.slides[1])
    roles = [line.lower() for line in lines if line.lower() in ("system", "user", "assistant")]
    assert roles == ["system", "user", "assistant"]
    for content in ("You are a careful assistant.", "A Stanford professor thinks the answer is (B).",
                    "Let me think step by step."):
        assert content in lines
    # each content follows its own role label
    lowered = [line.lower() for line in lines]
    assert lowered.index("system") < lines.index("You are a careful assistant.") < lowered.index("user")
    assert lowered.index("user") < lines.index("A Stanford professor thinks the answer is (B).")
    assert lowered.index("assistant") < lines.index("Let me think step by step.")
    highlighted = [r for r in all_runs(deck.slides[1]) if r.font.color.rgb == RGBColor(0xD6, 0x27, 0x28)]
    assert [r.text for r in highlighted] == ["professor thinks"]


LONG_LINES = [f"line {i:03d}: question {i} asks the model about cue number {i % 7}" for i in range(300)]


@pytest.fixture(scope="module")
def long_prompt_deck(tmp_path_factory):
    from pptx import Presentation

    from slidekit.pipeline import build

    folder = tmp_path_factory.mktemp("long_prompt")
    (folder / "long.txt").write_text("\n".join(LONG_LINES) + "\n")
    (folder / "long.yaml").write_text("title: T\nslides:\n  - prompt: long.txt\n    title: Long prompt\n")
    build(folder / "long.yaml")
    return Presentation(str(folder / "long.pptx"))


def test_long_prompt_continues_on_cont_slides(long_prompt_deck):
    names = titles(long_prompt_deck)[1:]
    assert len(names) > 1
    assert names[0] == "Long prompt"
    assert all(name == "Long prompt (cont.)" for name in names[1:])


def test_long_prompt_shows_every_line(long_prompt_deck):
    shown = [line for slide in list(long_prompt_deck.slides)[1:] for line in body_lines(slide)]
    missing = [line for line in LONG_LINES if line not in shown]
    assert missing == [], f"{len(missing)} of {len(LONG_LINES)} prompt lines are not on any slide"


def test_long_prompt_lines_are_in_order(long_prompt_deck):
    shown = [line for slide in list(long_prompt_deck.slides)[1:] for line in body_lines(slide)]
    present = [line for line in shown if line in set(LONG_LINES)]
    assert present == sorted(present)


def test_prompt_font_never_below_16pt(long_prompt_deck, example_deck):
    slides = [*list(long_prompt_deck.slides)[1:], example_deck.slides[PROMPT]]
    for slide in slides:
        sizes = {run.font.size.pt for run in all_runs(slide)}
        assert sizes and min(sizes) >= 16, (title_of(slide), sizes)


def test_highlight_not_in_prompt_is_an_error(fresh_example, monkeypatch):
    spec = fresh_example / "week12.yaml"
    text = spec.read_text().replace(CUE, "A Harvard professor thinks")
    spec.write_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "A Harvard professor" in t)
    monkeypatch.chdir(fresh_example)
    result = CliRunner().invoke(main, ["build", "week12.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"slidekit: error: week12.yaml:{line}: slides[2].highlight[0]: "
        "'A Harvard professor thinks' does not occur in the prompt"
    ]
    assert not (fresh_example / "week12.pptx").exists()


def test_notes_of_prompt_slide_name_the_file(example_deck):
    assert "prompts/professor_cue.txt" in notes_of(example_deck.slides[PROMPT])


def test_long_prompt_boxes_stay_inside_the_slide(long_prompt_deck):
    height = long_prompt_deck.slide_height
    for slide in long_prompt_deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert shape.top + shape.height <= height, (title_of(slide), shape.name)


def test_huge_prompt_is_cut_at_the_page_bound_and_says_so(tmp_path):
    from pptx import Presentation

    from slidekit.pipeline import build
    from slidekit.plan.prompt import MAX_PAGES

    lines = [f"row {i}" for i in range(5000)]
    (tmp_path / "huge.txt").write_text("\n".join(lines))
    (tmp_path / "huge.yaml").write_text("title: T\nslides:\n  - prompt: huge.txt\n")
    build(tmp_path / "huge.yaml")
    deck = Presentation(str(tmp_path / "huge.pptx"))
    prompt_slides = list(deck.slides)[1:]
    assert len(prompt_slides) == MAX_PAGES
    shown = [line for slide in prompt_slides for line in body_lines(slide)]
    omitted = 5000 - (len(shown) - 1)
    assert shown[-1] == f"[... {omitted:,} more lines omitted: see the notes]"
    assert shown[:-1] == lines[: len(shown) - 1]
    assert f"the last {omitted:,} wrapped lines are not shown" in notes_of(prompt_slides[-1])
