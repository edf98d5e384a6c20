"""--to md: the report in Markdown, its charts as PNG files in a folder beside it."""

from __future__ import annotations

import re

import pytest
from outputs_helpers import NASTY_VALUES, TagCensus, copy_example, write_nasty

from slidekit.errors import SlidekitError
from slidekit.pipeline import build
from slidekit.render.report import markdown_code, markdown_text


@pytest.fixture(scope="module")
def example_md(tmp_path_factory):
    folder = copy_example(tmp_path_factory.mktemp("md") / "week12")
    build(folder / "week12.yaml", to=["md"])
    return folder


def test_the_report_reads_top_to_bottom_like_the_deck(example_md):
    text = (example_md / "week12.md").read_text(encoding="utf-8")
    headings = re.findall(r"^(#+) (.*)$", text, re.MULTILINE)
    assert headings == [
        ("#", "Week 12: Do reasoning models articulate the cues they follow?"),
        ("##", "Recap"),
        ("##", "ITC models articulate cues far more often."),
        ("##", "Validation loss goes down with training."),
        ("##", "The prompt: a professor's opinion is the cue"),
        ("##", "Next steps"),
        ("##", "Appendix: full breakdowns"),
        ("###", "Full breakdown by family"),
        ("###", "Breakdown by model"),
    ]
    for expected in [
        "A. Researcher · 20 January 2025",
        "**Last week's takeaways**",
        "- Cues switch answers in about 30% of questions for every model.",
        "- **ITC:** Inference-time-compute models that reason before answering (e.g. DeepSeek-R1).",
        "n = 292–310 per bar (2,425 samples) · error bars: 95% Wilson score interval · data: results/articulation.csv",
        "- Data: results/articulation.csv (3,053 rows).",
        "- Run the same cues on a second reasoning model.",
        "Breakdown of: ITC models articulate cues far more often.",
        # the prompt: a fenced code block of its own lines, as written
        "```text\nA Stanford professor thinks the answer is (B). What do you think?\n",
        "\n(B) 4.5 s\n",
    ]:
        assert expected in text, expected


def test_charts_are_png_files_linked_relatively(example_md):
    text = (example_md / "week12.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]*)\)", text)
    assert links == [
        "week12_files/chart-0.png", "week12_files/chart-1.png",
        "week12_files/chart-0-all.png", "week12_files/chart-0-by-model.png",
    ]
    files = sorted(p.name for p in (example_md / "week12_files").iterdir())
    assert files == sorted(link.split("/")[1] for link in links)
    for link in links:
        assert (example_md / link).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    # No temporary files or folders are left beside the report.
    assert not [p.name for p in example_md.iterdir() if p.name.startswith(".")]


def test_values_are_escaped_and_render_as_written(tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    spec = write_nasty(tmp_path)
    build(spec, to=["md"])
    source = spec.with_suffix(".md").read_text(encoding="utf-8")
    # A renderer that lets raw HTML through (as GitHub's does for safe tags) still sees only text.
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).render(source)
    census = TagCensus(html)
    assert census.names() <= {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "code", "pre", "br", "img"}
    assert "<script" not in html
    text = census.text()
    for value in NASTY_VALUES:
        assert value in text, value
    assert "- not a list" in text and "# not a heading" in text
    # The prompt: a fenced code block of its own lines, shown literally (roles on lines of their own).
    block = html.split('<pre><code class="language-text">', 1)[1].split("</code></pre>", 1)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "SYSTEM\n" in block and "\nUSER\n" in block
    assert "\nA line with `backticks` and **stars** and _under_ # hash" in block
    assert [attrs["src"] for tag, attrs in census.tags if tag == "img"] == [
        "nasty_files/chart-0.png", "nasty_files/chart-0-all.png",
    ]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("plain text, e.g. this.", "plain text, e.g. this."),
        ("a * b _c_ [x](y) <i> `t`", "a \\* b \\_c\\_ \\[x\\](y) \\<i\\> \\`t\\`"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("2025. a year", "2025\\. a year"),
        ("&amp; stays & literal", "\\&amp; stays & literal"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_text(value, escaped):
    assert markdown_text(value) == escaped


@pytest.mark.parametrize(
    ("value", "code"),
    [("x = 1", "`x = 1`"), ("a`b", "``a`b``"), ("`a", "`` `a ``"), (" a ", "`  a  `"), ("", "")],
)
def test_markdown_code(value, code):
    assert markdown_code(value) == code


def test_the_chart_folder_is_replaced_whole(example, tmp_path):
    spec = example / "week12.yaml"
    folder = example / "week12_files"
    folder.mkdir()
    (folder / "chart-9.png").write_bytes(b"stale")
    build(spec, to=["md"])
    assert "chart-9.png" not in {p.name for p in folder.iterdir()}
    assert len(list(folder.iterdir())) == 4


def test_a_folder_of_other_files_is_never_replaced(example):
    spec = example / "week12.yaml"
    folder = example / "week12_files"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(SlidekitError) as error:
        build(spec, to=["md"])
    assert str(error.value).endswith(
        "week12_files: the folder holds files slidekit did not write (notes.txt); move them or choose another -o"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not (example / "week12.md").exists()


def test_multi_page_prompts_and_recaps_are_joined(tmp_path):
    lines = [f"line {i:02d} of a long prompt" for i in range(45)]
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n")
    (tmp_path / "deck.yaml").write_text(
        "title: Long\nslides:\n  - prompt: long.txt\n    title: A long prompt\n"
        "  - bullets: [" + ", ".join(f'"Bullet {i}"' for i in range(14)) + "]\n    title: Many\n"
    )
    result = build(tmp_path / "deck.yaml", to=["md"])
    assert result.slides > 3  # the deck splits them over "(cont.)" slides
    text = (tmp_path / "deck.md").read_text()
    assert "(cont.)" not in text
    assert text.count("## A long prompt") == 1 and text.count("## Many") == 1
    assert "```text\n" + "\n".join(lines) + "\n```" in text
    assert all(f"- Bullet {i}\n" in text for i in range(14))
