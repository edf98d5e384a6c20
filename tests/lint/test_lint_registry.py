"""The rule registry: built-ins through the entry-point group, and broken plugins."""

from __future__ import annotations

import importlib
import tomllib
import types
from pathlib import Path

import pytest

from slidekit.errors import SlidekitError
from slidekit.lint.registry import ENTRY_POINT_GROUP, _load, rules

ROOT = Path(__file__).resolve().parents[2]
RULE_MODULES = sorted(
    p.stem for p in (ROOT / "slidekit" / "lint" / "rules").glob("*.py") if p.stem != "__init__"
)


def test_every_rule_module_is_registered_in_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    registered = pyproject["project"]["entry-points"][ENTRY_POINT_GROUP]
    assert sorted(registered.values()) == [f"slidekit.lint.rules.{m}" for m in RULE_MODULES]


@pytest.mark.parametrize("name", RULE_MODULES)
def test_every_rule_has_an_id_a_severity_a_check_and_a_docstring(name):
    module = importlib.import_module(f"slidekit.lint.rules.{name}")
    assert module.ID == name.replace("_", "-")
    assert module.SEVERITY in ("error", "warning")
    assert callable(module.check)
    assert module.__doc__.startswith(f"{module.ID}: ")
    assert rules()[module.ID].check is module.check


def test_the_installed_rules_are_the_built_in_ones():
    assert sorted(rules()) == sorted(m.replace("_", "-") for m in RULE_MODULES)


def test_the_documented_severities():
    errors = sorted(r.id for r in rules().values() if r.severity == "error")
    assert errors == ["callout-target-missing", "takeaway-missing"]


class FakeEntryPoint:
    def __init__(self, name: str, obj=None, error: Exception | None = None):
        self.name, self.value, self.obj, self.error = name, f"lab_rules:{name}", obj, error

    def load(self):
        if self.error is not None:
            raise self.error
        return self.obj


def rule(**attributes):
    return types.SimpleNamespace(
        **{"ID": "my-rule", "SEVERITY": "warning", "check": lambda c: []} | attributes
    )


def test_a_plugin_rule_loads_like_a_built_in():
    loaded = _load(FakeEntryPoint("my-rule", rule(__doc__="my-rule: checks mine.")))
    assert (loaded.id, loaded.severity, loaded.summary) == (
        "my-rule",
        "warning",
        "my-rule: checks mine.",
    )


@pytest.mark.parametrize(
    "entry, why",
    [
        (
            FakeEntryPoint("my-rule", error=ImportError("no module lab_rules")),
            "ImportError: no module lab_rules",
        ),
        (
            FakeEntryPoint("my-rule", rule(ID="other")),
            "its ID is 'other'; expected the entry point's name",
        ),
        (
            FakeEntryPoint("my-rule", rule(SEVERITY="info")),
            "SEVERITY is 'info'; expected one of: error, warning",
        ),
        (FakeEntryPoint("my-rule", rule(check=None)), "it has no check(context) function"),
    ],
)
def test_a_broken_plugin_is_a_one_line_error(entry, why):
    with pytest.raises(SlidekitError) as info:
        _load(entry)
    assert str(info.value).startswith(
        f"lint rule 'my-rule' (lab_rules:my-rule): cannot be used: {why}"
    )
