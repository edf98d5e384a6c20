"""The Python API (`slidekit.build`) and `python -m slidekit`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import slidekit


def test_build_returns_the_paths_written(tiny_spec):
    spec = tiny_spec()
    paths = slidekit.build(spec, to=["pptx"])
    assert paths == [spec.with_suffix(".pptx")] and paths[0].is_file()
    assert all(isinstance(path, Path) for path in paths)


def test_formats_as_one_string_and_an_output_path(tiny_spec, tmp_path):
    spec = tiny_spec()
    paths = slidekit.build(str(spec), tmp_path / "deck.pptx", to="pptx, md")
    assert paths == [tmp_path / "deck.pptx", tmp_path / "deck.md"]
    assert all(path.is_file() for path in paths)


def test_a_spec_problem_raises_slidekit_error_with_its_lines(tiny_spec):
    spec = tiny_spec("colour: red")
    with pytest.raises(slidekit.SlidekitError) as error:
        slidekit.build(spec)
    assert str(error.value) == f"{spec}:4: colour: unknown key 'colour'; did you mean 'colors'?"


def test_import_slidekit_is_light_and_python_m_slidekit_is_the_cli():
    code = "import sys, slidekit; print(sorted({'pandas', 'matplotlib', 'pptx'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
    help_text = subprocess.run(
        [sys.executable, "-m", "slidekit", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("build", "init", "watch", "schema", "lint"):
        assert f"  {command} " in help_text
