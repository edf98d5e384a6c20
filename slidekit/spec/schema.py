"""The spec's JSON Schema, from the same models that validate it (``slidekit schema``).

Editors with a YAML language server (VS Code's YAML extension, Neovim, JetBrains)
use it for completion, hover docs (each key's docstring) and inline errors.
"""

from __future__ import annotations

from slidekit.spec.models import DeckSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def spec_schema() -> dict:
    """The JSON Schema of a spec file, keys spelled as in YAML (``from``, not ``from_``)."""
    schema = DeckSpec.model_json_schema(by_alias=True)
    return {
        "$schema": DRAFT,
        **schema,
        "title": "slidekit spec",
        "description": "A week's research-update deck for slidekit (slidekit build week12.yaml).",
    }
