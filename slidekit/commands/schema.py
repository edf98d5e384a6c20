"""``slidekit schema``: the spec's JSON Schema, for editors with a YAML language server."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write it to this file (default: print it).")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of a spec (completion and inline errors in your editor).

    Save it beside your specs and add this first line to a spec:

        # yaml-language-server: $schema=slidekit.schema.json
    """
    from slidekit.spec.schema import spec_schema

    text = json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")
