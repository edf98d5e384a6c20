"""``python -m slidekit``: the same CLI as the ``slidekit`` command."""

from slidekit.cli import run

if __name__ == "__main__":
    run()
