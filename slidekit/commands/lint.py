"""``slidekit lint SPEC...``: check specs against the research-update tips, compiler style."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from slidekit.lint.report import FORMATS

UNREADABLE = 2
"""The exit status of a spec that cannot be read or planned (see ``slidekit.cli.run_command``)."""


@click.command()
@click.argument(
    "specs", metavar="SPEC...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: one 'file:line:column: severity rule: message' line per finding and a summary "
    "per spec; json: one list of the findings; github: GitHub Actions annotations, one per "
    "finding; sarif: one SARIF 2.1.0 log.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def lint(ctx: click.Context, specs: tuple[Path, ...], strict: bool, fmt: str, debug: bool) -> None:
    """Check each SPEC against the tips for research updates, without building the deck.

    Several specs (as pre-commit passes them) are linted one after the other; a spec that
    cannot be read is reported and the others are still linted.

    Exit status, the worst of the specs': 0 when there are no errors, 1 when there are (or
    warnings with --strict), 2 when a SPEC cannot be read.
    """
    from slidekit.cli import run_command
    from slidekit.lint.linter import lint_spec
    from slidekit.lint.report import format_all, format_findings, report_of

    status = 0
    linted = []
    read = 0  # specs linted: json and sarif print nothing when none could be
    for spec in specs:
        try:
            run = run_command(ctx, debug, lint_spec, spec)
        except SystemExit as failed:  # its error lines are on stderr already
            code = failed.code if isinstance(failed.code, int) else 1
            if code not in (1, UNREADABLE):  # interrupted: stop here
                raise
            status = max(status, code)
            continue
        read += 1
        report = report_of(run.loaded.name, run.findings, strict=strict)
        status = max(status, report.exit_code)
        linted.extend(run.findings)
        if fmt == "text":
            click.echo(format_findings(run.findings, report, fmt))
        elif fmt == "github" and run.findings:
            click.echo(format_all(run.findings, fmt))
    if fmt in ("json", "sarif") and read:
        click.echo(format_all(linted, fmt))
    sys.exit(status)
