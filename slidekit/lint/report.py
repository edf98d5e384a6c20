"""Count findings, print them, and decide the exit status of ``slidekit lint``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from slidekit.lint.finding import Finding

FORMATS = ("text", "json", "github", "sarif")
"""The ``--format`` values; github and sarif are made by :mod:`slidekit.lint.formats`."""


@dataclass
class Report:
    """Counts errors and warnings; ``str(report)`` is the one-line summary.

    Exit status: 0 when there is no error (warnings allowed), 1 when there is
    an error, or a warning and ``strict`` is set. (2, a spec that cannot be
    read, never gets this far: see :func:`slidekit.cli.run_command`.)
    """

    file: str
    strict: bool = False
    errors: int = 0
    warnings: int = 0

    def add(self, finding: Finding) -> None:
        if finding.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    @property
    def exit_code(self) -> int:
        if self.errors or (self.strict and self.warnings):
            return 1
        return 0

    def __str__(self) -> str:
        if not self.errors and not self.warnings:
            return f"{self.file}: no problems found"
        summary = f"{self.file}: {counts(self.errors, self.warnings)}"
        if self.strict and self.warnings:
            summary += " (--strict: warnings fail)"
        return summary


def counts(errors: int, warnings: int) -> str:
    """``"1 error, 2 warnings"``."""
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def report_of(file: str, findings: Iterable[Finding], strict: bool = False) -> Report:
    report = Report(file, strict=strict)
    for finding in findings:
        report.add(finding)
    return report


def format_findings(findings: Iterable[Finding], report: Report, fmt: str = "text") -> str:
    """The command's output for one spec: one line per finding and the summary (text), a JSON
    list, GitHub Actions annotations (no summary) or a SARIF log."""
    if fmt == "json":
        return json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False)
    if fmt in ("github", "sarif"):
        return format_all(findings, fmt)
    return "\n".join([*(str(f) for f in findings), str(report)])


def format_all(findings: Iterable[Finding], fmt: str) -> str:
    """The findings of every spec linted at once, for the formats that print them together:
    one JSON list, the annotations, or one SARIF log with one run."""
    from slidekit.lint import formats

    if fmt == "json":
        return json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False)
    if fmt == "github":
        return formats.github(findings)
    if fmt == "sarif":
        from slidekit.lint.registry import rules

        return formats.sarif(findings, rules(), slidekit_version(), project_url())
    raise ValueError(f"no lint format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def slidekit_version() -> str:
    """``slidekit.__version__``, the version ``slidekit --version`` prints."""
    from slidekit import __version__

    return __version__


def project_url() -> str | None:
    """The project's home page from its metadata (``[project.urls]``), if it has one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("slidekit")
    except PackageNotFoundError:
        return None
    if meta.get("Home-page"):
        return meta["Home-page"]
    urls = [u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or [] if "," in u]
    return urls[0] if urls else None
