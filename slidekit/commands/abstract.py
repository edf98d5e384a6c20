"""``slidekit abstract SPEC``: a draft paper abstract, with the deck's computed numbers."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="Abstract to write (default: SPEC with .abstract.md).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def abstract(ctx: click.Context, spec: Path, output: Path | None, debug: bool) -> None:
    """Write a draft paper abstract for SPEC (Markdown): the question, the setup, the results
    with their computed numbers, and the motivation and implications from abstract: in the spec.

    Sentences that quote hypothetical numbers are marked [HYPOTHETICAL].
    """
    from slidekit.cli import run_command
    from slidekit.render.abstract import write_abstract

    result = run_command(ctx, debug, write_abstract, spec, output)
    marked = f", {result.hypothetical} of them HYPOTHETICAL" if result.hypothetical else ""
    click.echo(f"wrote {result.path} ({result.results} result(s){marked})")
