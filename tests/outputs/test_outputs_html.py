"""--to html: one self-contained page, one <img> per chart, every value escaped, phone-ready."""

from __future__ import annotations

import base64
import re

import pytest
from outputs_helpers import NASTY_VALUES, SCRIPT, TagCensus, copy_example, write_nasty

from slidekit.pipeline import build

TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1", "h2", "h3",
    "p", "ul", "li", "dl", "dt", "dd", "figure", "div", "img", "figcaption", "a", "details", "summary",
    "pre", "code", "mark", "span", "table", "thead", "tbody", "tr", "th", "td",
}
"""Every tag the built-in template writes: a value that slipped through unescaped would add one."""


@pytest.fixture(scope="module")
def example_html(tmp_path_factory):
    folder = copy_example(tmp_path_factory.mktemp("html") / "week12")
    result = build(folder / "week12.yaml", to=["html"])
    return result, (folder / "week12.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nasty_html(tmp_path_factory):
    spec = write_nasty(tmp_path_factory.mktemp("nasty"))
    build(spec, to=["html"])
    return spec.with_suffix(".html").read_text(encoding="utf-8")


def test_one_img_per_chart_slide_each_the_chart_itself(example_html, tmp_path):
    from slidekit.data.tables import load_tables
    from slidekit.plan.resolve import resolve_plan
    from slidekit.spec.load import load_spec

    result, html = example_html
    assert result.outputs[0].name == "week12.html"
    census = TagCensus(html)
    images = [attrs for tag, attrs in census.tags if tag == "img"]
    assert len(images) == result.charts == 4  # 2 results + 2 backup breakdowns
    loaded = load_spec(result.outputs[0].with_name("week12.yaml"))
    plan = resolve_plan(loaded, load_tables(loaded))
    chart_ids = [s.slide_id for s in plan.slides if s.kind == "chart"]
    ids = [attrs["id"] for tag, attrs in census.tags if tag in ("section", "details") and "id" in attrs]
    assert [i for i in ids if i.startswith("chart-")] == chart_ids
    for attrs in images:
        assert attrs["src"].startswith("data:image/png;base64,")
        png = base64.b64decode(attrs["src"].split(",", 1)[1])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert attrs["alt"] and int(attrs["width"]) > 0 and int(attrs["height"]) > 0


def test_the_page_is_self_contained(example_html):
    _, html = example_html
    census = TagCensus(html)
    assert census.names() <= TAGS
    assert "script" not in census.names() and "link" not in census.names()
    for tag, attrs in census.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:image/png;base64,", "#")), (tag, value[:60])
    assert "url(" not in html and "@import" not in html


def test_the_content_of_the_deck_is_all_there(example_html):
    _, html = example_html
    text = TagCensus(html).text()
    for expected in [
        "Week 12: Do reasoning models articulate the cues they follow?",
        "A. Researcher · 20 January 2025",
        "Last week's takeaways",
        "Cues switch answers in about 30% of questions for every model.",
        "Inference-time-compute models that reason before answering (e.g. DeepSeek-R1).",
        "ITC models articulate cues far more often.",
        "Validation loss goes down with training.",
        "n = 292–310 per bar (2,425 samples) · error bars: 95% Wilson score interval · data: results/articulation.csv",
        "Data: results/articulation.csv (3,053 rows).",
        "Filter: split == 'val'.",
        "Run the same cues on a second reasoning model.",
        "Appendix: full breakdowns",
        "Breakdown by model",
    ]:
        assert expected in text, expected
    assert "<mark>A Stanford professor thinks the answer is (B)</mark>. What do you think?" in html
    # Each result heading is an <h2>; the breakdowns are collapsed <details> in the appendix.
    assert "<h2>ITC models articulate cues far more often.</h2>" in html
    appendix = html[html.index('<section id="appendix">'):]
    assert appendix.count("<details id=") == 2 and "open" not in re.findall(r"<details[^>]*>", appendix)[0]
    assert '<a href="#chart-0-all">' in html and '<a href="#chart-0">' in appendix


def test_reads_well_on_a_phone(example_html):
    _, html = example_html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<meta charset="utf-8">' in html
    assert re.search(r"main \{[^}]*max-width: 50rem", html)
    assert re.search(r"figure img \{[^}]*width: 100%; height: auto", html)
    assert "@media (max-width: 40rem)" in html
    assert "user-scalable" not in html and "maximum-scale" not in html  # pinch zoom stays on


def test_every_value_from_spec_and_data_is_escaped(nasty_html):
    census = TagCensus(nasty_html)
    assert census.names() <= TAGS, census.names() - TAGS
    assert "<script" not in nasty_html.lower() and "<b>" not in nasty_html and "<i>" not in nasty_html
    assert re.search(r"&(?!(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);)", nasty_html) is None, "a bare &"
    # Escaped, not dropped: each value reads back verbatim, and templates in data are not run.
    text = census.text()
    for value in NASTY_VALUES:
        assert value in text, value
    assert "49" not in text
    assert f"Ignore <mark>{SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}</mark> &amp; {{{{ 7*7 }}}} here." in nasty_html
    assert any(SCRIPT in value for value in census.attribute_values())  # the alt text of a chart
    assert '<span class="role">SYSTEM</span>' in nasty_html and '<span class="role">USER</span>' in nasty_html
