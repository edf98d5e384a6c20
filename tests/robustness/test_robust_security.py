"""Catalog, security: a spec shared by a collaborator cannot run code, read files or hang.

YAML tags that construct objects are refused; templates run in the sandbox with
only the documented functions and bounded arithmetic; ``where:`` and
``columns:`` expressions have no access to builtins, imports, attributes or
Python variables; a build opens no network connection.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from pptx import Presentation
from robust_helpers import CHART, CSV, SAFE_SECONDS, within

from slidekit.pipeline import build

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week12"
BULLETS = "slides: [{bullets: [a], title: b}]\n"


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        pytest.param("!!python/object/apply:os.system ['touch pwned']", "tag:yaml.org,2002:python/object/apply:os.system",
                     id="object-apply"),
        pytest.param("!!python/object/new:os.system [touch pwned]", "tag:yaml.org,2002:python/object/new:os.system",
                     id="object-new"),
        pytest.param("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system", id="name"),
        pytest.param("!!python/module:os", "tag:yaml.org,2002:python/module:os", id="module"),
        pytest.param("!!python/tuple [1, 2]", "tag:yaml.org,2002:python/tuple", id="tuple"),
        pytest.param("!include /etc/passwd", "!include", id="local-tag"),
        pytest.param("!!binary aGk=", "tag:yaml.org,2002:binary", id="binary"),
        pytest.param("!!set {a, b}", "tag:yaml.org,2002:set", id="set"),
    ],
)
def test_yaml_tags_that_construct_objects_are_refused(project, value, tag):
    project.spec(f"title: {value}\n" + BULLETS)
    assert project.errors() == [f"slidekit: error: deck.yaml:1: title: YAML tag {tag!r} is not allowed in a spec"]
    assert not (project.folder / "pwned").exists()


def test_tag_on_a_whole_mapping_is_refused(project):
    project.spec("title: T\nrecap: !!python/object:builtins.dict {takeaways: [a]}\n" + BULLETS)
    assert project.errors() == [
        "slidekit: error: deck.yaml:2: recap: YAML tag 'tag:yaml.org,2002:python/object:builtins.dict' "
        "is not allowed in a spec"
    ]


def test_tag_on_the_document_is_refused(project):
    project.spec("!!python/object/apply:os.system ['touch pwned']\n")
    assert project.errors() == [
        "slidekit: error: deck.yaml:1: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in a spec"
    ]
    assert not (project.folder / "pwned").exists()


UNDEFINED = "(value, lo, hi and n work on chart slides only); functions: mean, count; filters: pct, num, pts, pvalue"
STATEMENT = "is not allowed in a template; write {{ ... }} with the functions: mean, count; filters: pct, num, pts, pvalue"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        pytest.param(
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe.",
            id="mro-walk",
        ),
        pytest.param(
            "{{ cycler.__init__.__globals__.os }}",
            "not allowed in a template: access to attribute '__init__' of 'StrictUndefined' object is unsafe.",
            id="cycler-globals",
        ),
        pytest.param(
            "{{ count.__globals__ }}",
            "not allowed in a template: access to attribute '__globals__' of 'method' object is unsafe.",
            id="function-globals",
        ),
        pytest.param(
            "{{ self._TemplateReference__context }}",
            "not allowed in a template: access to attribute '_TemplateReference__context' of 'TemplateReference' "
            "object is unsafe.",
            id="template-context",
        ),
        pytest.param(
            "{{ [].pop() }}", "not allowed in a template: access to attribute 'pop' of 'list' object is unsafe.",
            id="mutating-method",
        ),
        pytest.param(
            "{{ 'x'.ljust(10**9) }}",
            "not allowed in a template: calling ljust() (only the documented functions can be called)",
            id="method-call",
        ),
        pytest.param(
            "{{ '{:>999999999}'.format(1) }}",
            "not allowed in a template: calling format() (only the documented functions can be called)",
            id="format-call",
        ),
        pytest.param("{{ 'x'|center(10**9) }}", "template syntax error: No filter named 'center'.", id="filter"),
        pytest.param("{{ 'a'|attr('__class__') }}", "template syntax error: No filter named 'attr'.", id="attr-filter"),
        pytest.param(
            "{{ 'x' * 10**9 }}",
            "not allowed in a template: '*' would make 1,000,000,000 characters (at most 100,000)",
            id="string-bomb",
        ),
        pytest.param(
            "{{ [0] * 10**8 }}", "not allowed in a template: '*' would make 100,000,000 items (at most 100,000)",
            id="list-bomb",
        ),
        pytest.param(
            "{{ 10 ** 5000 }}", "not allowed in a template: '**' would make a number of about 5,000 digits",
            id="power-bomb",
        ),
        pytest.param(
            "{{ '%999999999d' % 1 }}",
            "not allowed in a template: '%' formatting of text (use the pct and num filters)",
            id="percent-format",
        ),
        pytest.param("{% for i in range(10**9) %}x{% endfor %}", "{% for %} " + STATEMENT, id="for-bomb"),
        pytest.param("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% macro %} " + STATEMENT, id="recursion"),
        pytest.param("{% set x = 'a' %}{{ x }}", "{% set %} " + STATEMENT, id="set"),
        pytest.param("{% include '/etc/passwd' %}", "{% include %} " + STATEMENT, id="include"),
        pytest.param("{% import 'os' as os %}", "{% import %} " + STATEMENT, id="import"),
        pytest.param("{% extends 'base.html' %}", "{% extends %} " + STATEMENT, id="extends"),
        pytest.param("{{ lipsum(10**6) }}", "'lipsum' is undefined " + UNDEFINED, id="jinja-global"),
        pytest.param("{{ range(10) }}", "'range' is undefined " + UNDEFINED, id="range"),
        pytest.param("{{ 1/0 }}", "in '{{ 1/0 }}': division by zero", id="division-by-zero"),
        pytest.param("{{ 1.5 ** 10000 }}", "in '{{ 1.5 ** 10000 }}': Numerical result out of range", id="overflow"),
    ],
)
def test_template_that_tries_too_much_is_refused(project, template, message):
    project.spec(f"title: T\nslides:\n  - bullets: [{json.dumps(template)}]\n    title: b\n")
    errors = project.errors()
    within(SAFE_SECONDS, project.last)
    assert errors == [f"slidekit: error: deck.yaml:3: slides[0].bullets[0]: {message}"]


def test_documented_templates_still_work(project):
    project.write("t.csv", CSV)
    project.spec(
        CHART.replace("title: T\n", "title: \"{{ count('t') }} rows, {{ mean('t', 'correct') | pct }}\"\n")
        + "    callout:\n      at: {cue: Argument, family: ITC}\n"
        "      text: \"{{ value(cue='Argument', family='ITC') | pct(1) }} of {{ n(cue='Argument', family='ITC') }}"
        " {% if 2 > 1 %}(yes){% endif %} {{ (3.7 | round | int) * 2 }} {{ 'ab' * 2 }} {{ 7 % 3 }}\"\n"
    )
    deck = project.deck()
    assert deck.slides[0].shapes.title.text_frame.text == "12 rows, 50%"


REFUSED = "is not allowed in where: (use column names, values, comparisons, and/or/not, arithmetic and 'in' lists)"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        pytest.param("__import__('os').system('touch pwned') == 0", f"call {REFUSED}", id="import"),
        pytest.param("family.__class__ == 1", f"attribute {REFUSED}", id="dunder-attribute"),
        pytest.param("family.str.len() > 1", f"call {REFUSED}", id="method"),
        pytest.param("(lambda: 1)() == 1", f"call {REFUSED}", id="lambda-call"),
        pytest.param("[c for c in family] == 1", f"listcomp {REFUSED}", id="comprehension"),
        pytest.param("__builtins__ == 1", "name '__builtins__' is not allowed in where:", id="builtins"),
        pytest.param("@pd == 1", "'@' (Python variables) is not allowed in where:", id="local-variable"),
        pytest.param("family == 'ITC' if 1 else 2", f"ifexp {REFUSED}", id="if-expression"),
        pytest.param("correct < 10 ** 10 ** 10",
                     "'**' would make a number of about 10,000,000,000 digits; too large for where:",
                     id="power-bomb"),
        pytest.param("family == 'a' * 10 ** 9", "'*' would make 1,000,000,000 items; too long for where:",
                     id="string-bomb"),
        pytest.param("family * 10 ** 9 == 'x'", "'*' or '**' on a text column (family) is not allowed in where:",
                     id="text-column-bomb"),
        pytest.param("'%999999999d' % correct == 'x'", "'%' formatting of text is not allowed in where:",
                     id="percent-format"),
    ],
)
def test_where_that_reaches_into_python_is_refused(project, expression, message):
    project.write("t.csv", CSV)
    project.spec(CHART.replace("  t: t.csv\n", f"  t:\n    path: t.csv\n    where: {json.dumps(expression)}\n"))
    errors = project.errors()
    within(SAFE_SECONDS, project.last)
    assert errors == [f"slidekit: error: deck.yaml:5: data.t.where: {message}"]
    assert not (project.folder / "pwned").exists()


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        pytest.param("__import__('os').getcwd()", f"call {REFUSED}", id="import"),
        pytest.param("family.__class__", f"attribute {REFUSED}", id="dunder-attribute"),
        pytest.param("correct + @x", "'@' (Python variables) is not allowed in where:", id="local-variable"),
        pytest.param("family * 10 ** 9", "'*' or '**' on a text column (family) is not allowed in where:",
                     id="text-column-bomb"),
    ],
)
def test_derived_column_that_reaches_into_python_is_refused(project, expression, message):
    project.write("t.csv", CSV)
    project.spec(CHART.replace("  t: t.csv\n", f"  t:\n    path: t.csv\n    columns: {{z: {json.dumps(expression)}}}\n"))
    assert project.errors() == [
        f"slidekit: error: deck.yaml:5: data.t.columns.z: {message.replace('where:', 'columns:')}"
    ]


def test_prompt_where_is_checked_too(project):
    project.spec(
        "title: T\ndata:\n  p: {rows: [{id: 1, input: hi}]}\nslides:\n"
        "  - prompt: {data: p, where: \"__import__('os') == 1\"}\n"
    )
    assert project.errors() == [f"slidekit: error: deck.yaml:5: slides[0].prompt.where: call {REFUSED}"]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket or resolve a name fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"a build tried to use the network: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_building_the_example_uses_no_network(tmp_path, no_network):
    folder = tmp_path / "week12"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.pptx", "__pycache__"))
    result = build(folder / "week12.yaml", cache=False, jobs=1)
    assert no_network == []
    deck = Presentation(str(result.output))
    assert len(deck.slides) == result.slides == 9
