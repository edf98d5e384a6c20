"""``slidekit init SPEC``: next week's spec from last week's, or a first one that builds."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "--from", "previous", type=click.Path(path_type=Path),
    help="Last week's spec (default: the latest earlier week beside SPEC, by the number in its name).",
)
@click.option("--force", is_flag=True, help="Replace SPEC if it exists.")
@click.option(
    "--speedrun", is_flag=True,
    help="Write a speedrun spec instead: the deck and abstract of a project not yet run, from expected rates.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def init(
    ctx: click.Context, spec: Path, previous: Path | None, force: bool, speedrun: bool, debug: bool
) -> None:
    """Write SPEC (week13 means week13.yaml) to start a week's update.

    From last week's spec (--from, or week12.yaml found beside week13.yaml):
    the title's week number and the date move on, recap.from points at last
    week, last week's takeaways are cleared, and the data, jargon and slides
    stay, comments and all. With no earlier week: a commented example that
    builds as it is. An existing SPEC is never replaced without --force.

    With --speedrun: a spec for deciding whether a project is worth running,
    with the question, the hypothesis, two conditions and their expected rates
    (hypothetical data, marked on every slide), the prompt and an abstract.
    """
    from slidekit.cli import run_command
    from slidekit.workflow.init import init_spec

    result = run_command(
        ctx, debug, partial(init_spec, previous=previous, force=force, speedrun=speedrun), spec
    )
    if result.speedrun:
        click.echo(f"wrote {result.path}: a speedrun spec with hypothetical data; edit it, then "
                   f"slidekit build {result.path} and slidekit abstract {result.path}")
    elif result.previous is None:
        click.echo(f"wrote {result.path}: an example spec that builds as it is; edit it, then "
                   f"slidekit build {result.path}")
    else:
        click.echo(f"wrote {result.path} from {result.previous}: week and date moved on, "
                   "recap from last week, takeaways cleared")
