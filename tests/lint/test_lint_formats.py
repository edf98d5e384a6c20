"""`slidekit lint --format github|sarif`, several specs at once, and the pre-commit hook."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from lint_decks import GOOD, write_deck
from test_lint_cli import FAILS, WARNS

import slidekit
from slidekit.cli import main
from slidekit.lint import formats
from slidekit.lint.finding import Finding
from slidekit.lint.registry import rules

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

CALLOUT_MISSING = (
    "chart 'evals' highlights nothing: add callout: {at: {cue: ..., family: ...}, "
    'text: "..."}, a red arrow on the point that matters saying what to see there'
)
TAKEAWAY_MISSING = (
    "chart slide 3 ('evals') has no takeaway: add takeaway: with the one sentence the mentor "
    "should remember (one graph, one story)"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def decks(tmp_path, monkeypatch):
    """Write specs as ``NAME/deck.yaml`` (each with its data) and return their paths."""
    monkeypatch.chdir(tmp_path)

    def _decks(**specs: str) -> list[str]:
        paths = []
        for name, spec in specs.items():
            (tmp_path / name).mkdir()
            write_deck(tmp_path / name, spec)
            paths.append(f"{name}/deck.yaml")
        return paths

    return _decks


def validate_sarif(text: str) -> dict:
    log = json.loads(text)
    validator = jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


# -- the vendored schema ---------------------------------------------------------------------


def test_the_vendored_schema_is_the_whole_sarif_2_1_0_schema():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    text = json.dumps(SCHEMA)
    assert set(re.findall(r'"#/definitions/(\w+)"', text)) <= set(SCHEMA["definitions"])
    assert {"run", "result", "reportingDescriptor", "toolComponent", "webResponse"} <= set(
        SCHEMA["definitions"]
    )


def test_the_schema_rejects_a_broken_log():
    """The validation below is not vacuous: a result with an unknown level fails."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"message": {"text": "m"}, "level": "bad"}]}]}
    assert not jsonschema.Draft7Validator(SCHEMA).is_valid(bad)


# -- GitHub annotations: escaping, unit-tested on hand-made findings ---------------------------


def finding(**changes) -> Finding:
    values = dict(
        rule="text-heavy", severity="warning", file="deck.yaml", line=7, column=3, slide=2,
        message="too long",
    )
    return Finding(**{**values, **changes})


def test_the_message_escapes_percent_and_line_breaks_only():
    assert formats.escape_data("50% done,\r\nnext: a, b") == "50%25 done,%0D%0Anext: a, b"


def test_properties_escape_colons_and_commas_too():
    assert formats.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_an_annotation_escapes_its_file_and_message():
    found = finding(
        file="talks/q1, final: v2.yaml", message="cut it: 80% of it, or\nsplit the slide"
    )
    assert formats.github_annotation(found) == (
        "::warning file=talks/q1%2C final%3A v2.yaml,line=7,col=3,title=text-heavy"
        "::cut it: 80%25 of it, or%0Asplit the slide"
    )


def test_errors_are_error_annotations():
    assert formats.github([finding(severity="error", rule="takeaway-missing")]) == (
        "::error file=deck.yaml,line=7,col=3,title=takeaway-missing::too long"
    )


def test_a_finding_without_a_line_has_no_line_or_col():
    assert formats.github_annotation(finding(line=0, column=0)) == (
        "::warning file=deck.yaml,title=text-heavy::too long"
    )


def test_no_findings_no_annotations():
    assert formats.github([]) == ""


# -- --format github on the command line -------------------------------------------------------


def test_github_format_prints_one_annotation_per_finding_and_nothing_else(decks):
    (spec,) = decks(a=FAILS)
    result = run("lint", "--format", "github", spec)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::warning file=a/deck.yaml,line=10,col=5,title=callout-missing::{CALLOUT_MISSING}",
        f"::error file=a/deck.yaml,line=10,col=5,title=takeaway-missing::{TAKEAWAY_MISSING}",
    ]
    assert result.stderr == ""


def test_github_format_keeps_the_exit_status_of_text(decks):
    (spec,) = decks(a=WARNS)
    assert run("lint", "--format", "github", spec).exit_code == 0
    assert run("lint", "--format", "github", "--strict", spec).exit_code == 1


def test_github_format_of_a_clean_spec_prints_nothing(decks):
    (spec,) = decks(a=GOOD)
    result = run("lint", "--format", "github", spec)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_github_format_from_a_real_process(decks):
    """As a workflow step runs it: stdout is only the annotations, the exit status is 1."""
    (spec,) = decks(a=FAILS)
    result = subprocess.run(
        [sys.executable, "-m", "slidekit", "lint", "--format", "github", spec],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert [line.split("::")[1] for line in result.stdout.splitlines()] == [
        "warning file=a/deck.yaml,line=10,col=5,title=callout-missing",
        "error file=a/deck.yaml,line=10,col=5,title=takeaway-missing",
    ]


# -- --format sarif ----------------------------------------------------------------------------


def test_sarif_format_is_a_valid_sarif_2_1_0_log(decks):
    (spec,) = decks(a=FAILS)
    result = run("lint", "--format", "sarif", spec)
    assert result.exit_code == 1
    assert result.stderr == ""
    log = validate_sarif(result.stdout)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("slidekit", slidekit.__version__)
    assert "informationUri" not in driver  # pyproject.toml names no project URL
    results = sarif_run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("callout-missing", "warning"),
        ("takeaway-missing", "error"),
    ]
    assert results[1]["message"] == {"text": TAKEAWAY_MISSING}
    assert results[1]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "a/deck.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 10, "startColumn": 5},
            }
        }
    ]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_lists_every_registered_rule_with_its_default_level(decks):
    (spec,) = decks(a=FAILS)
    driver = json.loads(run("lint", "--format", "sarif", spec).stdout)["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == sorted(rules())
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["takeaway-missing"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["callout-missing"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["callout-missing"]["shortDescription"]["text"] == (
        "a chart with nothing highlighted."
    )
    assert all("helpUri" not in r for r in driver["rules"])


def test_sarif_level_follows_the_specs_severity_settings(decks):
    (spec,) = decks(a="lint:\n  severity: {callout-missing: error}\n" + WARNS)
    result = run("lint", "--format", "sarif", spec)
    assert result.exit_code == 1
    (only,) = validate_sarif(result.stdout)["runs"][0]["results"]
    assert (only["ruleId"], only["level"]) == ("callout-missing", "error")


def test_an_unknown_rule_finding_gets_a_rule_entry_too(decks):
    (spec,) = decks(a="lint:\n  ignore: [callout-mising]\n" + GOOD)
    result = run("lint", "--format", "sarif", spec)
    assert result.exit_code == 1
    log = validate_sarif(result.stdout)
    (only,) = log["runs"][0]["results"]
    rule = log["runs"][0]["tool"]["driver"]["rules"][only["ruleIndex"]]
    assert (only["ruleId"], rule["id"], only["level"]) == ("unknown-rule", "unknown-rule", "error")


def test_a_clean_spec_gives_a_valid_log_with_no_results(decks):
    (spec,) = decks(a=GOOD)
    result = run("lint", "--format", "sarif", spec)
    assert result.exit_code == 0
    log = validate_sarif(result.stdout)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(rules())


def test_an_absolute_spec_path_is_made_relative_to_the_current_folder(decks, tmp_path):
    (spec,) = decks(a=WARNS)
    result = run("lint", "--format", "sarif", str(tmp_path / spec))
    location = validate_sarif(result.stdout)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "a/deck.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_artifact_uris_use_posix_slashes_and_percent_encoding(tmp_path):
    assert formats.artifact_location("./talks/week 3.yaml") == {
        "uri": "talks/week%203.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    outside = tmp_path / "x.yaml"
    assert formats.artifact_location(str(outside), base=tmp_path / "sub") == {
        "uri": outside.as_uri()
    }


# -- several specs at once (as pre-commit passes them) -----------------------------------------


def test_several_specs_print_each_ones_findings_and_exit_with_the_worst(decks):
    specs = decks(a=WARNS, b=FAILS, c=GOOD)
    result = run("lint", *specs)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        ["a/deck.yaml:10:5", "warning callout-missing"],
        ["a/deck.yaml", "0 errors, 1 warning"],
        ["b/deck.yaml:10:5", "warning callout-missing"],
        ["b/deck.yaml:10:5", "error takeaway-missing"],
        ["b/deck.yaml", "1 error, 1 warning"],
        ["c/deck.yaml", "no problems found"],
    ]


def test_warnings_in_several_specs_exit_0(decks):
    assert run("lint", *decks(a=WARNS, b=GOOD)).exit_code == 0


def test_a_spec_that_cannot_be_read_among_several_exits_2_and_the_others_are_linted(decks):
    specs = decks(a=FAILS, b=GOOD)
    result = run("lint", specs[0], "nope.yaml", specs[1])
    assert result.exit_code == 2
    assert result.stderr == "slidekit: error: nope.yaml: no such file\n"
    assert result.stdout.splitlines()[-1] == "b/deck.yaml: no problems found"
    assert "a/deck.yaml: 1 error, 1 warning" in result.stdout.splitlines()


def test_json_with_several_specs_is_one_list_of_all_findings(decks):
    specs = decks(a=WARNS, b=FAILS)
    result = run("lint", "--format", "json", *specs)
    assert result.exit_code == 1
    assert [(f["file"], f["rule"]) for f in json.loads(result.stdout)] == [
        ("a/deck.yaml", "callout-missing"),
        ("b/deck.yaml", "callout-missing"),
        ("b/deck.yaml", "takeaway-missing"),
    ]


def test_json_of_one_unreadable_spec_prints_nothing(decks):
    result = run("lint", "--format", "json", "nope.yaml")
    assert (result.exit_code, result.stdout) == (2, "")


def test_github_with_several_specs_annotates_each_file(decks):
    specs = decks(a=WARNS, b=FAILS)
    result = run("lint", "--format", "github", *specs)
    assert result.exit_code == 1
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "::warning file=a/deck.yaml",
        "::warning file=b/deck.yaml",
        "::error file=b/deck.yaml",
    ]


def test_sarif_with_several_specs_is_one_run_with_the_results_of_all(decks):
    specs = decks(a=WARNS, b=FAILS)
    result = run("lint", "--format", "sarif", *specs)
    assert result.exit_code == 1
    (sarif_run,) = validate_sarif(result.stdout)["runs"]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif_run["results"]
    ]
    assert uris == ["a/deck.yaml", "b/deck.yaml", "b/deck.yaml"]


def test_a_spec_is_required():
    result = run("lint")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Missing argument 'SPEC...'."


# -- the --format choice -------------------------------------------------------------------------


def test_an_unknown_format_lists_the_known_ones(decks):
    (spec,) = decks(a=GOOD)
    result = run("lint", "--format", "xml", spec)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format': 'xml' is not one of "
        "'text', 'json', 'github', 'sarif'."
    )


# -- the pre-commit hook -------------------------------------------------------------------------


def test_the_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {k: hook[k] for k in ("id", "name", "entry", "language")} == {
        "id": "slidekit-lint",
        "name": "slidekit lint",
        "entry": "slidekit lint",
        "language": "python",
    }
    files = re.compile(hook["files"])
    for path in ("examples/week12/week12.yaml", "deck.yaml", "talks/slides-q3.yml", "week-3.yaml"):
        assert files.search(path), path
    for path in (".github/workflows/ci.yaml", ".pre-commit-config.yaml", "mkdocs.yml"):
        assert not files.search(path), path
