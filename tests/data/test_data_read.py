"""read_table: every supported format gives the same table; bad files give a clear message."""

from __future__ import annotations

import pandas as pd
import pytest

from slidekit.data.read import read_table
from slidekit.errors import DataError

# The same three samples in every format below.
EXPECTED = {"model": ["m1", "m1", "m2"], "cue": ["Professor", "Teacher", "Professor"],
            "correct": [1, 0, 1]}


def as_lists(frame: pd.DataFrame) -> dict:
    return {column: frame[column].tolist() for column in frame.columns}


def error_of(path, fmt=None) -> str:
    with pytest.raises(DataError) as info:
        read_table(path, fmt)
    return str(info.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("r.csv", "model,cue,correct\nm1,Professor,1\nm1,Teacher,0\nm2,Professor,1\n"),
        ("r.tsv", "model\tcue\tcorrect\nm1\tProfessor\t1\nm1\tTeacher\t0\nm2\tProfessor\t1\n"),
        ("r.tab", "model\tcue\tcorrect\nm1\tProfessor\t1\nm1\tTeacher\t0\nm2\tProfessor\t1\n"),
        (
            "records.json",
            '[{"model": "m1", "cue": "Professor", "correct": 1},'
            ' {"model": "m1", "cue": "Teacher", "correct": 0},'
            ' {"model": "m2", "cue": "Professor", "correct": 1}]',
        ),
        (
            "columns.json",
            '{"model": ["m1", "m1", "m2"], "cue": ["Professor", "Teacher", "Professor"],'
            ' "correct": [1, 0, 1]}',
        ),
        (
            "r.jsonl",
            '{"model": "m1", "cue": "Professor", "correct": 1}\n'
            '{"model": "m1", "cue": "Teacher", "correct": 0}\n'
            "\n"  # blank lines are skipped
            '{"model": "m2", "cue": "Professor", "correct": 1}\n',
        ),
        (
            "r.ndjson",
            '{"model": "m1", "cue": "Professor", "correct": 1}\n'
            '{"model": "m1", "cue": "Teacher", "correct": 0}\n'
            '{"model": "m2", "cue": "Professor", "correct": 1}\n',
        ),
        ("UPPER.CSV", "model,cue,correct\nm1,Professor,1\nm1,Teacher,0\nm2,Professor,1\n"),
    ],
)
def test_text_formats_read_the_same_table(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert as_lists(read_table(path)) == EXPECTED


@pytest.mark.parametrize("suffix", [".parquet", ".pq"])
def test_parquet_round_trip(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    pd.DataFrame(EXPECTED).to_parquet(path)
    assert as_lists(read_table(path)) == EXPECTED


def test_format_override_reads_an_unknown_extension(tmp_path):
    path = tmp_path / "results.txt"
    path.write_text("model\tcue\tcorrect\nm1\tProfessor\t1\nm1\tTeacher\t0\nm2\tProfessor\t1\n")
    assert as_lists(read_table(path, "tsv")) == EXPECTED


def test_jsonl_bad_line_names_its_number(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"model": "m1", "correct": 1}\n'
        '{"model": "m1", "correct": 0}\n'
        '{"model": "m2", "correct": }\n'
        '{"model": "m2", "correct": 1}\n'
    )
    assert error_of(path) == "line 3: not valid JSON (Expecting value)"


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"model": "m1", "correct": 1}\n[1, 0]\n')
    assert error_of(path) == "line 2: expected a JSON object; found list"


def test_json_of_the_wrong_shape(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"model": "m1", "correct": 1}')
    assert error_of(path) == (
        "expected a JSON list of records or a mapping of columns; found a mapping with keys model, "
        "correct: pick the table inside with records: KEY (and tag: for a list of tables)"
    )


def test_broken_json_names_its_line(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('[\n{"model": "m1"},\n{"model": }\n]')
    assert error_of(path) == "not valid JSON: Expecting value (line 3)"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("r.csv", "the file is empty; expected a header row and data rows"),
        ("r.tsv", "the file is empty; expected a header row and data rows"),
        ("r.jsonl", "the file has no rows"),
        ("r.json", "not valid JSON: Expecting value (line 1)"),
    ],
)
def test_empty_file(tmp_path, name, message):
    path = tmp_path / name
    path.write_text("")
    assert error_of(path) == message


def test_header_only_csv_has_no_rows(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("model,correct\n")
    assert error_of(path) == "the table has no rows"


def test_empty_json_list_has_no_rows(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("[]")
    assert error_of(path) == "the table has no rows"


def test_folder_path(tmp_path):
    folder = tmp_path / "results.csv"
    folder.mkdir()
    assert error_of(folder) == "is a folder; expected a data file (or a folder of Parquet files or logs)"


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.csv") == "no such file"


def known_extensions() -> str:
    """The extensions of every installed reader (plugins add theirs), as the message lists them."""
    from slidekit.data.read import readers

    listed = sorted(ext for reader in readers().values() for ext in reader.extensions)
    assert {".csv", ".tsv", ".json", ".jsonl", ".parquet"} <= set(listed)
    return ", ".join(listed)


def test_unknown_extension_lists_the_known_ones(tmp_path):
    path = tmp_path / "results.xlsx"
    path.write_bytes(b"PK\x03\x04")
    assert error_of(path) == (
        "cannot tell the format from the extension '.xlsx'; expected one of "
        f"{known_extensions()}, or set format:"
    )


def test_no_extension(tmp_path):
    path = tmp_path / "results"
    path.write_text("a,b\n1,2\n")
    assert error_of(path) == (
        "cannot tell the format from the extension '(none)'; expected one of "
        f"{known_extensions()}, or set format:"
    )


def test_binary_csv(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xff\xfe\x00m\x00o")
    assert error_of(path) == "not UTF-8 text; is it a binary file, or saved in another encoding?"


def test_corrupt_parquet(tmp_path):
    path = tmp_path / "r.parquet"
    path.write_text("not parquet")
    assert error_of(path).startswith("not a readable Parquet file: ")


def test_a_row_with_a_surplus_field_is_an_error_even_when_few_columns_are_needed(tmp_path):
    # An unquoted comma in a text cell: reading only 'model' and 'acc' must not hide it.
    path = tmp_path / "log.csv"
    path.write_text("model,acc,note\na,1,fine\nb,0,one, two\n")
    with pytest.raises(DataError) as error:
        read_table(path, None, {"model", "acc"})
    assert str(error.value) == "not valid CSV: Error tokenizing data. C error: Expected 3 fields in line 3, saw 4"


@pytest.mark.parametrize("size_limit", [0, 10**9], ids=["large-file path", "whole-file path"])
def test_a_surplus_field_is_found_in_large_files_too(tmp_path, monkeypatch, size_limit):
    """Past WHOLE_CSV_BYTES only the needed columns are parsed; a surplus field still fails."""
    from slidekit.data import read

    if size_limit == 0:
        pytest.importorskip("pyarrow", reason="the large-file check needs pyarrow")
    monkeypatch.setattr(read, "WHOLE_CSV_BYTES", size_limit)
    path = tmp_path / "log.csv"
    # a quoted line break is one value, not a short row and a long one
    path.write_text('model,acc,note\na,1,"two\nlines"\nb,0,one, two\nc,1,fine\n')
    with pytest.raises(DataError) as error:
        read_table(path, None, {"model", "acc"})
    if size_limit == 0:
        assert str(error.value) == (
            "not valid CSV: a row has 4 fields where the header has 3 "
            "(an unquoted separator in a value?): 'b,0,one, two'"
        )
    else:
        assert str(error.value) == "not valid CSV: Error tokenizing data. C error: Expected 3 fields in line 3, saw 4"


def test_a_large_well_formed_file_reads_only_the_needed_columns(tmp_path, monkeypatch):
    from slidekit.data import read

    monkeypatch.setattr(read, "WHOLE_CSV_BYTES", 0)
    path = tmp_path / "log.csv"
    path.write_text('model,acc,note\na,1,"x, y"\nb,0,\nc,1,"two\nlines"\n')
    frame = read_table(path, None, {"model", "acc"})
    assert frame.to_dict("list") == {"model": ["a", "b", "c"], "acc": [1, 0, 1]}
