"""report_template: a user's Jinja2 template for --to html or --to md, chosen by its extension."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from outputs_helpers import build_fails

from slidekit.pipeline import build

REPO = Path(__file__).resolve().parents[2]
SPEC = """\
title: "Templated & <ok>"
report_template: {template}
slides:
  - bullets: ["one <b>", "two"]
    title: Next steps
"""


def write_spec(folder: Path, template: str) -> Path:
    spec = folder / "deck.yaml"
    spec.write_text(SPEC.format(template=template))
    return spec


def test_an_html_template_of_ones_own_is_used_for_html_only(tmp_path):
    (tmp_path / "mine.html.j2").write_text(
        "<h1>{{ report.title }}</h1>{% for s in report.sections %}<p>{{ s.bullets | join(', ') }}</p>{% endfor %}\n"
    )
    build(write_spec(tmp_path, "mine.html.j2"), to=["html", "md"])
    assert (tmp_path / "deck.html").read_text() == "<h1>Templated &amp; &lt;ok&gt;</h1><p>one &lt;b&gt;, two</p>"
    assert (tmp_path / "deck.md").read_text().startswith("# Templated & \\<ok\\>\n")  # the built-in one


def test_a_markdown_template_in_a_subfolder(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "short.md").write_text("# {{ report.title | md }}\n\n{{ 'x*y' | code }}\n")
    build(write_spec(tmp_path, "templates/short.md"), to=["md"])
    assert (tmp_path / "deck.md").read_text() == "# Templated & \\<ok\\>\n\n`x*y`\n"


def test_a_template_may_extend_the_built_in_one(tmp_path):
    (tmp_path / "lab.html.j2").write_text(
        '{% extends "report.html.j2" %}{% block header %}<p class="lab">LAB</p>{{ super() }}{% endblock %}'
    )
    build(write_spec(tmp_path, "lab.html.j2"), to=["html"])
    html = (tmp_path / "deck.html").read_text()
    assert '<p class="lab">LAB</p><header>\n<h1>Templated &amp; &lt;ok&gt;</h1>' in html
    assert "<li>one &lt;b&gt;</li>" in html


def test_a_template_named_like_the_built_in_one_extends_it_not_itself(tmp_path):
    (tmp_path / "report.html.j2").write_text(
        '{% extends "report.html.j2" %}{% block header %}<h1>{{ report.title }}</h1>{% endblock %}'
    )
    (tmp_path / "part.md").write_text("included {{ report.title | md }}\n")
    (tmp_path / "report.md.j2").write_text('{% include "part.md" %}')
    build(write_spec(tmp_path, "report.html.j2"), to=["html"])
    assert "<main>\n<h1>Templated &amp; &lt;ok&gt;</h1>" in (tmp_path / "deck.html").read_text()
    build(write_spec(tmp_path, "report.md.j2"), to=["md"])
    assert (tmp_path / "deck.md").read_text() == "included Templated & \\<ok\\>\n"


def test_the_example_template_in_templates_folder_renders(tmp_path):
    shutil.copy(REPO / "templates" / "lab-report.html.j2", tmp_path)
    build(write_spec(tmp_path, "lab-report.html.j2"), to=["html"])
    html = (tmp_path / "deck.html").read_text()
    assert '<p class="lab">Weekly research update</p>' in html and ":root { --link: #8c1515; }" in html


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("nope.html.j2", "no such file: nope.html.j2 (relative to the spec's folder)"),
        ("report.txt", "expected a template named *.html or *.md (optionally followed by .j2); found 'report.txt'"),
        ("''", "expected non-empty text; found ''"),
    ],
)
def test_an_unusable_template_is_an_error_at_its_line(tmp_path, monkeypatch, cli, template, message):
    write_spec(tmp_path, template)
    monkeypatch.chdir(tmp_path)
    assert build_fails(cli, tmp_path, "deck.yaml", "pptx,html") == f"deck.yaml:2: report_template: {message}"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.md.j2", "# {{ report.title }}\n\n{% for x in %}\n",
         "Expected an expression, got 'end of statement block'"),
        # An unknown variable is an error, not an empty string.
        ("typo.html", "<h1>{{ report.title }}</h1>\n\n<p>{{ report.titel }}</p>\n",
         "'slidekit.render.report.Report object' has no attribute 'titel'"),
    ],
)
def test_a_broken_template_names_its_file_and_line(tmp_path, monkeypatch, cli, name, text, message):
    (tmp_path / name).write_text(text)
    write_spec(tmp_path, name)
    monkeypatch.chdir(tmp_path)
    to = "md" if name.endswith(".md.j2") else "html"
    assert build_fails(cli, tmp_path, "deck.yaml", to) == f"{name}:3: template error: {message}"
