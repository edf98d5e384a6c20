"""`slidekit checklist`: the Markdown critique sheet, one section per slide."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lint_decks import GOOD, write_deck

from slidekit.cli import main

NO_CALLOUT = GOOD.replace(
    '    callout:\n      at: {cue: Professor, family: ITC}\n      text: "That\'s what we want!"\n',
    "",
)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def sections(text: str) -> dict[str, str]:
    """The sheet's sections by heading."""
    parts = text.split("\n## ")[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


def test_the_sheet_goes_next_to_the_spec_by_default(folder):
    write_deck(folder, NO_CALLOUT)
    before = {p.name for p in folder.iterdir()}
    result = run("checklist", "deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote deck.checklist.md (7 sections; lint: 0 errors, 1 warning)\n"
    assert {p.name for p in folder.iterdir()} == before | {"deck.checklist.md"}


def test_one_section_per_slide_with_the_questions_and_findings(folder):
    write_deck(folder, NO_CALLOUT)
    assert run("checklist", "deck.yaml", "-o", "sheet.md").exit_code == 0
    text = (folder / "sheet.md").read_text()
    assert text.startswith(
        "# Critique checklist: Week 3: Do reasoning models articulate the cues they follow?\n"
    )
    assert "- Lint: 0 errors, 1 warning\n" in text
    by_heading = sections(text)
    assert list(by_heading) == [
        "Slide 1: title",
        "Slide 2: recap",
        "Slide 3: result",
        "Slide 4: prompt",
        "Slide 5: bullets",
        "Slides 6-7: backup",
        "The whole deck",
    ]
    result = by_heading["Slide 3: result"]
    assert "**Headline:** ITC models articulate the professor cue more often\n" in result
    assert "**Takeaway:** ITC models articulate the professor cue more often\n" in result
    for question in (
        "1. Without the speaker, what is this slide's one takeaway?",
        "2. Which term here would you need defined?",
        "3. What would the mentor ask next?",
    ):
        assert question in result
    assert (
        "- warning `callout-missing` at deck.yaml:10:5: chart 'evals' highlights nothing" in result
    )
    assert "- No findings." in by_heading["Slide 5: bullets"]
    assert (
        "- **ITC:** Inference-time-compute models that reason before answering."
        in by_heading["Slide 2: recap"]
    )


def test_findings_go_to_the_section_of_their_slide_or_the_whole_deck(folder):
    spec = NO_CALLOUT.replace(
        'recap:\n  takeaways:\n    - "Cues switch answers for every model."\n', "recap:\n"
    )
    spec = spec.replace(
        '  - prompt: prompt.txt\n    highlight: ["A Stanford professor thinks the answer is (B)"]\n',
        "",
    )
    write_deck(folder, spec)
    assert run("checklist", "deck.yaml").exit_code == 0
    by_heading = sections((folder / "deck.checklist.md").read_text())
    recap = "- warning `recap-missing` at deck.yaml:2:1: the recap has no takeaways"
    assert recap in by_heading["Slide 2: recap"]
    prompt = "- warning `prompt-missing` at deck.yaml:7:1: the deck charts eval results"
    assert prompt in by_heading["The whole deck"]


def test_user_text_is_escaped_as_markdown(folder):
    write_deck(folder, GOOD.replace('title: "Next steps"', 'title: "Next *steps* <now>"'))
    assert run("checklist", "deck.yaml").exit_code == 0
    assert "**Headline:** Next \\*steps\\* \\<now\\>" in (folder / "deck.checklist.md").read_text()


def test_a_spec_that_cannot_be_read_exits_2_and_writes_nothing(folder):
    write_deck(folder, GOOD.replace("title:", "titel:", 1))
    result = run("checklist", "deck.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("slidekit: error: deck.yaml:")
    assert not (folder / "deck.checklist.md").exists()


def test_the_sheet_never_replaces_the_spec(folder):
    write_deck(folder, GOOD)
    result = run("checklist", "deck.yaml", "-o", "deck.yaml")
    assert result.exit_code == 2
    assert "would overwrite the spec" in result.stderr
    assert (folder / "deck.yaml").read_text().startswith("title:")


def test_an_existing_sheet_is_replaced_whole(folder):
    write_deck(folder, GOOD)
    (folder / "deck.checklist.md").write_text("old notes\n")
    assert run("checklist", "deck.yaml").exit_code == 0
    assert (folder / "deck.checklist.md").read_text().startswith("# Critique checklist: ")
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_the_sheet_never_replaces_a_file_the_spec_reads(folder):
    write_deck(folder, GOOD)
    data = next(p for p in folder.iterdir() if p.suffix in (".csv", ".jsonl", ".parquet"))
    before = data.read_bytes()
    result = run("checklist", "deck.yaml", "-o", data.name)
    assert result.exit_code == 2
    assert result.stderr == (
        f"slidekit: error: {data.name}: the checklist would overwrite a file the spec reads; choose another -o path\n"
    )
    assert data.read_bytes() == before
