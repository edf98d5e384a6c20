"""Progress of `slidekit build`: a status line on a terminal's stderr; nothing in a pipe or with --quiet."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from slidekit.cli import main
from slidekit.commands import progress
from slidekit.commands.progress import CLEAR_LINE, StatusLine, status_line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_status_line_is_rewritten_in_place_and_cleared():
    terminal = Terminal()
    line = status_line(quiet=False, stream=terminal)
    line("reading data")
    line("drawing 2 chart(s)")
    line.close()
    out = terminal.getvalue()
    assert out.count(CLEAR_LINE) == 3 and "\n" not in out
    assert "reading data ..." in out and out.index("reading") < out.index("drawing 2 chart(s) ...")
    assert out.endswith(CLEAR_LINE)


def test_no_status_line_in_a_pipe_or_when_quiet():
    assert status_line(quiet=False, stream=io.StringIO()) is None
    assert status_line(quiet=True, stream=Terminal()) is None
    assert isinstance(status_line(quiet=False, stream=Terminal()), StatusLine)


@pytest.fixture
def on_a_terminal(monkeypatch):
    """Make the build command believe its stderr is a terminal."""
    monkeypatch.setattr(progress, "is_terminal", lambda stream: True)


def test_build_shows_its_stages_on_a_terminal(tiny_spec, on_a_terminal):
    spec = tiny_spec()
    result = CliRunner().invoke(main, ["build", str(spec)])
    assert result.exit_code == 0, result.output
    assert "planning slides ..." in result.stderr and "writing " in result.stderr
    assert result.stderr.endswith(CLEAR_LINE)
    assert result.stdout.startswith(f"wrote {spec.with_suffix('.pptx')} (6 slides, 2 charts")


def test_the_status_line_is_cleared_before_an_error(tiny_spec, on_a_terminal):
    spec = tiny_spec("template: missing.pptx")
    result = CliRunner().invoke(main, ["build", str(spec)])
    assert result.exit_code == 2
    status, error = result.stderr.rsplit(CLEAR_LINE, 1)
    assert "planning slides" in status
    assert error.startswith("slidekit: error: ") and "missing.pptx: no such file" in error


def test_quiet_prints_nothing_on_success_and_errors_still(tiny_spec, on_a_terminal):
    spec = tiny_spec()
    result = CliRunner().invoke(main, ["build", "--quiet", str(spec)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert spec.with_suffix(".pptx").is_file()
    result = CliRunner().invoke(main, ["build", "-q", str(spec.with_name("nothing.yaml"))])
    assert result.exit_code == 2 and result.stderr.startswith("slidekit: error: ")


def test_in_a_pipe_only_the_summary_is_printed(tiny_spec):
    result = CliRunner().invoke(main, ["build", str(tiny_spec())])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("wrote ")
