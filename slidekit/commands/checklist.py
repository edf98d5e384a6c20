"""``slidekit checklist SPEC``: a Markdown critique sheet for a reviewer with less context."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Sheet to write (default: SPEC with .checklist.md).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def checklist(ctx: click.Context, spec: Path, output: Path | None, debug: bool) -> None:
    """Write a critique sheet for SPEC: per slide, its headline, questions and lint findings."""
    from slidekit.cli import run_command
    from slidekit.lint.checklist import write_checklist
    from slidekit.lint.report import counts

    result = run_command(ctx, debug, write_checklist, spec, output)
    click.echo(
        f"wrote {result.output} ({result.sections} sections; lint: "
        f"{counts(result.errors, result.warnings)})"
    )
