"""Machine-readable outputs of ``slidekit lint``: GitHub Actions annotations and SARIF 2.1.0.

Pure functions from findings to text; the command prints what they return.

- :func:`github`: one workflow command per finding,
  ``::warning file=deck.yaml,line=10,col=5,title=callout-missing::chart ...``, which
  GitHub Actions shows as an annotation on the spec's line in the run and the pull request.
- :func:`sarif`: one SARIF 2.1.0 log with one run (the findings of every spec linted),
  for ``github/codeql-action/upload-sarif`` and other code-scanning tools.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from slidekit.lint.finding import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
"""The uriBaseId of every artifact: the folder ``slidekit lint`` ran in (the checkout, in CI)."""

UNREGISTERED = {
    "unknown-rule": "A rule id in the lint settings that no installed rule has.",
}
"""Descriptions of the ids findings can have that are no registered rule's."""


# -- GitHub Actions workflow commands --------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: the message escapes, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """``::error file=F,line=L,col=C,title=RULE::MESSAGE`` (no line or col when unknown)."""
    command = "error" if finding.severity == "error" else "warning"
    properties = [("file", finding.file)]
    if finding.line:
        properties.append(("line", str(finding.line)))
        if finding.column:
            properties.append(("col", str(finding.column)))
    properties.append(("title", finding.rule))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command} {props}::{escape_data(finding.message)}"


def github(findings: Iterable[Finding]) -> str:
    """One annotation line per finding (an empty string when there is none)."""
    return "\n".join(github_annotation(f) for f in findings)


# -- SARIF 2.1.0 -----------------------------------------------------------------------------


def artifact_location(file: str, base: Path | None = None) -> dict:
    """The SARIF ``artifactLocation`` of a spec: its path relative to ``base`` (default: the
    current folder) with POSIX slashes, under ``%SRCROOT%``; a ``file:`` URI outside ``base``."""
    path = Path(file)
    if path.is_absolute():
        base = Path.cwd() if base is None else base
        try:
            path = path.relative_to(base)
        except ValueError:
            return {"uri": path.as_uri()}
    relative = PurePosixPath(os.path.normpath(path).replace(os.sep, "/")).as_posix()
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def sarif_rule(rule_id: str, rule=None) -> dict:
    """A SARIF ``reportingDescriptor`` for a registered :class:`~slidekit.lint.registry.Rule`
    (or, with ``rule`` None, for an id such as ``unknown-rule`` that no rule has)."""
    if rule is None:
        summary = UNREGISTERED.get(rule_id, rule_id)
        descriptor = {"id": rule_id, "shortDescription": {"text": summary}}
        descriptor["defaultConfiguration"] = {"level": "error"}
        return descriptor
    descriptor = {"id": rule_id, "shortDescription": {"text": _without_id(rule_id, rule.summary)}}
    doc = _without_id(rule_id, " ".join(rule.doc.split()))
    if doc and doc != descriptor["shortDescription"]["text"]:
        descriptor["fullDescription"] = {"text": doc}
    help_uri = getattr(rule, "help_uri", None)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": rule.severity}
    return descriptor


def _without_id(rule_id: str, text: str) -> str:
    """A rule's docstring text without the ``"rule-id: "`` it starts with (the id is beside it)."""
    prefix = f"{rule_id}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def sarif_log(
    findings: Iterable[Finding],
    rules: Mapping[str, object],
    version: str,
    information_uri: str | None = None,
    base: Path | None = None,
) -> dict:
    """The SARIF log (as a dict): one run, every rule of ``rules`` (sorted by id) and any
    other id a finding has, and one result per finding, in the order given."""
    findings = list(findings)
    ids = sorted({*rules, *(f.rule for f in findings)})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    driver: dict = {"name": "slidekit", "version": version}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = [sarif_rule(rule_id, rules.get(rule_id)) for rule_id in ids]
    results = []
    for finding in findings:
        physical: dict = {"artifactLocation": artifact_location(finding.file, base)}
        if finding.line:
            physical["region"] = {"startLine": finding.line}
            if finding.column:
                physical["region"]["startColumn"] = finding.column
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": "error" if finding.severity == "error" else "warning",
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": physical}],
        }
        if finding.slide is not None:
            result["properties"] = {"slide": finding.slide}
        results.append(result)
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The folder slidekit lint ran in."}}
        },
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def sarif(
    findings: Iterable[Finding],
    rules: Mapping[str, object],
    version: str,
    information_uri: str | None = None,
    base: Path | None = None,
) -> str:
    """:func:`sarif_log` as indented JSON."""
    log = sarif_log(findings, rules, version, information_uri, base)
    return json.dumps(log, indent=2, ensure_ascii=False)
