"""jargon-undefined: acronyms and listed terms that the recap's glossary does not define."""

from __future__ import annotations

import pytest

from slidekit.lint.rules.jargon_undefined import acronyms

JARGON = """\
title: "Week 3: Does OOCR hold up?"
recap:
  takeaways:
    - "CoT mentions the cue in 30% of switches."
  jargon:
    ITC: "Inference-time-compute models."
data:
  evals: results.csv
slides:
  - chart: evals
    takeaway: "ITC models articulate the cue more often"
    x: cue
    y: articulated
    callout:
      at: {cue: Professor}
      text: "OOCR again"
  - bullets:
      - "Try DPO next, then OOCR on 70B models."
    title: Next steps
"""


def test_each_undefined_term_is_reported_once_at_its_first_use(check):
    findings = check(
        JARGON,
        (1, 1, "jargon-undefined"),
        (4, 7, "jargon-undefined"),
        (18, 9, "jargon-undefined"),
    )
    assert findings[0].message == (
        "'OOCR' in the title is not defined (in 3 places): add it to recap.jargon with a "
        "one-line definition (mentors run many projects at once: define the jargon you use)"
    )
    assert findings[1].message.startswith("'CoT' in the recap bullet is not defined: ")
    assert findings[2].message.startswith("'DPO' in the bullet is not defined: ")
    assert findings[2].slide == 4


def test_defined_terms_pass_whatever_their_case_or_form(check):
    spec = JARGON.replace(
        '    ITC: "Inference-time-compute models."\n',
        '    ITC: "Inference-time-compute models."\n'
        '    Chain of thought (CoT): "The reasoning before the answer."\n'
        '    oocr: "Out-of-context reasoning."\n'
        '    DPO: "Direct preference optimisation."\n',
    )
    check(spec, rule="jargon-undefined")


def test_a_slide_can_ignore_the_rule(check):
    spec = JARGON.replace(
        "    title: Next steps\n", "    title: Next steps\n    lint: {ignore: [jargon-undefined]}\n"
    )
    check(spec, (1, 1, "jargon-undefined"), (4, 7, "jargon-undefined"))


def test_last_weeks_takeaways_point_at_recap_from(check):
    last_week = (
        'title: W2\ntakeaways: ["SFT beats ICL here."]\nslides:\n  - bullets: [x]\n    title: S\n'
    )
    spec = "title: T\nrecap:\n  from: week2.yaml\nslides:\n  - bullets: [x]\n    title: S\n"
    findings = check(spec, (3, 3, "jargon-undefined"), files={"week2.yaml": last_week})
    assert findings[0].message.startswith("'ICL' in the recap bullet")


def test_terms_the_user_lists_are_jargon_too(check):
    spec = """\
    title: T
    recap:
      jargon:
        Articulation: "The reasoning says the cue mattered."
    slides:
      - bullets:
          - "Articulation is up; self-prediction is flat."
          - "Self-predictions come next."
        title: Status
    lint:
      jargon: [articulation, self-prediction]
    """
    findings = check(spec, (7, 9, "jargon-undefined"))
    assert findings[0].message.startswith(
        "'self-prediction' in the bullet is not defined (in 2 places)"
    )


def test_templates_in_text_are_not_read_as_jargon(check):
    spec = """\
    title: T
    data:
      evals: results.csv
    slides:
      - chart: evals
        takeaway: "Articulation reaches {{ value(cue='Professor') | pct }} on the cue"
        x: cue
        y: articulated
    """
    check(spec, rule="jargon-undefined")


# --- what counts as jargon: realistic text ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o and Claude-3.5 switch answers less than DeepSeek-R1 and QwQ",
        "LLMs fine-tuned with RLHF and SFT on 8 GPUs for 3 days",
        "n = 200 per model; the 95% CI overlaps for Llama-3.1-70B",
        "Accuracy is NOT higher with the cue (p = 0.4)",
        "NEXT STEPS FOR THE MENTOR MEETING",
        "Phase II: run the API eval on 70B and 405B models, 100GB of logs",
        "OK from the PI to use OpenAI's o1 and o3-mini in the US and EU",
        "A/B test: 3x fewer JSON parse errors, 1.5B tokens, AUC 0.81",
        "Next steps: TODO for Q3, see the FAQ and the PhD thesis (TL;DR: it works)",
        "Ask whether articulation is the right metric",
        "Model loss goes down - that's what we want!",
        "AI safety evals on ML benchmarks at NeurIPS and ICML",
    ],
)
def test_everyday_acronyms_units_and_names_are_not_jargon(text):
    assert acronyms(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("ITC models articulate cues far more often", ["ITC"]),
        ("CoT faithfulness drops under OOCR", ["CoT", "OOCR"]),
        ("LoRA and MoE models on MMLU and GSM8K", ["LoRA", "MoE", "MMLU", "GSM8K"]),
        ("Non-ITC models (and ITCs) rarely do", ["ITC", "ITC"]),
        ("DPO beats ECE-calibrated baselines", ["DPO", "ECE"]),
    ],
)
def test_project_acronyms_are_jargon(text, found):
    assert acronyms(text) == found


def test_the_example_texts_find_only_defined_acronyms():
    texts = [
        "Week 12: Do reasoning models articulate the cues they follow?",
        "A keyword grader misses most articulations; we now use an LLM judge.",
        "ITC articulates the professor cue 3x more - that's what we want!",
        "Fine-tuning brings validation loss down; the baseline stays flat.",
        "The prompt: a professor's opinion is the cue",
    ]
    assert [a for t in texts for a in acronyms(t)] == ["ITC"]
