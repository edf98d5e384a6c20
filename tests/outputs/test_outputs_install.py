"""The report templates ship with the package: a non-editable install renders a report.

Installs a copy of this checkout with a plain ``pip install .`` into a fresh
virtual environment (which sees the packages of the interpreter running the
tests for the dependencies, but not the editable slidekit) and renders the
example's HTML and Markdown reports with the installed copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from outputs_helpers import copy_example

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_an_installed_copy_finds_its_templates(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source)
    shutil.copytree(REPO / "slidekit", source / "slidekit", ignore=shutil.ignore_patterns("__pycache__"))
    # Nothing may point the installed copy back at this checkout.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    environment = tmp_path / "venv"
    python = _venv_seeing_these_packages(environment)
    # A plain `pip install .` (built in isolation, as a user's would be); the venv sees this
    # interpreter's packages, pip and the dependencies among them, but not the editable slidekit.
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", "./source"],
        check=False, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    folder = copy_example(tmp_path / "week12")
    where = subprocess.run(
        [str(python), "-c", "import slidekit; print(slidekit.__file__)"],
        check=True, capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(environment), where  # the installed copy, not this checkout
    templates = Path(where).parent / "templates"
    assert {"report.html.j2", "report.md.j2"} <= {p.name for p in templates.iterdir()}
    built = subprocess.run(
        [str(python), "-m", "slidekit", "build", "week12.yaml", "--to", "html,md"],
        check=False, capture_output=True, text=True, timeout=300, cwd=folder, env=env,
    )
    assert built.returncode == 0, built.stderr
    html = (folder / "week12.html").read_text()
    assert html.count("<img ") == 4 and "<h2>ITC models articulate cues far more often.</h2>" in html
    assert (folder / "week12.md").read_text().startswith(
        "# Week 12: Do reasoning models articulate the cues they follow?\n"
    )


def _venv_seeing_these_packages(environment: Path) -> Path:
    """A new venv whose Python also imports what this one imports (pip, pandas, ...).

    Not ``system_site_packages=True``: that shows the *base* interpreter's
    packages, and the tests usually run in a venv (the README's) whose base has
    no pandas at all. Instead this interpreter's package folders are appended to
    the new venv's path as plain lines of a .pth file: their own .pth files (the
    editable slidekit's among them) are not run, and the venv's own
    site-packages, where slidekit gets installed, comes first.
    """
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout.strip()
    folders = [
        entry for entry in sys.path
        # A venv inside the checkout (CI's .ci-venv) is still just a package folder.
        if entry.endswith(("site-packages", "dist-packages")) and Path(entry).is_dir()
    ]
    (Path(own) / "_tests_parent_packages.pth").write_text("\n".join(folders) + "\n")
    return python
