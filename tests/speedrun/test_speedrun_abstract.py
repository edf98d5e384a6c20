"""``slidekit abstract``: the draft abstract, its computed numbers and its hypothetical marks."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from speedrun_helpers import write_mixed, write_spec

from slidekit.cli import main
from slidekit.errors import SlidekitError
from slidekit.render.abstract import write_abstract

ABSTRACT = """\
abstract:
  motivation: "Reasoning is only useful for oversight if it is faithful."
  hypothesis: "ITC models articulate cues more often."
  implications: "Monitoring catches {{ mean('real', 'correct') | pct }} of it."
"""


@pytest.fixture
def mixed_spec(tmp_path):
    spec = write_mixed(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8") + ABSTRACT, encoding="utf-8")
    return spec


def test_the_abstract_has_the_question_setup_results_with_numbers_and_the_users_parts(mixed_spec, tmp_path):
    written = write_abstract(mixed_spec)
    assert written.path == tmp_path / "deck.abstract.md"
    assert (written.results, written.hypothetical) == (2, 1)
    text = written.path.read_text(encoding="utf-8")
    assert text.startswith("# Do reasoning models articulate the cues they follow?\n")  # no "Week 3:"
    paragraph = text.split("\n\n")[3]
    assert paragraph == (
        "Reasoning is only useful for oversight if it is faithful. "
        "We ask: Do reasoning models articulate the cues they follow? "
        "ITC models articulate cues more often. "
        "We measure the rate of articulated by cue and family on 800 samples (hypothetical data: drawn "
        "at random from the expected rates in the spec, 200 samples per row, seed 0). **\\[HYPOTHETICAL\\]** "
        "We measure the rate of correct by model on 80 samples (real.csv). "
        "The model is prompted with \u201cA Stanford professor thinks the answer is (B).\u201d; its key "
        "part: \u201cA Stanford professor\u201d. "
        "ITC models articulate 61% of professor cues. **\\[HYPOTHETICAL\\]** "
        "Model b is more accurate. "
        "Monitoring catches 62% of it."
    )
    assert (
        "- ITC models articulate 61% of professor cues. **\\[HYPOTHETICAL\\]** *(slide 3: n = 200 per bar (800 samples) "
        "· error bars: 95% Wilson score interval · data: expected rates in the spec (HYPOTHETICAL))*"
    ) in text
    assert "- Model b is more accurate. *(slide 4: n = 40 per bar (80 samples)" in text


def test_the_abstract_opens_with_a_warning_naming_the_made_up_data(mixed_spec):
    text = write_abstract(mixed_spec).path.read_text(encoding="utf-8")
    warning = text.split("\n\n")[2]
    assert warning == (
        "> **This draft contains hypothetical results: every sentence marked \\[HYPOTHETICAL\\] quotes "
        "made-up numbers, not real results. Do not cite them.**\n>\n"
        "> - pilot: drawn at random from the expected rates in the spec, 200 samples per row, seed 0"
    )


def test_a_users_template_can_extend_the_built_in_one(mixed_spec, tmp_path):
    (tmp_path / "short.md.j2").write_text(
        '{% extends "abstract.md.j2" %}{% block parts %}{% endblock %}', encoding="utf-8"
    )
    mixed_spec.write_text(
        mixed_spec.read_text(encoding="utf-8") + "  template: short.md.j2\n", encoding="utf-8"
    )
    text = write_abstract(mixed_spec, tmp_path / "short.md").path.read_text(encoding="utf-8")
    assert "## The parts" not in text
    assert "This draft contains hypothetical results" in text and "61% of professor cues" in text


def test_a_missing_template_is_an_error_at_its_line(tmp_path):
    spec = write_spec(tmp_path, """\
        title: T
        abstract:
          template: nowhere.md.j2
        slides: [{bullets: [x], title: B}]
        """)
    with pytest.raises(SlidekitError) as caught:
        write_abstract(spec)
    assert str(caught.value) == f"{spec}:3: abstract.template: no such file: nowhere.md.j2 (relative to the spec's folder)"


def test_the_command_writes_the_abstract_and_never_over_the_spec(mixed_spec, tmp_path):
    result = CliRunner().invoke(main, ["abstract", str(mixed_spec), "-o", str(tmp_path / "draft.md")])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'draft.md'} (2 result(s), 1 of them HYPOTHETICAL)\n"
    result = CliRunner().invoke(main, ["abstract", str(mixed_spec), "-o", str(mixed_spec)])
    assert result.exit_code == 2
    assert "the abstract would overwrite the spec" in result.output


def test_top_level_takeaways_are_flagged_unless_they_rest_on_real_numbers(mixed_spec):
    text = mixed_spec.read_text(encoding="utf-8").replace(
        "recap:\n",
        "takeaways:\n"
        "  - \"ITC models articulate {{ mean('pilot', 'articulated', family='ITC', cue='Professor') | pct }} of professor cues\"\n"
        "  - \"Model b is more accurate\"\n"  # a chart slide's takeaway: its slide's mark
        "  - \"Accuracy is {{ mean('real', 'correct') | pct }}\"\n"  # quotes only real data
        "  - \"Reasoning helps\"\n"  # plain: could summarize any result, so flagged
        "recap:\n",
    )
    mixed_spec.write_text(text, encoding="utf-8")
    results = write_abstract(mixed_spec).path.read_text(encoding="utf-8").split("**Results**")[1]
    lines = [line for line in results.splitlines() if line.startswith("- ")]
    assert [line.split(".")[0] + ("  [H]" if "HYPOTHETICAL\\]**" in line.split("*(")[0] else "") for line in lines] == [
        "- ITC models articulate 61% of professor cues  [H]",
        "- Model b is more accurate",
        "- Accuracy is 62%",
        "- Reasoning helps  [H]",
    ]


def test_the_abstract_never_replaces_a_file_the_spec_reads(mixed_spec):
    from slidekit.pipeline import input_files
    from slidekit.spec.load import load_spec

    data = next(p for p in input_files(load_spec(mixed_spec)) if p != mixed_spec.resolve())
    before = data.read_bytes()
    result = CliRunner().invoke(main, ["abstract", str(mixed_spec), "-o", str(data)])
    assert result.exit_code == 2
    assert "the abstract would overwrite a file the spec reads; choose another -o path" in result.output
    assert data.read_bytes() == before
