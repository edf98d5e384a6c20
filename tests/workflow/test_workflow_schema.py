"""`slidekit schema`: the spec's JSON Schema, from the models; every example spec validates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from slidekit.cli import main
from slidekit.spec.models import DeckSpec
from slidekit.workflow.first_week import first_week_text

jsonschema = pytest.importorskip("jsonschema")

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/*.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def as_editor_sees_it(value):
    """YAML as a YAML 1.2 language server reads it: dates are text, keys are text."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def errors(schema: dict, spec: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(as_editor_sees_it(spec))]


def test_the_schema_is_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "slidekit spec"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_spec_validates(schema, example):
    assert errors(schema, yaml.safe_load(example.read_text())) == []


def test_the_init_example_validates(schema):
    text = first_week_text("week01.yaml", 1, dt.date(2025, 1, 13), "week02")
    assert errors(schema, yaml.safe_load(text)) == []


def test_keys_as_written_in_yaml_with_their_docstrings(schema):
    definitions = schema["$defs"]
    assert "from" in definitions["RecapSpec"]["properties"]
    assert "from_" not in json.dumps(schema)
    assert schema["properties"]["title"]["description"] == "The question of the week; the title slide's headline."
    assert definitions["ChartSlideSpec"]["properties"]["takeaway"]["description"].startswith("The one-sentence")
    # Every key of every model is documented.
    for name, definition in definitions.items():
        for key, field in definition.get("properties", {}).items():
            assert field.get("description"), f"{name}.{key} has no description"
    assert [ref["$ref"] for ref in schema["properties"]["slides"]["items"]["oneOf"]] == [
        "#/$defs/ChartSlideSpec", "#/$defs/PromptSlideSpec", "#/$defs/BulletsSlideSpec",
    ]


def test_editors_flag_what_the_loader_rejects(schema):
    spec = {"title": "T", "slides": [{"bullets": ["a"], "title": "B", "colour": "red"}]}
    assert errors(schema, spec)
    assert errors(schema, {"title": "T", "slides": [{"chart": "t", "prompt": "p.txt", "x": "a", "y": "b"}]})
    assert errors(schema, {"title": "T", "colors": ["red"], "slides": [{"bullets": ["a"], "title": "B"}]})
    assert errors(schema, {"title": "T", "date": "2025-13-40", "slides": [{"bullets": ["a"], "title": "B"}]})


def test_editors_accept_what_the_loader_accepts(schema):
    spec = {
        "title": "T", "colors": ["#0072B2", "E69F00"], "template": "lab.pptx",
        "data": {"t": "t.csv"},
        "slides": [{"chart": "t", "x": "a", "y": "b", "backup": "model"}],
    }
    DeckSpec.model_validate(spec)
    assert errors(schema, spec) == []


def test_schema_to_a_file(tmp_path):
    out = tmp_path / "slidekit.schema.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == f"wrote {out}\n"
    assert json.loads(out.read_text())["title"] == "slidekit spec"
