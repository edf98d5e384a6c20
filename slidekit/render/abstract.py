"""``slidekit abstract``: a draft paper abstract from the spec, with the deck's live numbers.

    load_spec -> load_tables (lazily) -> resolve_plan -> collect_abstract -> abstract.md.j2 -> write

Writing the abstract first, before the experiment, is a quick way to judge
whether a result would interest anyone (a "speedrun"). The abstract is
assembled from what the deck already knows, the question (the title, without
its "Week 12:"), the setup (the charts' data and the prompts) and the results
(this week's takeaways, their templates filled with the computed numbers), plus
what only the researcher can say, from the spec's ``abstract:`` key: the
motivation, the hypothesis and the implications.

Every sentence that quotes hypothetical numbers ends with ``[HYPOTHETICAL]``
and the draft opens with a warning naming the made-up data, whatever the
template: it is rendered with ``abstract.md.j2`` from the package's templates,
or the spec's ``abstract.template``, which may ``{% extends "abstract.md.j2" %}``.
A template sees ``abstract`` (an :class:`Abstract`) and the ``md`` filter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from slidekit.errors import SlidekitError
from slidekit.plan.hypothetical import RESULT_MARK, hypothetical_sources
from slidekit.plan.model import ChartSlide, DeckPlan, HypotheticalData, PromptSlide
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec, TableSpec

BUILTIN_TEMPLATE = "abstract.md.j2"
EXCERPT = 300
"""A prompt is quoted up to this many characters."""
_WEEK_PREFIX = re.compile(r"^\s*(?:week|wk)\s*\d+\s*[:\u2013\u2014-]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    """A piece of the abstract, and whether it quotes hypothetical numbers."""

    text: str
    hypothetical: bool = False
    source: str = ""
    """For a result: where its numbers come from (the slide, n, error bars, data)."""


@dataclass(frozen=True)
class Abstract:
    """What the abstract template sees, as ``abstract``."""

    question: str
    """The deck's title without a leading "Week 12:"."""
    title: str
    author: str
    date: dt.date | None
    spec: str
    """The spec's file name."""
    motivation: Sentence | None
    hypothesis: Sentence | None
    setup: Sentence | None
    """The user's own words on the setup (``abstract.setup``)."""
    data: tuple[Sentence, ...]
    """One sentence per result chart: what is measured, on how many samples, from which data."""
    prompts: tuple[Sentence, ...]
    """One sentence per prompt slide: the prompt (its start, when long) and its highlighted spans."""
    results: tuple[Sentence, ...]
    """This week's takeaways with their computed numbers, each with its source."""
    implications: Sentence | None
    hypothetical: tuple[HypotheticalData, ...]
    """The made-up data the numbers come from, if any."""
    result_mark: str = RESULT_MARK

    @property
    def notice(self) -> str:
        """With hypothetical data: the warning the draft opens with."""
        if not self.hypothetical:
            return ""
        return (
            f"This draft contains hypothetical results: every sentence marked {self.result_mark} "
            "quotes made-up numbers, not real results. Do not cite them."
        )

    @property
    def paragraph(self) -> tuple[Sentence, ...]:
        """The abstract as one paragraph: motivation, question, hypothesis, setup, results, implications."""
        question = Sentence(f"We ask: {self.question}" + ("" if _ends(self.question) else "?"))
        parts = [self.motivation, question, self.hypothesis, self.setup, *self.data, *self.prompts]
        parts += [*self.results, self.implications]
        return tuple(part for part in parts if part is not None)


@dataclass(frozen=True)
class AbstractWritten:
    path: Path
    results: int
    hypothetical: int
    """How many of the results quote hypothetical numbers."""


def default_output(spec_path: Path) -> Path:
    """``week12.yaml`` -> ``week12.abstract.md`` beside it."""
    return spec_path.with_suffix(".abstract.md")


def write_abstract(spec_path: str | Path, output: str | Path | None = None) -> AbstractWritten:
    """Write the draft abstract of the spec at ``spec_path`` to ``output``, atomically.

    Raises :class:`SlidekitError` when the spec cannot be read or planned, as ``build`` does.
    """
    from slidekit.caching import default_cache_dir
    from slidekit.data.tables import LazyTables
    from slidekit.pipeline import check_sheet_output, write_atomically
    from slidekit.plan.data_cache import ResolvedChartCache
    from slidekit.plan.resolve import resolve_plan
    from slidekit.render.report import render_template
    from slidekit.plan.resolve import load_for_planning

    spec_path = Path(spec_path)
    output = Path(output) if output is not None else default_output(spec_path)
    loaded = load_for_planning(spec_path)
    check_sheet_output(output, loaded, "the abstract")
    template = _user_template(loaded)
    tables = LazyTables(loaded)
    plan = resolve_plan(loaded, tables, cache=ResolvedChartCache(default_cache_dir()))
    abstract = collect_abstract(loaded, plan, tables)
    text = render_template(template, BUILTIN_TEMPLATE, autoescape=False, abstract=abstract)
    write_atomically(output, re.sub(r"\n{3,}", "\n\n", text).encode("utf-8"))
    marked = sum(1 for result in abstract.results if result.hypothetical)
    return AbstractWritten(output, len(abstract.results), marked)


def collect_abstract(loaded: LoadedSpec, plan: DeckPlan, tables) -> Abstract:
    """The abstract's parts, from the plan and the spec's ``abstract:`` texts."""
    from slidekit.plan.text import TextError, TextRenderer

    spec = loaded.spec
    sources = hypothetical_sources(loaded)
    text = TextRenderer(tables)

    def own(key: str) -> Sentence | None:
        raw = getattr(spec.abstract, key, None) if spec.abstract is not None else None
        if raw is None or not raw.strip():
            return None
        first = len(text.tables_read)
        try:
            rendered = text.render(raw, ("abstract", key))
        except TextError as exc:
            raise SlidekitError(loaded.source.problem(exc.path, str(exc))) from None
        quotes = any(name in sources for name in text.tables_read[first:])
        return Sentence(" ".join(rendered.split()), quotes)

    return Abstract(
        question=_WEEK_PREFIX.sub("", plan.title).strip() or plan.title,
        title=plan.title,
        author=plan.author,
        date=plan.date,
        spec=loaded.path.name,
        motivation=own("motivation"),
        hypothesis=own("hypothesis"),
        setup=own("setup"),
        data=tuple(_data_sentences(loaded, plan, sources)),
        prompts=tuple(_prompt_sentences(loaded, plan)),
        results=tuple(_results(plan)),
        implications=own("implications"),
        hypothetical=plan.hypothetical,
    )


def _results(plan: DeckPlan) -> list[Sentence]:
    numbers = {id(slide): number for number, slide in enumerate(plan.slides, start=1)}
    charts = {
        s.takeaway: s for s in plan.slides if isinstance(s, ChartSlide) and not s.is_backup and s.takeaway
    }
    marks = plan.hypothetical_takeaways or tuple(bool(plan.hypothetical) for _ in plan.takeaways)
    results = []
    for takeaway, marked in zip(plan.takeaways, marks):
        slide = charts.get(takeaway)
        source = f"slide {numbers[id(slide)]}: {slide.footer}" if slide is not None else ""
        results.append(Sentence(_sentence(takeaway), marked, source))
    return results


def _data_sentences(loaded: LoadedSpec, plan: DeckPlan, sources: dict[str, str]) -> list[Sentence]:
    sentences = []
    for slide in plan.slides:
        if not isinstance(slide, ChartSlide) or slide.is_backup:
            continue
        spec = loaded.spec.slides[slide.spec_index]
        assert isinstance(spec, ChartSlideSpec)
        chart = slide.chart
        # The axis label without its unit ("articulated (% of samples)" -> "articulated").
        label = re.sub(r"\s*\([^()]*\)$", "", spec.y_label or spec.y.replace("_", " ")) or spec.y
        what = f"the rate of {label}" if chart.measure == "rate" else f"the mean {label}"
        by = chart.x_label + (f" and {chart.legend_title}" if chart.legend_title else "")
        counts = [p.n for p in chart.points]
        samples = "" if chart.pre_aggregated or None in counts else f" on {sum(counts):,} samples"
        entry = loaded.spec.data[spec.chart]
        entry = entry if isinstance(entry, TableSpec) else TableSpec(path=entry)
        if spec.chart in sources:
            data = f"hypothetical data: {sources[spec.chart]}"
        else:
            data = entry.path or "rows given in the spec"
        sentences.append(
            Sentence(f"We measure {what} by {by}{samples} ({data}).", spec.chart in sources)
        )
    return sentences


def _prompt_sentences(loaded: LoadedSpec, plan: DeckPlan) -> list[Sentence]:
    sentences = []
    for slide in plan.slides:
        if not isinstance(slide, PromptSlide) or slide.page != 1:
            continue
        lines = [line for s in plan.slides if isinstance(s, PromptSlide) and s.spec_index == slide.spec_index
                 for line in s.lines]
        prompt = " ".join("\n".join("".join(span.text for span in line) for line in lines).split())
        if len(prompt) > EXCERPT:
            prompt = prompt[: EXCERPT - 1].rstrip() + "\u2026"
        spec = loaded.spec.slides[slide.spec_index]
        highlighted = ", ".join(_quoted(" ".join(span.split())) for span in getattr(spec, "highlight", []))
        key_part = f"; its key part: {highlighted}" if highlighted else ""
        sentences.append(Sentence(f"The model is prompted with {_quoted(prompt)}{key_part}.", bool(slide.hypothetical)))
    return sentences


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def _ends(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "\u2026"))


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if _ends(text) else text + "."


def _user_template(loaded: LoadedSpec) -> Path | None:
    """``abstract.template``, resolved against the spec's folder; a spec error if it is not a file."""
    name = loaded.spec.abstract.template if loaded.spec.abstract is not None else None
    if name is None:
        return None
    path = loaded.folder / name
    if not path.is_file():
        raise SlidekitError(
            loaded.source.problem(("abstract", "template"), f"no such file: {name} (relative to the spec's folder)")
        )
    return path


