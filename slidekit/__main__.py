"""``python -m slidekit``: the same CLI as the ``slidekit`` command."""

from slidekit.cli import run

# Guarded: chart-drawing helpers are spawned processes, which import this
# module again under another name and must not run the CLI.
if __name__ == "__main__":
    run()
