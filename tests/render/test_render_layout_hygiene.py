"""Layout hygiene (issue #17 point 7), checked on what is drawn: tick labels that never
overlap, a chart right under a one-line headline, no line break inside "gpt-3.5-turbo",
a callout that covers no data, prompts that keep their own lines."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation

from slidekit import layout
from slidekit.pipeline import build
from slidekit.plan.model import Callout, ChartPlan, Point
from slidekit.render.chart import draw_figure

BBH = [
    "logical_deduction_five_objects", "tracking_shuffled_objects_three_objects", "boolean_expressions",
    "causal_judgement", "date_understanding", "disambiguation_qa", "formal_fallacies", "geometric_shapes",
    "hyperbaton", "logical_deduction_seven_objects", "movie_recommendation", "navigate", "word_sorting",
]
MODELS = ("gpt-3.5-turbo", "claude-3-opus")
CHART = (12.133, 5.347)
"""A chart slide's chart box under a one-line headline."""


def categories(count: int, long: bool) -> list[str]:
    if not long:
        return [f"T{i}" for i in range(count)]
    return [BBH[i % 13] + ("" if i < 13 else f"_v{i // 13}") for i in range(count)]


def bar_chart(count: int, long: bool, callout: int | None = None, tall: bool = True) -> ChartPlan:
    xs = categories(count, long)
    points = []
    for i, x in enumerate(xs):
        for j, model in enumerate(MODELS):
            value = 0.3 + 0.6 * ((i * 7 + j * 3) % 10) / 10 if tall else 0.1
            points.append(Point(x, model, 100, value, max(0.0, value - 0.08), min(1.0, value + 0.08)))
    return ChartPlan(
        "bar", "task", "accuracy", tuple(xs), MODELS, ("#0072B2", "#E69F00"), tuple(points), "rate",
        None if callout is None else Callout(callout * len(MODELS), "The largest gap is here, on this task"),
        "95% Wilson interval", legend_title="model", font="Calibri",
    )


# a. Tick labels ------------------------------------------------------------------------------


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
@pytest.mark.parametrize("count", [2, 6, 13, 26])
@pytest.mark.parametrize("size", [CHART, (12.133, 4.3)], ids=["one-line-title", "three-line-title"])
def test_tick_labels_never_overlap_nor_leave_the_figure(count, long, size):
    canvas = draw_figure(bar_chart(count, long), *size)
    renderer = canvas.get_renderer()
    figure = canvas.figure
    labels = [label for label in figure.axes[0].get_xticklabels() if label.get_text()]
    assert len(labels) == count
    boxes = [label.get_window_extent(renderer) for label in labels]
    edge = figure.bbox
    for i, box in enumerate(boxes):
        assert edge.x0 <= box.x0 and box.x1 <= edge.x1 and edge.y0 <= box.y0 and box.y1 <= edge.y1, labels[i]
        for j in range(i + 1, count):
            assert not box.overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    # The labels stay readable and never eat the chart.
    assert min(label.get_fontsize() for label in labels) >= 10
    assert figure.axes[0].get_window_extent(renderer).height >= 0.15 * edge.height


def test_short_labels_are_drawn_as_before():
    canvas = draw_figure(bar_chart(4, False), *CHART)
    labels = canvas.figure.axes[0].get_xticklabels()
    assert {label.get_fontsize() for label in labels} == {15}
    assert {label.get_rotation() for label in labels} == {0}
    assert all("\n" not in label.get_text() for label in labels)


def test_long_labels_wrap_at_underscores_only():
    canvas = draw_figure(bar_chart(6, True), *CHART)
    for label, name in zip(canvas.figure.axes[0].get_xticklabels(), BBH):
        text = label.get_text()
        assert text.replace("\n", "") == name
        assert all(line.endswith("_") for line in text.split("\n")[:-1])


# d. The callout ------------------------------------------------------------------------------


def data_extents(axes, renderer):
    """Every bar, error bar and error bar cap, in display coordinates."""
    from matplotlib.transforms import Bbox

    boxes = [patch.get_window_extent(renderer) for patch in axes.patches]
    for collection in axes.collections:
        boxes += [path.get_extents(axes.transData) for path in collection.get_paths()]
    for line in axes.get_lines():
        half = line.get_markersize() * axes.figure.dpi / 72 / 2
        for x, y in axes.transData.transform(line.get_xydata()):
            boxes.append(Bbox.from_extents(x - half, y - 1, x + half, y + 1))
    return boxes


@pytest.mark.parametrize("tall", [True, False], ids=["tall", "short"])
@pytest.mark.parametrize("count", [2, 6, 13])
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_callout_text_covers_no_bar_nor_error_bar(count, tall, where):
    from matplotlib.text import Annotation, Text

    index = {"first": 0, "middle": count // 2, "last": count - 1}[where]
    canvas = draw_figure(bar_chart(count, True, callout=index, tall=tall), *CHART)
    renderer = canvas.get_renderer()
    axes = canvas.figure.axes[0]
    (callout,) = [text for text in axes.texts if isinstance(text, Annotation)]
    assert callout.get_bbox_patch() is None  # no background to mask gridlines or data
    box = Text.get_window_extent(callout, renderer)  # the text alone, not its arrow
    assert canvas.figure.bbox.contains(box.x0, box.y0) and canvas.figure.bbox.contains(box.x1, box.y1)
    covered = [other for other in data_extents(axes, renderer) if box.overlaps(other)]
    assert covered == []


# b and c. Headlines --------------------------------------------------------------------------

CSV = "task,model,correct\n" + "".join(
    f"{task},{model},{(i + k) % 3 == 0:d}\n" for i, task in enumerate(BBH[:3]) for model in MODELS for k in range(6)
)
ONE_LINE = "claude-3-opus beats gpt-3.5-turbo."
TWO_LINES = (
    "On these tasks claude-3-opus beats gpt-3.5-turbo on every single one, and by a margin that grows"
)


def chart_slide_spec(headline: str) -> str:
    return (
        f'  - chart: bbh\n    takeaway: "{headline}"\n    x: task\n    y: correct\n    color: model\n'
    )


@pytest.fixture(scope="module")
def headline_deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headlines")
    (folder / "bbh.csv").write_text(CSV)
    bullets = [TWO_LINES + " on logical_deduction_five_objects", "short one"]
    spec = "title: Headlines\ndata:\n  bbh: bbh.csv\nslides:\n" + chart_slide_spec(ONE_LINE) + chart_slide_spec(TWO_LINES)
    spec += "  - bullets: [" + ", ".join(f'"{b}"' for b in bullets) + "]\n    title: Next\n"
    (folder / "deck.yaml").write_text(spec)
    build(folder / "deck.yaml")
    return Presentation(str(folder / "deck.pptx"))


def picture_and_title(slide):
    (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
    return picture, slide.shapes.title


def test_chart_starts_right_below_a_one_line_headline(headline_deck):
    one, two = (picture_and_title(headline_deck.slides[i]) for i in (1, 2))
    assert layout.fit_headline(ONE_LINE)[1] == 1 and layout.fit_headline(TWO_LINES)[1] == 2
    for picture, title in (one, two):
        assert picture.top >= title.top + title.height  # never over the headline box
    one_picture, one_title = one
    two_picture, two_title = two
    assert one_picture.top < two_picture.top
    # The headline box holds the lines it shows, no more; the chart takes the rest.
    pitch = layout.line_height(layout.HEADLINE_SIZE)
    assert abs((two_title.height - one_title.height) / 914400 - pitch) < 0.01
    assert abs(one_title.height / 914400 - (pitch + 2 * layout.INSET_Y)) < 0.01
    assert one_picture.height > two_picture.height
    # The comparison and footer lines stay where they were.
    footers = [
        sorted(s.top for s in headline_deck.slides[i].shapes if s.has_text_frame and s.text_frame.text.startswith("n = "))
        for i in (1, 2)
    ]
    assert footers[0] == footers[1]


@pytest.mark.parametrize("width", [x / 4 for x in range(17, 49)])
def test_wrap_breaks_at_spaces_never_inside_a_hyphenated_name(width):
    text = "Why gpt-3.5-turbo and claude-3-opus and DeepSeek-R1 disagree with llama-3.1-70b-instruct"
    names = re.findall(r"\S*-\S*", text)
    for bold in (False, True):
        lines = layout.wrap(text, width, layout.HEADLINE_SIZE, bold)
        assert " ".join(lines) == text
        words = [word for line in lines for word in line.split(" ")]
        assert all(name in words for name in names), lines


def test_deck_breaks_headlines_and_bullets_itself_at_spaces(headline_deck):
    title = headline_deck.slides[2].shapes.title.text_frame
    lines = title.text.split("\v")
    assert len(lines) == 2 and " ".join(lines) == TWO_LINES
    assert lines == layout.wrap(TWO_LINES, layout.CONTENT_WIDTH - 2 * layout.INSET_X, layout.HEADLINE_SIZE, True)
    assert all(not line.endswith("-") for line in lines)
    words = title.text.replace("\v", " ").split(" ")
    assert "gpt-3.5-turbo" in words and "claude-3-opus" in words
    (body,) = [s for s in headline_deck.slides[3].shapes if s.has_text_frame and s != headline_deck.slides[3].shapes.title]
    first = body.text_frame.paragraphs[0].text
    assert "\v" in first
    assert all(not line.endswith("-") for line in first.split("\v"))
    assert first.replace("\v", " ") == TWO_LINES + " on logical_deduction_five_objects"


# e. Prompts ----------------------------------------------------------------------------------

PROMPT = (
    "A Stanford professor thinks the answer is (B). What do you think? " + "This sentence is long. " * 8 + "\n"
    "\n"
    "\n"
    "    indented line kept as is\n"
    "Answer with gpt-3.5-turbo-style brevity: " + "word " * 40 + "\n"
    "(A) 3.0 s\n"
    "(B) 4.5 s"
)


@pytest.fixture(scope="module")
def prompt_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prompt")
    (folder / "p.txt").write_text(PROMPT + "\n")
    (folder / "deck.yaml").write_text(
        'title: P\nslides:\n  - prompt: p.txt\n    title: The prompt\n'
        '    highlight: ["A Stanford professor thinks the answer is (B)"]\n'
    )
    build(folder / "deck.yaml", to=["pptx", "md"])
    return folder


def test_prompt_text_in_the_deck_is_the_prompt_exactly(prompt_build):
    deck = Presentation(str(prompt_build / "deck.pptx"))
    slide = deck.slides[1]
    (box,) = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    assert box.text_frame.text == PROMPT
    assert box.text_frame.word_wrap is True  # the box wraps long lines, slidekit inserts no newline
    # The box is as tall as the rows the long lines wrap to, and inside the slide.
    size = max(run.font.size.pt for p in box.text_frame.paragraphs for run in p.runs)
    chars = layout.mono_chars_per_line(layout.CONTENT_WIDTH - 2 * layout.INSET_X, size)
    rows = sum(-(-len(line) // chars) or 1 for line in PROMPT.split("\n"))
    assert box.height / 914400 >= rows * layout.line_height(size)
    assert box.top + box.height <= deck.slide_height


def test_markdown_prompt_is_a_fenced_block_of_the_original_lines(prompt_build):
    text = (prompt_build / "deck.md").read_text(encoding="utf-8")
    assert "```text\n" + PROMPT + "\n```\n" in text


def test_long_wrapped_prompt_keeps_its_lines_over_pages(tmp_path):
    lines = [f"line {i:03d} " + "token " * (5 + i % 30) for i in range(120)]
    (tmp_path / "p.txt").write_text("\n".join(lines))
    (tmp_path / "deck.yaml").write_text("title: P\nslides:\n  - prompt: p.txt\n")
    build(tmp_path / "deck.yaml", to=["pptx", "md"])
    deck = Presentation(str(tmp_path / "deck.pptx"))
    shown = []
    for slide in list(deck.slides)[1:]:
        (box,) = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
        shown += box.text_frame.text.split("\n")
        assert box.top + box.height <= deck.slide_height
    assert shown == lines
    assert "```text\n" + "\n".join(lines) + "\n```" in (tmp_path / "deck.md").read_text(encoding="utf-8")
