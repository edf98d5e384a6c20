"""`template: lab.pptx`: the lab's layouts (found by role), fonts, accent colours and slide size."""

from __future__ import annotations

import io
import zipfile

import pytest
from lab_template import ACCENTS, make_template
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from slidekit.data.tables import load_tables
from slidekit.errors import SlidekitError
from slidekit.pipeline import build
from slidekit.plan.chart import PALETTE
from slidekit.plan.model import ChartSlide
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import load_spec


def runs(slide, *, title: bool):
    """The runs of the slide's title (``title=True``) or of every other text shape."""
    title_id = slide.shapes.title.shape_id if slide.shapes.title is not None else None
    return [
        run
        for shape in slide.shapes
        if shape.has_text_frame and (shape.shape_id == title_id) == title
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.text
    ]


def chart_plans(spec_path):
    loaded = load_spec(spec_path)
    plan = resolve_plan(loaded, load_tables(loaded))
    return [s.chart for s in plan.slides if isinstance(s, ChartSlide)]


@pytest.fixture
def lab_deck(tiny_spec, tmp_path):
    make_template(tmp_path / "lab.pptx")
    spec = tiny_spec("template: lab.pptx")
    build(spec)
    return Presentation(str(spec.with_suffix(".pptx")))


def test_slides_use_the_templates_layouts_found_by_role(lab_deck):
    # Layouts renamed, reordered and without PowerPoint's layout types.
    assert [slide.slide_layout.name for slide in lab_deck.slides] == [
        "Titel", "Nur Titel", "Nur Titel", "Nur Titel", "Abschnitt", "Nur Titel",
    ]


def test_the_templates_sample_slides_are_removed(lab_deck):
    assert len(lab_deck.slides) == 6
    texts = [shape.text_frame.text for s in lab_deck.slides for shape in s.shapes if shape.has_text_frame]
    assert not any("SAMPLE SLIDE" in text for text in texts)


def test_unused_layout_placeholders_are_removed(lab_deck):
    for slide in lab_deck.slides:
        assert all(p.text_frame.text for p in slide.placeholders if p.has_text_frame)


def test_theme_fonts_are_used_and_prompts_stay_monospace(lab_deck):
    title_fonts = {run.font.name for slide in lab_deck.slides for run in runs(slide, title=True)}
    assert title_fonts == {"Georgia"}
    body_fonts = {run.font.name for slide in lab_deck.slides for run in runs(slide, title=False)}
    assert body_fonts == {"Verdana", "Courier New"}
    prompt = lab_deck.slides[2]
    assert {run.font.name for run in runs(prompt, title=False)} == {"Courier New"}


def test_a_wider_theme_font_is_set_smaller_so_lines_break_where_planned(lab_deck):
    # Verdana is about 1.38x as wide as Calibri: 24 pt bullets become 17 pt.
    bullets = lab_deck.slides[3]
    assert {run.font.size.pt for run in runs(bullets, title=False)} == {17.0}


def test_chart_colours_follow_the_theme_accents(lab_deck, tiny_spec):
    main = chart_plans(tiny_spec("template: lab.pptx"))[0]
    assert main.colors == ("#7A1F5C", "#2E8B57")
    picture = next(s for s in lab_deck.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    pixels = {color for _, color in Image.open(io.BytesIO(picture.image.blob)).convert("RGB").getcolors(1 << 24)}
    assert (0x7A, 0x1F, 0x5C) in pixels and (0x2E, 0x8B, 0x57) in pixels


def test_charts_are_set_in_the_decks_body_font(tiny_spec, tmp_path):
    make_template(tmp_path / "lab.pptx")
    assert {chart.font for chart in chart_plans(tiny_spec("template: lab.pptx"))} == {"Verdana"}
    assert {chart.font for chart in chart_plans(tiny_spec())} == {"Calibri"}


def test_a_nearly_white_accent_is_skipped(tiny_spec, tmp_path):
    make_template(tmp_path / "lab.pptx")
    full = chart_plans(tiny_spec("template: lab.pptx"))[1]
    assert full.colors == ("#7A1F5C", "#2E8B57", "#D4A017")
    assert "#FAFAF0" not in full.colors and ACCENTS[4] == "FAFAF0"


def test_spec_colors_win_over_the_theme(tiny_spec, tmp_path):
    make_template(tmp_path / "lab.pptx")
    spec = tiny_spec('template: lab.pptx\ncolors: ["#111111", "222222"]')
    main, full = chart_plans(spec)[:2]
    assert main.colors == ("#111111", "#222222")
    # More series than colours: the built-in palette continues.
    assert full.colors == ("#111111", "#222222", PALETTE[0])


def test_without_a_template_the_built_in_look_is_kept(tiny_spec):
    spec = tiny_spec()
    assert chart_plans(spec)[0].colors == PALETTE[:2]
    build(spec)
    deck = Presentation(str(spec.with_suffix(".pptx")))
    assert deck.slide_width == Inches(13.333)
    assert [s.slide_layout.name for s in deck.slides][:2] == ["Title Slide", "Title Only"]
    assert {run.font.name for run in runs(deck.slides[1], title=True)} == {"Calibri"}


def test_a_smaller_16_9_template_scales_every_box_and_font(tiny_spec, tmp_path):
    make_template(tmp_path / "lab.pptx", width=10, height=5.625, heading_font="Calibri", strip_types=False)
    spec = tiny_spec("template: lab.pptx")
    build(spec)
    deck = Presentation(str(spec.with_suffix(".pptx")))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(5.625))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height
    # A 30 pt headline on 13.333 in is 22.5 pt on 10 in.
    assert {run.font.size.pt for run in runs(deck.slides[1], title=True)} == {22.5}


@pytest.mark.parametrize(
    ("make", "value", "message"),
    [
        (None, "missing.pptx", "missing.pptx: no such file"),
        (lambda p: p.write_text("not a zip"), "lab.pptx", "lab.pptx: not a PowerPoint .pptx file"),
        (
            lambda p: make_template(p, width=10, height=7.5), "lab.pptx",
            "lab.pptx: its slides are 10 x 7.5 in (4:3); slidekit lays slides out for 16:9",
        ),
        (None, "lab.potx", "expected a .pptx file (open the .potx and save it as a .pptx)"),
    ],
)
def test_a_template_that_cannot_be_used_is_a_spec_error_at_its_line(
    tiny_spec, tmp_path, make, value, message
):
    if make:
        make(tmp_path / value)
    spec = tiny_spec(f"template: {value}")
    with pytest.raises(SlidekitError) as error:
        build(spec)
    [problem] = error.value.problems
    assert (problem.line, problem.key) == (4, "template")
    assert message in problem.message


def test_the_template_authors_properties_do_not_reach_the_deck(tiny_spec, tmp_path):
    template = make_template(tmp_path / "lab.pptx")
    with zipfile.ZipFile(template) as package:
        assert "Steve Canny" in package.read("docProps/core.xml").decode()
    spec = tiny_spec("template: lab.pptx")
    build(spec)
    with zipfile.ZipFile(spec.with_suffix(".pptx")) as package:
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
    assert "Steve Canny" not in core and "python-pptx" not in core
    assert "A. Researcher" in core and "<Application>slidekit</Application>" in app
