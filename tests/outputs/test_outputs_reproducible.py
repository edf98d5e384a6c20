"""The same spec and data give byte-identical reports, wherever the folder is."""

from __future__ import annotations

import os

from outputs_helpers import copy_example

from slidekit.pipeline import build


def outputs(folder):
    files = {name: (folder / name).read_bytes() for name in ("week12.html", "week12.md")}
    files.update({f"week12_files/{p.name}": p.read_bytes() for p in sorted((folder / "week12_files").iterdir())})
    return files


def test_html_and_markdown_are_byte_identical_across_builds_and_folders(tmp_path, monkeypatch):
    first = copy_example(tmp_path / "a" / "week12")
    second = copy_example(tmp_path / "elsewhere" / "deeper" / "week12")
    build(first / "week12.yaml", to=["html", "md"])
    before = outputs(first)
    build(first / "week12.yaml", to=["html", "md"], cache=False)  # charts redrawn
    assert outputs(first) == before
    monkeypatch.chdir(second)
    build("week12.yaml", to=["html", "md"])  # a relative spec path, another folder
    assert outputs(second) == before
    for name, data in before.items():
        if name.endswith((".html", ".md")):
            assert str(tmp_path).encode() not in data and os.environ.get("USER", "\0").encode() not in data
