"""The spec: every key a user can write in ``week12.yaml``, in one place.

Each model documents its keys; ``extra="forbid"`` turns a typo into an error
(with a "did you mean" suggestion, see :mod:`slidekit.spec.load`). These are
validated user input (``*Spec``); resolved values live in :mod:`slidekit.plan`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Scalar = Union[str, int, float, bool]
NonEmptyText = Annotated[str, Field(min_length=1)]
Row = Annotated[dict[str, Scalar | None], Field(min_length=1)]
"""One inline table row: at least one column's value."""

HEX_COLOR = r"^#?[0-9A-Fa-f]{6}$"


def _hex_color(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(HEX_COLOR, value):
        raise PydanticCustomError(
            "hex_color", 'a hex colour like "#0072B2" (quoted: # starts a YAML comment)'
        )
    return "#" + value.lstrip("#").upper()


HexColor = Annotated[str, BeforeValidator(_hex_color), Field(json_schema_extra={"pattern": HEX_COLOR})]
"""``"#0072B2"`` (or ``0072B2``), normalized to ``#0072B2``."""


class StrictModel(BaseModel):
    # Attribute docstrings become the field descriptions of ``slidekit schema``.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, use_attribute_docstrings=True
    )


def _path_or_mapping(value: object) -> str | None:
    if isinstance(value, str):
        return "path"
    if isinstance(value, (dict, BaseModel)):
        return "mapping"
    return None


def path_or(model: type[BaseModel], what: str):
    """A key that takes either a file path (text) or a mapping validated by ``model``."""
    return Annotated[
        Union[Annotated[NonEmptyText, Tag("path")], Annotated[model, Tag("mapping")]],
        Discriminator(
            _path_or_mapping,
            custom_error_type="path_or_mapping",
            custom_error_message=f"expected {what}",
        ),
    ]


class SlideLintSpec(StrictModel):
    """Lint settings for one slide."""

    ignore: list[NonEmptyText] = []
    """Rule ids not to check on this slide, e.g. ``[callout-missing]``."""


class LintSpec(StrictModel):
    """Lint settings for the whole deck (``slidekit lint``)."""

    ignore: list[NonEmptyText] = []
    """Rule ids not to check at all."""
    severity: dict[str, Literal["error", "warning"]] = {}
    """Change a rule's severity, e.g. ``{callout-missing: error}``."""
    jargon: list[NonEmptyText] = []
    """Terms that need a definition in ``recap.jargon`` besides the acronyms found automatically."""
    min_samples: int = Field(default=30, ge=1)
    """``small-sample`` flags a drawn point with fewer samples than this."""


ERROR_METHODS = ("auto", "wilson", "t", "bootstrap", "none")
"""The named ways to draw error bars; any other ``error:`` value names a column."""


class ShapingSpec(StrictModel):
    """How rows become points; on a table, or on a chart (where it adds to the table's)."""

    where: str | None = None
    """Keep only rows for which this expression holds, e.g. ``split == 'val'``."""
    columns: dict[str, NonEmptyText] = {}
    """Derived columns, each an expression over existing ones, e.g. ``correct: "answer == target"``."""
    labels: dict[str, dict[Scalar, str]] = {}
    """Display names for category values, per column: ``{family: {ITC: "Reasoning"}}``."""
    order: dict[str, list[Scalar]] = {}
    """Category order, per column: ``{cue: [Professor, Argument]}``; unlisted values follow."""
    error: str | None = None
    """Error bars: ``auto`` (Wilson for 0/1, Student-t for numbers), ``wilson``, ``t``,
    ``bootstrap``, ``none``, or a column holding each point's standard error (a pre-aggregated table)."""
    ci: float | None = Field(default=None, gt=0, lt=1)
    """Confidence level of the error bars (default 0.95)."""
    n: str | None = None
    """For a pre-aggregated table: the column with each point's sample count."""
    cluster: NonEmptyText | Literal[False] | None = None
    """A column naming the unit each row repeats (a question asked with several seeds): intervals
    become clustered t intervals over those units. Inspect logs with several epochs are clustered
    by sample id unless ``cluster: false``."""


def is_rate(value: object) -> bool:
    """Is ``value`` an expected rate in ``expect.rows`` (a number from 0 to 1, not a boolean)?"""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


class ExpectSpec(StrictModel):
    """Hypothetical results stated as expected rates, from which slidekit draws a per-sample table.

    Each row names a group by its categories and gives the expected rate of each
    outcome; slidekit draws ``n`` samples of 0/1 per row, with a fixed seed (the
    same table every build). A value that is a number from 0 to 1 is an
    outcome's rate; any other value is a category (quote a category that looks
    like a rate: ``temperature: "0.7"``).
    """

    n: int = Field(ge=1, le=100_000)
    """Samples drawn per row, e.g. 200: the error bars are as wide as real data of this size gives."""
    rows: list[Row] = Field(min_length=1)
    """One group per row: categories and expected rates, e.g. ``{family: ITC, cue: Professor, articulated: 0.6}``."""
    seed: int = Field(default=0, ge=0)
    """The random seed of the draw (default 0): change it to see how much another sample of n differs."""

    @field_validator("rows")
    @classmethod
    def _same_columns_with_rates(cls, rows: list[dict]) -> list[dict]:
        def roles(row: dict) -> tuple[list[str], list[str]]:
            return [k for k, v in row.items() if not is_rate(v)], [k for k, v in row.items() if is_rate(v)]

        first_categories, first_rates = roles(rows[0])
        for number, row in enumerate(rows, start=1):
            categories, rates = roles(row)
            if not rates:
                raise PydanticCustomError(
                    "expect_rows",
                    "row {number} has no expected rate; found only categories ({columns}); give each "
                    "outcome a number from 0 to 1, e.g. correct: 0.7",
                    {"number": number, "columns": ", ".join(categories)},
                )
            if (set(categories), set(rates)) != (set(first_categories), set(first_rates)):
                raise PydanticCustomError(
                    "expect_rows",
                    "every row needs the same categories and rates; found row 1 with categories "
                    "({a}) and rates ({b}), row {number} with categories ({c}) and rates ({d})",
                    {
                        "number": number, "a": ", ".join(first_categories), "b": ", ".join(first_rates),
                        "c": ", ".join(categories), "d": ", ".join(rates),
                    },
                )
        return rows


class TableSpec(ShapingSpec):
    """A data table: a result file (or inline rows, or expected rates), optionally filtered and reshaped."""

    path: str | None = Field(default=None, min_length=1)
    """The file or folder, relative to the spec's folder (CSV, TSV, JSON, JSONL, Parquet, logs)."""
    rows: list[Row] | None = Field(default=None, min_length=1)
    """The table itself, inline: ``[{model: a, acc: 0.7}, ...]``."""
    expect: ExpectSpec | None = None
    """Hypothetical results as expected rates per group, ``{n: 200, rows: [{cue: Professor, articulated: 0.6}]}``,
    from which slidekit draws a per-sample 0/1 table (needs ``hypothetical: true``)."""
    hypothetical: bool = False
    """The table holds made-up numbers (a speedrun): every chart drawn from it gets a HYPOTHETICAL
    watermark and every slide, report and abstract using it a mark that cannot be switched off.
    To use the real results, point the table at their file and drop this key."""
    format: str | None = None
    """Override the detected format: csv, tsv, json, jsonl, parquet, inspect, lm-eval, or a plugin's."""
    records: str | None = Field(default=None, min_length=1)
    """In a JSON file, the dotted path to the table: ``outputs``, ``results.samples``, ``runs.0``."""
    tag: dict[NonEmptyText, list[Scalar]] | None = Field(default=None, min_length=1, max_length=1)
    """When ``records`` is a list of tables: a column and one value per table,
    ``{condition: [biased, baseline]}``; the tables are stacked."""
    index: NonEmptyText | None = None
    """In a JSON file: a column numbering each table's rows from 0, so the rows at one position in
    each tagged table (one question asked two ways) share a number that ``compare``'s ``pair`` can match."""

    @model_validator(mode="after")
    def _one_source(self) -> TableSpec:
        given = [k for k in ("path", "rows", "expect") if getattr(self, k) is not None]
        if len(given) != 1:
            found = " and ".join(given) if given else "neither"
            raise PydanticCustomError(
                "table_source", f"expected exactly one of path, rows, expect; found {found}"
            )
        if self.expect is not None and not self.hypothetical:
            found = "hypothetical: false" if "hypothetical" in self.model_fields_set else "no hypothetical key"
            raise PydanticCustomError(
                "table_source",
                "expect: draws made-up results, so the table needs hypothetical: true (every slide "
                "that uses it is then marked HYPOTHETICAL); found {found}",
                {"found": found},
            )
        return self


class RecapSpec(StrictModel):
    """The recap slide that opens the deck: last week's takeaways and the jargon."""

    from_: str | None = Field(default=None, alias="from")
    """Last week's spec; its takeaways become the first recap bullets."""
    takeaways: list[NonEmptyText] = []
    """Extra bullets, shown after the pulled ones."""
    jargon: dict[str, NonEmptyText] = {}
    """Terms this deck uses, each with a one-line definition."""


class CompareSpec(StrictModel):
    """The difference b - a between two values of the x (or colour) column, per group of the other."""

    column: NonEmptyText
    """The chart's x or colour column, whose two values are compared."""
    a: Scalar
    """The baseline value, e.g. ``no_cue``."""
    b: Scalar
    """The value compared with it, e.g. ``cue``: the difference is b - a."""
    pair: str | None = None
    """A column matching rows across a and b (the same question): a paired comparison."""


class CalloutSpec(StrictModel):
    """A red arrow pointing at one plotted point, with a short text."""

    at: dict[str, Scalar] = Field(min_length=1)
    """The point, by its values: ``{cue: Professor, family: ITC}`` (x and colour columns)."""
    text: str = ""
    """What to notice, e.g. "Loss goes down - that's what we want!"."""


class BreakdownSpec(StrictModel):
    """A backup chart with another column on x: ``{x: task}`` draws each task, coloured by the main x."""

    x: NonEmptyText
    """The breakdown column, on the x axis."""
    color: str | None = None
    """The series (default: the main chart's x column, so its bars sit side by side per category)."""
    title: str | None = None
    """The backup slide's headline (default: "Breakdown by X")."""


def _also_one_column(schema: dict) -> None:
    """``backup: model`` is accepted (as ``[model]``), so the JSON Schema allows one name too."""
    schema["anyOf"].insert(1, {"type": "string", "minLength": 1})


class ChartSlideSpec(ShapingSpec):
    """A result slide: one takeaway as the headline, one chart below it."""

    chart: NonEmptyText
    """The data table to draw (a name under ``data:``)."""
    kind: Literal["bar", "line"] = "bar"
    """``bar``: grouped bars per x category; ``line``: one line per colour over a numeric x."""
    takeaway: str | None = None
    """The one-sentence story of this chart: the headline, and next week's recap."""
    title: str | None = None
    """A headline to use instead of the takeaway (the takeaway is still collected)."""
    x: NonEmptyText
    """Column for the x axis."""
    y: NonEmptyText
    """Column to plot: per-sample 0/1 (a rate) or numbers (a mean); rows are aggregated."""
    color: str | None = None
    """Column whose values are the series (bars' or lines' colours)."""
    show: list[Scalar] | None = Field(default=None, min_length=1)
    """Draw only these colour categories (in this order); the rest go to a backup slide."""
    callout: CalloutSpec | None = None
    """The red arrow that says what to look at."""
    compare: CompareSpec | None = None
    """Show the difference between two conditions, with its interval and p-value."""
    unit: NonEmptyText | None = None
    """A column naming what each row is about (a question) when it appears under several x
    categories; lint warns when y never differs within one (default: ``compare``'s ``pair``)."""
    backup: list[path_or(BreakdownSpec, "a column name or {x: COLUMN}")] | bool = Field(
        default=True, json_schema_extra=_also_one_column
    )
    """Extra backup charts: a column name colours a copy of this chart by it; ``{x: task}`` puts
    that column on x (the main x becomes the colour); ``false`` for no backup at all."""
    section: Literal["main", "backup"] = "main"
    """``backup`` puts this slide after the Backup divider, linked from the result before it."""
    x_label: str | None = None
    """Axis label for x (default: the column name)."""
    y_label: str | None = None
    """Axis label for y (default: the column name, "(rate)" for 0/1 columns)."""
    notes: str | None = None
    """Speaker notes, added after the generated ones (data, filter, n, error bars)."""
    lint: SlideLintSpec | None = None
    """Lint settings for this slide."""

    @field_validator("backup", mode="before")
    @classmethod
    def _one_column_is_a_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class ChatMessageSpec(StrictModel):
    """One message of a chat prompt."""

    role: NonEmptyText
    """Who speaks: ``system``, ``user``, ``assistant`` (any label; shown in capitals)."""
    content: str
    """The message text."""


class PromptTextSpec(StrictModel):
    """A prompt given inline, as chat messages, from a file or from a data table."""

    text: str | None = None
    """The prompt text."""
    messages: list[ChatMessageSpec] | None = Field(default=None, min_length=1)
    """Chat messages, each shown with its role."""
    file: str | None = None
    """A text file with the prompt, relative to the spec's folder."""
    data: str | None = None
    """A data table to take the exact prompt from (with ``where`` and ``column``)."""
    where: str | None = None
    """With ``data``: the row whose prompt to show, e.g. ``id == 3``."""
    column: str = "input"
    """With ``data``: the column holding the prompt (text, or a list of chat messages)."""

    @model_validator(mode="after")
    def _exactly_one_source(self) -> PromptTextSpec:
        given = [k for k in ("text", "messages", "file", "data") if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none of them"
            raise PydanticCustomError(
                "prompt_source", f"expected exactly one of text, messages, file, data; found {found}"
            )
        return self


class PromptSlideSpec(StrictModel):
    """The exact prompt the model was called with, in a monospace font."""

    prompt: path_or(PromptTextSpec, "a file path or a mapping with text, messages or file")
    """A file path, ``{text: ...}``, ``{messages: [{role, content}, ...]}`` or ``{file: ...}``."""
    title: str | None = None
    """Headline (default: "Prompt")."""
    highlight: list[NonEmptyText] = []
    """Spans to show in red bold, e.g. the cue; each must occur in the prompt."""
    notes: str | None = None
    """Speaker notes."""
    lint: SlideLintSpec | None = None
    """Lint settings for this slide."""


class BulletsSlideSpec(StrictModel):
    """A slide of bullets: next steps, questions for the mentor."""

    bullets: list[NonEmptyText] = Field(min_length=1)
    """The bullets, in order."""
    title: NonEmptyText
    """Headline."""
    notes: str | None = None
    """Speaker notes."""
    lint: SlideLintSpec | None = None
    """Lint settings for this slide."""


class AbstractSpec(StrictModel):
    """The draft paper abstract ``slidekit abstract`` writes: the parts the deck cannot say itself.

    The question (the title), the setup (the data and the prompts) and the results
    (the takeaways with their computed numbers) come from the deck; each text here
    may quote numbers too (``{{ mean('cues', 'articulated') | pct }}``).
    """

    motivation: str | None = None
    """Why the question matters: the abstract's opening sentences."""
    hypothesis: str | None = None
    """What you expect to find, written before the experiment runs."""
    setup: str | None = None
    """The setup in your words; the data and the prompts are described after it."""
    implications: str | None = None
    """What follows if the results hold: the abstract's closing sentences."""
    template: NonEmptyText | None = None
    """Your own Jinja2 template for the abstract (Markdown), relative to the spec's folder; it
    can ``{% extends "abstract.md.j2" %}`` and replace some of its blocks."""


SLIDE_KINDS = ("chart", "prompt", "bullets")


def slide_kind(value: object) -> str | None:
    """The kind key of a raw slide entry, or None if it has none or several."""
    if isinstance(value, BaseModel):
        value = value.model_dump(by_alias=True)
    if not isinstance(value, dict):
        return None
    kinds = [k for k in SLIDE_KINDS if k in value]
    return kinds[0] if len(kinds) == 1 else None


SlideSpec = Annotated[
    Union[
        Annotated[ChartSlideSpec, Tag("chart")],
        Annotated[PromptSlideSpec, Tag("prompt")],
        Annotated[BulletsSlideSpec, Tag("bullets")],
    ],
    Discriminator(
        slide_kind,
        custom_error_type="slide_kind",
        custom_error_message="each slide needs exactly one of: chart, prompt, bullets",
    ),
]


class DeckSpec(StrictModel):
    """A week's update deck."""

    title: NonEmptyText
    """The question of the week; the title slide's headline."""
    author: str = ""
    """Who presents."""
    date: dt.date | None = None
    """The meeting date (YYYY-MM-DD)."""
    template: str | None = Field(default=None, min_length=1)
    """The lab's PowerPoint template (a .pptx, relative to the spec's folder): its layouts,
    fonts and colours (default: a clean built-in 16:9 look)."""
    colors: list[HexColor] | None = Field(default=None, min_length=1)
    """Chart colours in order, e.g. ``["#0072B2", "#E69F00"]`` (default: the template's accent
    colours, else a colour-blind-safe palette)."""
    takeaways: list[NonEmptyText] | None = None
    """This week's takeaways, for next week's recap (default: the chart slides' takeaways)."""
    recap: RecapSpec | None = None
    """Last week's takeaways and this week's jargon, on the slide after the title."""
    data: dict[str, path_or(TableSpec, "a file path or a mapping with path, rows or expect")] = {}
    """Named result tables: ``name: path`` or ``name: {path, where}``."""
    slides: list[SlideSpec] = Field(min_length=1)
    """The slides after the recap, in order; backup slides are added automatically."""
    lint: LintSpec = LintSpec()
    """Settings for ``slidekit lint``."""
    report_template: NonEmptyText | None = None
    """Your own Jinja2 template for ``--to html`` or ``--to md`` (by its extension: ``.html``,
    ``.md``, optionally followed by ``.j2``), relative to the spec's folder."""
    abstract: AbstractSpec | None = None
    """What ``slidekit abstract`` needs besides the deck to draft a paper abstract: the
    motivation, the hypothesis and the implications."""

    @field_validator("template")
    @classmethod
    def _template_is_pptx(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith(".pptx"):
            hint = " (open the .potx and save it as a .pptx)" if value.lower().endswith(".potx") else ""
            raise PydanticCustomError("pptx_file", "a .pptx file{hint}", {"hint": hint})
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date_not_datetime(cls, value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.date()
        return value
