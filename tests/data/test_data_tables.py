"""load_tables through load_spec: data files next to a spec, filters, and errors on spec lines."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from slidekit.data.tables import load_tables
from slidekit.errors import SlidekitError
from slidekit.spec.load import load_spec


def known_extensions() -> str:
    from slidekit.data.read import readers

    return ", ".join(sorted(ext for reader in readers().values() for ext in reader.extensions))

SLIDES = """\
slides:
  - bullets: [a]
    title: B
"""

RESULTS = "split,step,loss\ntrain,1,0.9\nval,1,0.8\ntrain,2,0.7\nval,2,0.6\n"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("log.csv").write_text(RESULTS)
    return tmp_path


def tables_of(text: str):
    Path("spec.yaml").write_text(dedent(text) + SLIDES)
    return load_tables(load_spec("spec.yaml"))


def problems_of(text: str) -> list[str]:
    with pytest.raises(SlidekitError) as info:
        tables_of(text)
    return [str(p) for p in info.value.problems]


def test_tables_are_read_and_filtered(in_tmp):
    tables = tables_of(
        """\
        title: T
        data:
          everything: log.csv
          val:
            path: log.csv
            where: "split == 'val'"
        """
    )
    assert list(tables) == ["everything", "val"]
    assert tables["everything"].frame["loss"].tolist() == [0.9, 0.8, 0.7, 0.6]
    assert tables["val"].frame["loss"].tolist() == [0.8, 0.6]
    assert (tables["val"].path, tables["val"].where, tables["val"].rows_read) == (
        "log.csv", "split == 'val'", 4,
    )


def test_paths_are_relative_to_the_spec_not_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "week12" / "results").mkdir(parents=True)
    (tmp_path / "week12" / "results" / "log.csv").write_text(RESULTS)
    (tmp_path / "week12" / "spec.yaml").write_text("title: T\ndata:\n  log: results/log.csv\n" + SLIDES)
    monkeypatch.chdir(tmp_path)
    tables = load_tables(load_spec("week12/spec.yaml"))
    assert len(tables["log"].frame) == 4


def test_where_that_keeps_no_rows_points_at_the_where_line(in_tmp):
    assert problems_of(
        """\
        title: T
        data:
          val:
            path: log.csv
            where: "split == 'test'"
        """
    ) == ["spec.yaml:5: data.val.where: keeps none of the 4 rows of log.csv"]


def test_bad_where_points_at_the_where_line(in_tmp):
    assert problems_of(
        """\
        title: T
        data:
          val:
            path: log.csv
            where: "spilt == 'val'"
        """
    ) == ["spec.yaml:5: data.val.where: column 'spilt' does not exist (columns: split, step, loss); did you mean 'split'?"]


def test_missing_data_file_short_form(in_tmp):
    assert problems_of(
        """\
        title: T
        data:
          cues: results/articulation.csv
        """
    ) == ["spec.yaml:3: data.cues: results/articulation.csv: no such file"]


def test_missing_data_file_long_form_points_at_path(in_tmp):
    assert problems_of(
        """\
        title: T
        data:
          loss:
            where: "split == 'val'"
            path: results/train_log.jsonl
        """
    ) == ["spec.yaml:5: data.loss.path: results/train_log.jsonl: no such file"]


def test_every_unreadable_table_is_reported_at_once(in_tmp):
    Path("notes.txt").write_text("hello\n")
    assert problems_of(
        """\
        title: T
        data:
          ok: log.csv
          gone: gone.csv
          notes: notes.txt
          empty:
            path: log.csv
            where: "step > 5"
        """
    ) == [
        "spec.yaml:4: data.gone: gone.csv: no such file",
        "spec.yaml:5: data.notes: notes.txt: cannot tell the format from the extension '.txt'; "
        f"expected one of {known_extensions()}, or set format:",
        "spec.yaml:8: data.empty.where: keeps none of the 4 rows of log.csv",
    ]
