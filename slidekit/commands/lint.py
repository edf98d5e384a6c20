"""``slidekit lint SPEC``: check a spec against the research-update tips, compiler style."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from slidekit.lint.report import FORMATS


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: one 'file:line:column: severity rule: message' line per finding and a summary; "
    "json: a list of findings.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def lint(ctx: click.Context, spec: Path, strict: bool, fmt: str, debug: bool) -> None:
    """Check SPEC against the tips for research updates, without building the deck.

    Exit status: 0 when there are no errors, 1 when there are (or warnings with
    --strict), 2 when SPEC cannot be read.
    """
    from slidekit.cli import run_command
    from slidekit.lint.linter import lint_spec
    from slidekit.lint.report import format_findings, report_of

    run = run_command(ctx, debug, lint_spec, spec)
    report = report_of(run.loaded.name, run.findings, strict=strict)
    click.echo(format_findings(run.findings, report, fmt))
    sys.exit(report.exit_code)
