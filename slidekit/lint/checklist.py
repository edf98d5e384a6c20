"""The critique sheet: a Markdown checklist for a reviewer with less context than you.

Tip 6: show your slides to someone with less context first. The sheet has one
section per slide (its headline, its takeaway, what is on it), the questions
to answer while reading it without the speaker, and that slide's lint
findings. Plain Markdown, so it reads the same printed, in an editor or on a
code host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from slidekit.lint.finding import Finding
from slidekit.lint.linter import LintRun, lint_spec
from slidekit.lint.report import counts, report_of
from slidekit.pipeline import check_sheet_output, write_atomically
from slidekit.plan.chart import display
from slidekit.plan.model import (
    BulletSlide,
    ChartPlan,
    ChartSlide,
    PromptSlide,
    RecapSlide,
    SectionSlide,
    SlidePlan,
    TitleSlide,
)
from slidekit.plan.recap import takeaways_heading

TAKEAWAY_QUESTION = "Without the speaker, what is this slide's one takeaway?"
TERM_QUESTION = "Which term here would you need defined?"
MENTOR_QUESTION = "What would the mentor ask next?"
QUESTIONS: dict[str, tuple[str, ...]] = {
    "title": ("Is the question of the week clear from the title alone?", TERM_QUESTION),
    "recap": (
        "Which of last week's takeaways would you not remember without the speaker?",
        TERM_QUESTION,
        "Which definition did not help?",
    ),
    "chart": (
        TAKEAWAY_QUESTION,
        TERM_QUESTION,
        MENTOR_QUESTION,
        "Where does your eye go first? Is it where the red arrow points?",
    ),
    "prompt": (
        TAKEAWAY_QUESTION,
        TERM_QUESTION,
        MENTOR_QUESTION,
        "Can you spot the part of the prompt that matters at a glance?",
    ),
    "bullets": (TAKEAWAY_QUESTION, TERM_QUESTION, MENTOR_QUESTION, "Which bullet could go?"),
    "backup": ("If the mentor asks for a breakdown, which of these slides answers it?",),
    "deck": (
        "What were the deck's takeaways, in your words?",
        "Which slide would you cut, and which one is missing?",
        MENTOR_QUESTION,
    ),
}
"""The questions per kind of section."""

KINDS = {
    "title": "title",
    "recap": "recap",
    "chart": "result",
    "prompt": "prompt",
    "bullets": "bullets",
    "backup": "backup",
}
"""How a section's kind reads in its heading."""


@dataclass(frozen=True)
class ChecklistResult:
    output: Path
    sections: int
    errors: int
    warnings: int


def default_output(spec_path: Path) -> Path:
    """``week12.yaml`` -> ``week12.checklist.md`` next to the spec."""
    return spec_path.with_suffix(".checklist.md")


def write_checklist(spec_path: str | Path, output: str | Path | None = None) -> ChecklistResult:
    """Lint the spec at ``spec_path`` and write its critique sheet to ``output``, atomically."""
    spec_path = Path(spec_path)
    output = Path(output) if output is not None else default_output(spec_path)
    run = lint_spec(spec_path)
    check_sheet_output(output, run.loaded, "the checklist")
    sections = checklist_sections(run)
    write_atomically(output, render_checklist(run, sections).encode("utf-8"))
    report = report_of(run.loaded.name, run.findings)
    return ChecklistResult(output, len(sections), report.errors, report.warnings)


@dataclass(frozen=True)
class Section:
    """One slide of the deck (with its continuation slides), or the backup, or the whole deck."""

    kind: str
    numbers: tuple[int, ...]
    """The deck's slide numbers it covers, from 1; empty for the whole deck."""
    slides: tuple[SlidePlan, ...]
    findings: tuple[Finding, ...]

    @property
    def heading(self) -> str:
        if not self.numbers:
            return "The whole deck"
        first, last = self.numbers[0], self.numbers[-1]
        where = f"Slide {first}" if first == last else f"Slides {first}-{last}"
        return f"{where}: {KINDS[self.kind]}"


def checklist_sections(run: LintRun) -> list[Section]:
    """The deck's slides grouped into sections, each with its findings."""
    numbered = list(enumerate(run.plan.slides, start=1))
    sections: list[Section] = []
    for _, group in groupby(numbered, key=lambda item: _section_key(item[1])):
        members = list(group)
        numbers = tuple(number for number, _ in members)
        slides = tuple(slide for _, slide in members)
        kind = "backup" if _section_key(slides[0]) == "backup" else slides[0].kind
        findings = tuple(f for f in run.findings if f.slide in numbers)
        sections.append(Section(kind, numbers, slides, findings))
    whole = tuple(f for f in run.findings if f.slide is None)
    sections.append(Section("deck", (), (), whole))
    return sections


def _section_key(slide: SlidePlan) -> object:
    if isinstance(slide, SectionSlide) or getattr(slide, "is_backup", False):
        return "backup"
    if isinstance(slide, RecapSlide):
        return "recap"
    return (slide.kind, getattr(slide, "spec_index", slide.slide_id))


def render_checklist(run: LintRun, sections: list[Section] | None = None) -> str:
    """The sheet as Markdown."""
    sections = checklist_sections(run) if sections is None else sections
    report = report_of(run.loaded.name, run.findings)
    lines = [
        f"# Critique checklist: {md(run.plan.title)}",
        "",
        "Read each slide as the mentor will see it, without the speaker, and answer its",
        "questions in a line or two. Then hand the sheet back: the answers you could not",
        "give are the slides to fix.",
        "",
        f"- Spec: `{run.loaded.name}` ({len(run.plan.slides)} slides)",
        f"- Lint: {counts(report.errors, report.warnings)}",
    ]
    for section in sections:
        lines += ["", "---", "", f"## {section.heading}", ""]
        lines += _describe(section)
        lines += ["", "**Questions**", ""]
        lines += [f"{i}. {q}" for i, q in enumerate(QUESTIONS[section.kind], start=1)]
        lines += ["", "**Lint**", ""]
        lines += [f"- {_finding(f)}" for f in section.findings] or ["- No findings."]
    return "\n".join(lines) + "\n"


def _describe(section: Section) -> list[str]:
    slide = section.slides[0] if section.slides else None
    if isinstance(slide, TitleSlide):
        return [f"**Title:** {md(slide.title)}"] + (
            ["", f"**By:** {md(slide.subtitle)}"] if slide.subtitle else []
        )
    if isinstance(slide, RecapSlide):
        takeaways = [t for s in section.slides for t in s.takeaways]
        glossary = [g for s in section.slides for g in s.glossary]
        heading = takeaways_heading(slide.source)
        lines = [f"**{heading}:**", ""] + [f"- {md(t)}" for t in takeaways or ["(none)"]]
        lines += ["", "**Terms defined:**", ""]
        lines += [f"- **{md(g.term)}:** {md(g.definition)}" for g in glossary] or ["- (none)"]
        return lines
    if isinstance(slide, ChartSlide):
        takeaway = md(slide.takeaway) if slide.takeaway else "*(none: the slide has no takeaway)*"
        return [
            f"**Headline:** {md(slide.headline)}",
            "",
            f"**Takeaway:** {takeaway}",
            "",
            f"**On the slide:** {md(_chart_summary(slide.chart))}",
        ]
    if isinstance(slide, PromptSlide):
        pages = f" ({len(section.slides)} slides)" if len(section.slides) > 1 else ""
        return [f"**Headline:** {md(slide.title)}", "", f"**On the slide:** the prompt{pages}"]
    if isinstance(slide, BulletSlide):
        bullets = [b for s in section.slides for b in s.bullets]
        return [f"**Headline:** {md(slide.title)}", ""] + [f"- {md(b)}" for b in bullets]
    if section.kind == "backup":
        return [f"- Slide {n}: {md(_headline(s))}" for n, s in zip(section.numbers, section.slides)]
    return ["The questions to answer once you have read every slide."]


def _headline(slide: SlidePlan) -> str:
    return getattr(slide, "headline", None) or getattr(slide, "title", "")


def _chart_summary(chart: ChartPlan) -> str:
    text = f"{chart.y_label} by {chart.x_label}"
    series = [s for s in chart.series if s is not None]
    if series:
        text += f", one colour per {chart.legend_title}: {', '.join(series)}"
    if chart.callout is not None:
        point = chart.points[chart.callout.point_index]
        x_label = dict(zip(chart.x_values, chart.x_labels)).get(point.x) or display(point.x)
        where = x_label + (f" / {point.series}" if point.series else "")
        text += f"; red arrow at {where}"
        if chart.callout.text:
            text += f': "{chart.callout.text}"'
    ns = [p.n for p in chart.points]
    if ns and all(n is not None for n in ns):
        text += f"; n = {sum(ns):,} samples"
    return text


def _finding(finding: Finding) -> str:
    return (
        f"{finding.severity} `{finding.rule}` at {finding.file}:{finding.line}:{finding.column}: "
        f"{md(finding.message)}"
    )


_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """``text`` as literal Markdown on one line: special characters escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))
