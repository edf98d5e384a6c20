"""Catalog, data: whatever an eval wrote, a deck or one clear error naming the file.

Empty and header-only files, binary junk, a JSONL with one bad line, a folder
where a file should be, NaN (dropped and counted in the notes), infinity (an
error), and standard errors or counts that are negative, missing or not numbers.
"""

from __future__ import annotations

import pytest
from robust_helpers import CHART, CSV, notes_of, slide_texts

ROWS = '{"family": "ITC", "cue": "a", "correct": 1}\n'


def chart(path: str, table: str = "") -> str:
    """CHART with its table as a mapping at ``path`` (line 4), plus table keys from line 5."""
    return CHART.replace("  t: t.csv\n", f"  t:\n    path: {path}\n{table}")


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        pytest.param("t.csv", "", "t.csv: the file is empty; expected a header row and data rows", id="empty-csv"),
        pytest.param("t.csv", "family,cue,correct\n", "t.csv: the table has no rows", id="header-only-csv"),
        pytest.param(
            "t.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x10",
            "t.csv: not UTF-8 text; is it a binary file, or saved in another encoding?",
            id="png-named-csv",
        ),
        pytest.param(
            "t.csv", b"family,cue,correct\x00\x00\nITC,a,1\n",
            "t.csv: a binary file (it holds NUL bytes); expected CSV text",
            id="nul-bytes-csv",
        ),
        pytest.param(
            "t.csv", "family,cue,correct\n".encode("utf-16"),
            "t.csv: not UTF-8 text; is it a binary file, or saved in another encoding?",
            id="utf16-csv",
        ),
        pytest.param(
            "t.tsv", b"\xff\xd8\xff\xe0JFIF\x00",
            "t.tsv: not UTF-8 text; is it a binary file, or saved in another encoding?",
            id="jpeg-named-tsv",
        ),
        pytest.param(
            "t.jsonl", ROWS + '{"family": "ITC", "cue": \n' + ROWS,
            "t.jsonl: line 2: not valid JSON (Expecting value)",
            id="jsonl-bad-line",
        ),
        pytest.param(
            "t.jsonl", ROWS + "\n[1, 2]\n", "t.jsonl: line 3: expected a JSON object; found list", id="jsonl-list-line"
        ),
        pytest.param("t.jsonl", "\n\n", "t.jsonl: the file has no rows", id="blank-jsonl"),
        pytest.param("t.json", "", "t.json: not valid JSON: Expecting value (line 1)", id="empty-json"),
        pytest.param(
            "t.json", '{"a": 1}',
            "t.json: expected a JSON list of records or a mapping of columns; found a mapping with keys a: "
            "pick the table inside with records: KEY (and tag: for a list of tables)",
            id="json-scalar-map",
        ),
        pytest.param("t.json", "[]", "t.json: the table has no rows", id="json-empty-list"),
        pytest.param(
            "t.xlsx", b"PK\x03\x04",
            "t.xlsx: cannot tell the format from the extension '.xlsx'; expected one of .csv, .eval, .json, "
            ".jsonl, .ndjson, .parquet, .pq, .tab, .tsv, or set format:",
            id="unknown-extension",
        ),
    ],
)
def test_unreadable_file(project, path, content, message):
    project.write(path, content)
    project.spec(chart(path))
    assert project.errors() == [f"slidekit: error: deck.yaml:4: data.t.path: {message}"]


def test_corrupt_parquet(project):
    project.write("t.parquet", b"PAR1 this is not really parquet")
    project.spec(chart("t.parquet"))
    (error,) = project.errors()
    assert error.startswith("slidekit: error: deck.yaml:4: data.t.path: t.parquet: not a readable Parquet file: ")


def test_missing_file(project):
    project.spec(chart("missing.csv"))
    assert project.errors() == ["slidekit: error: deck.yaml:4: data.t.path: missing.csv: no such file"]


def test_path_that_is_a_folder(project):
    project.write("results/readme.txt", "the CSVs are elsewhere")
    project.spec(chart("results"))
    assert project.errors() == [
        "slidekit: error: deck.yaml:4: data.t.path: results: is a folder; expected a data file "
        "(or a folder of Parquet files or logs)"
    ]


def test_short_form_path_that_is_a_folder(project):
    project.write("t.csv/readme.txt", "a folder named like a file")
    project.spec(CHART)
    assert project.errors() == [
        "slidekit: error: deck.yaml:3: data.t: t.csv: is a folder; expected a data file "
        "(or a folder of Parquet files or logs)"
    ]


def test_nan_rows_are_dropped_and_counted_in_the_notes(project):
    project.write("t.csv", "family,cue,correct\nITC,a,1\nITC,a,\nITC,a,0\nBase,a,NaN\nBase,a,1\nBase,a,1\n")
    project.spec(CHART)
    deck = project.deck()
    notes = notes_of(deck.slides[1]).splitlines()
    assert "n per family: ITC 2, Base 2." in notes
    assert "Rows with no correct value, left out: 2." in notes


def test_nan_in_jsonl_is_dropped_and_counted(project):
    project.write("t.jsonl", ROWS + '{"family": "Base", "cue": "a", "correct": NaN}\n' + ROWS)
    project.spec(chart("t.jsonl"))
    deck = project.deck()
    assert "Rows with no correct value, left out: 1." in notes_of(deck.slides[1]).splitlines()


@pytest.mark.parametrize(
    ("path", "content"),
    [
        pytest.param("t.csv", "family,cue,correct\nITC,a,0.5\nITC,a,inf\n", id="csv-inf"),
        pytest.param("t.csv", "family,cue,correct\nITC,a,0.5\nBase,a,-inf\n", id="csv-minus-inf"),
        pytest.param("t.jsonl", '{"family": "ITC", "cue": "a", "correct": Infinity}\n', id="jsonl-infinity"),
    ],
)
def test_infinity_is_an_error(project, path, content):
    project.write(path, content)
    project.spec(chart(path))
    assert project.errors() == [
        f"slidekit: error: deck.yaml:9: slides[0].y: column 'correct' in {path}: contains infinite values; "
        "expected finite numbers"
    ]


def test_y_with_no_value_at_all_is_an_error(project):
    project.write("t.csv", "family,cue,correct\nITC,a,\nBase,a,NaN\n")
    project.spec(CHART)
    assert project.errors() == [
        "slidekit: error: deck.yaml:8: slides[0].y: column 'correct' in t.csv: has no values: "
        "all 2 rows are empty (NaN); expected numbers"
    ]


def test_y_that_is_text_is_an_error(project):
    project.write("t.csv", "family,cue,correct\nITC,a,right\nBase,a,wrong\n")
    project.spec(CHART)
    assert project.errors() == [
        "slidekit: error: deck.yaml:8: slides[0].y: column 'correct' in t.csv: expected numbers or 0/1 values; "
        "found text ('right', 'wrong')"
    ]


PRE = "family,cue,correct,se,n\n"
"""A pre-aggregated table: one row per point, with its standard error and sample count."""


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param("ITC,a,0.5,-0.1,10\n", "error column 'se' has a negative standard error (-0.1)", id="negative-se"),
        pytest.param(
            "ITC,a,0.5,inf,10\n", "error column 'se' has an infinite value; expected a standard error (a finite number)",
            id="infinite-se",
        ),
        pytest.param(
            "ITC,a,0.5,0.1 or so,10\n", "error column 'se' has '0.1 or so'; expected a standard error (a number)",
            id="text-se",
        ),
        pytest.param("ITC,a,0.5,0.1,many\n", "n column 'n' has 'many'; expected a sample count (a number)", id="text-n"),
        pytest.param(
            "ITC,a,0.5,0.1,-4\n", "n column 'n' has -4; expected a whole number of samples (0 or more)", id="negative-n"
        ),
        pytest.param(
            "ITC,a,0.5,0.1,2.5\n", "n column 'n' has 2.5; expected a whole number of samples (0 or more)",
            id="fractional-n",
        ),
    ],
)
def test_bad_standard_errors_and_counts(project, rows, message):
    project.write("t.csv", PRE + rows + "Base,a,0.2,0.1,10\n")
    project.spec(chart("t.csv", "    error: se\n    n: n\n"))
    assert project.errors() == [f"slidekit: error: deck.yaml:11: slides[0].y: column 'correct' in t.csv: {message}"]


def test_missing_standard_error_draws_no_bar_and_says_so(project):
    project.write("t.csv", PRE + "ITC,a,0.5,,10\nBase,a,0.2,0.1,12\n")
    project.spec(chart("t.csv", "    error: se\n    n: n\n"))
    deck = project.deck()
    footer = [t for t in slide_texts(deck.slides[1]) if t.startswith("n = ")]
    assert footer == [
        "n = 10\u201312 per point \u00b7 error bars: 95% interval, \u00b1 1.96 \u00d7 standard error from column se; "
        "1 point(s) with no standard error have no bar \u00b7 data: t.csv"
    ]


def test_missing_count_says_n_not_given(project):
    project.write("t.csv", PRE + "ITC,a,0.5,0.1,\nBase,a,0.2,0.1,12\n")
    project.spec(chart("t.csv", "    error: se\n    n: n\n"))
    deck = project.deck()
    assert "n per point (from the table): a / ITC n not given, a / Base 12." in notes_of(deck.slides[1]).splitlines()


def test_filter_that_keeps_nothing(project):
    project.write("t.csv", CSV)
    project.spec(chart("t.csv", "    where: \"family == 'Nope'\"\n"))
    assert project.errors() == ["slidekit: error: deck.yaml:5: data.t.where: keeps none of the 12 rows of t.csv"]


def test_truncated_last_line_is_a_missing_value(project):
    # An eval killed mid-write: the last row stops after its first fields.
    project.write("t.csv", "family,cue,correct\nITC,a,1\nBase,a,0\nBase,a,1\nITC,a")
    project.spec(CHART)
    deck = project.deck()
    assert "Rows with no correct value, left out: 1." in notes_of(deck.slides[1]).splitlines()


def test_a_broken_table_does_not_hide_the_other_problems(project):
    """An empty file and a misspelt column in a chart on another table: both lines, at once."""
    project.write("good.csv", "cue,model,correct\nP,a,1\nQ,b,0\n")
    project.write("empty.csv", "")
    project.write("unused.csv", "")
    project.spec(
        "title: T\ndata:\n  good: good.csv\n  empty: empty.csv\n  unused: unused.csv\nslides:\n"
        "  - chart: good\n    takeaway: x\n    x: cue\n    y: corect\n"
        "  - chart: empty\n    takeaway: y\n    x: cue\n    y: correct\n"
    )
    empty = "the file is empty; expected a header row and data rows"
    assert project.errors() == [
        f"slidekit: error: deck.yaml:4: data.empty: empty.csv: {empty}",
        f"slidekit: error: deck.yaml:5: data.unused: unused.csv: {empty}",
        "slidekit: error: deck.yaml:10: slides[0].y: column 'corect' not in good (columns: cue, model, correct); did you mean 'correct'?",
    ]
