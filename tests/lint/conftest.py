"""Fixtures for the lint tests: small specs and per-sample tables in a temporary folder.

Tests read like yamllint's: ``check(spec_text, (line, column, rule), ...)`` lints
the spec with only the rules named (or ``rule=``) and compares the findings'
positions exactly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The tests import their decks (lint_decks.py) from this folder, whatever pytest's import mode.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint_decks import write_deck

from slidekit.lint.linter import lint_spec
from slidekit.lint.registry import rules


@pytest.fixture
def lint_text(tmp_path, monkeypatch):
    """Lint a spec text (as ``deck.yaml``) with the named rules (default: all)."""
    monkeypatch.chdir(tmp_path)

    def _lint(spec: str, only=None, files: dict[str, str] | None = None):
        write_deck(tmp_path, spec, files)
        registry = None if only is None else {r: rules()[r] for r in only}
        return lint_spec("deck.yaml", registry=registry).findings

    return _lint


@pytest.fixture
def check(lint_text):
    """Lint ``spec`` with the rules of ``problems`` (or ``rule``); assert exactly those findings."""

    def _check(spec: str, *problems: tuple[int, int, str], rule: str | None = None, files=None):
        only = {rule} if rule else {p[2] for p in problems}
        assert only, "name the rule to check: check(spec, rule=...)"
        findings = lint_text(spec, only, files)
        assert [(f.line, f.column, f.rule) for f in findings] == list(problems), findings
        return findings

    return _check
