"""Bad input from the issue's list: each one exact line `file:line: key: message`, exit 2."""

from __future__ import annotations

import pytest

# Eight columns; a chart uses only model, family and acc, so the file is read
# with fewer columns, yet a "missing column" message lists all eight.
T = """\
qid,model,family,split,acc,acc_stderr,count,notes
1,a,ITC,test,1,0.1,10,x
2,b,Non-ITC,test,0,0.1,10,y
3,a,Non-ITC,val,1,0.1,10,z
4,b,ITC,test,1,0.1,10,w
"""
ALL = "qid, model, family, split, acc, acc_stderr, count, notes"


def _spec(table: str = "t.csv", chart: str = "") -> str:
    return (
        f"title: T\ndata:\n  t: {table}\nslides:\n  - chart: t\n    takeaway: X\n"
        "    x: model\n    y: acc\n    color: family\n" + chart
    )


def _errors(project, spec: str) -> list[str]:
    project.write("t.csv", T)
    project.spec(spec)
    return project.errors()


def test_unknown_format(project):
    errors = _errors(project, _spec("\n    path: t.csv\n    format: xlsx"))
    line = project.line("format: xlsx")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: data.t.format: unknown format 'xlsx'; "
        "expected one of: csv, inspect, json, jsonl, lm-eval, parquet, tsv")
    ]


def test_missing_file(project):
    errors = _errors(project, _spec("results.csv"))
    line = project.line("t: results.csv")
    assert errors == [f"slidekit: error: deck.yaml:{line}: data.t: results.csv: no such file"]


def test_missing_file_in_the_mapping_form_points_at_path(project):
    errors = _errors(project, _spec("\n    path: results.csv\n    where: \"split == 'test'\""))
    line = project.line("path: results.csv")
    assert errors == [f"slidekit: error: deck.yaml:{line}: data.t.path: results.csv: no such file"]


def test_unreadable_file_that_is_not_text(project):
    # A PNG saved as .csv: its first byte, 0x89, cannot start a UTF-8 character.
    project.write("bin.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    errors = _errors(project, _spec("bin.csv"))
    line = project.line("t: bin.csv")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: data.t: bin.csv: not UTF-8 text; is it a binary file, or saved in another encoding?"
    ]


def test_unreadable_json(project):
    project.write("r.json", '[{"model": "a", "acc": 1},\n')
    errors = _errors(project, _spec("r.json"))
    line = project.line("t: r.json")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: data.t: r.json: not valid JSON: Expecting value (line 2)"
    ]


@pytest.mark.parametrize("key", ["x", "y", "color"])
def test_missing_chart_column_lists_every_column_of_the_file(project, key):
    old = {"x": "x: model", "y": "y: acc", "color": "color: family"}[key]
    errors = _errors(project, _spec().replace(old, f"{key}: nope"))
    line = project.line(f"{key}: nope")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[0].{key}: column 'nope' not in t (columns: {ALL})"
    ]


def test_missing_column_in_a_table_where_lists_every_column_of_the_file(project):
    errors = _errors(project, _spec("{path: t.csv, where: \"splt == 'test'\"}"))
    line = project.line("splt")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: data.t.where: column 'splt' does not exist (columns: {ALL}); did you mean 'split'?"
    ]


def test_missing_column_in_a_chart_where_lists_every_column_of_the_file(project):
    errors = _errors(project, _spec(chart="    where: \"splt == 'test'\"\n"))
    line = project.line("splt")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[0].where: column 'splt' does not exist (columns: {ALL}); did you mean 'split'?"
    ]


def test_missing_column_in_a_derived_column_lists_every_column_of_the_file(project):
    errors = _errors(project, _spec(chart="    columns:\n      right: \"answr == 1\"\n"))
    line = project.line("right:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].columns.right: column 'answr' does not exist "
        f"(columns: {ALL})")
    ]


def test_missing_column_in_a_prompt_where_lists_every_column_of_the_file(project):
    project.write("t.csv", T)
    project.spec("title: T\ndata:\n  t: t.csv\nslides:\n  - prompt: {data: t, where: \"idd == 1\", column: notes}\n")
    line = project.line("idd")
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{line}: slides[0].prompt.where: column 'idd' does not exist (columns: {ALL})"
    ]


def test_missing_stderr_column_on_the_chart(project):
    errors = _errors(project, _spec(chart="    error: acc_sterr\n"))
    line = project.line("error: acc_sterr")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[0].error: column 'acc_sterr' not in t (columns: {ALL}); did you mean 'acc_stderr'?"
    ]


def test_missing_stderr_column_on_the_table_points_at_it_and_lists_every_column(project):
    errors = _errors(project, _spec("\n    path: t.csv\n    error: acc_sterr"))
    line = project.line("error: acc_sterr")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: data.t.error: column 'acc_sterr' not in t (columns: {ALL}); did you mean 'acc_stderr'?"
    ]


def test_missing_n_column_on_the_chart(project):
    errors = _errors(project, _spec(chart="    error: acc_stderr\n    n: cnt\n"))
    line = project.line("n: cnt")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[0].n: column 'cnt' not in t (columns: {ALL}); did you mean 'count'?"
    ]


def test_missing_n_column_on_the_table_is_a_spec_error_not_a_crash(project):
    # The n column is named on the table: one located line and exit 2, never
    # an internal error.
    errors = _errors(project, _spec("\n    path: t.csv\n    error: acc_stderr\n    n: cnt"))
    line = project.line("n: cnt")
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: data.t.n: column 'cnt' not in t (columns: {ALL}); did you mean 'count'?"
    ]


@pytest.mark.parametrize("key", ["labels: {famly: {ITC: Reasoning}}", "order: {famly: [ITC]}"])
def test_labels_or_order_for_a_column_that_does_not_exist(project, key):
    errors = _errors(project, _spec(chart=f"    {key}\n"))
    line = project.line("famly")
    name = key.split(":")[0]
    assert errors == [
        f"slidekit: error: deck.yaml:{line}: slides[0].{name}.famly: column 'famly' not in t (columns: {ALL}); did you mean 'family'?"
    ]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("model = 'a'", "not a valid expression: invalid syntax"),
        ("model", "expected a condition that is true or false for each row"),
        ("__import__('os').getcwd() == 'x'",
         ("call is not allowed in where: (use column names, values, comparisons, and/or/not, "
         "arithmetic and 'in' lists)")),
        ("@split == 'test'", "'@' (Python variables) is not allowed in where:"),
        ("split == 'nope'", "keeps none of the 4 rows of t.csv"),
    ],
)
def test_table_where_that_fails(project, where, message):
    errors = _errors(project, _spec(f"\n    path: t.csv\n    where: \"{where}\""))
    line = project.line("where:")
    assert errors == [f"slidekit: error: deck.yaml:{line}: data.t.where: {message}"]


def test_chart_where_that_keeps_no_row(project):
    errors = _errors(project, _spec(chart="    where: \"model == 'z'\"\n"))
    line = project.line("where:")
    assert errors == [f"slidekit: error: deck.yaml:{line}: slides[0].where: keeps none of the 4 rows of t"]


def test_non_numeric_y(project):
    errors = _errors(project, _spec().replace("y: acc", "y: split"))
    line = project.line("y: split")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].y: column 'split' in t.csv: "
        "expected numbers or 0/1 values; found text ('test', 'val')")
    ]


def test_show_a_category_that_is_not_in_the_data(project):
    errors = _errors(project, _spec(chart="    show: [ITC, Base]\n"))
    line = project.line("show:")
    assert errors == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].show[1]: 'Base' is not a value of family "
        "(values: ITC, Non-ITC)")
    ]


def test_several_problems_are_all_reported_in_order(project):
    project.write("t.csv", T)
    project.spec(
        "title: T\ndata:\n  t: t.csv\nslides:\n"
        "  - chart: t\n    takeaway: A\n    x: model\n    y: split\n"
        "  - chart: t\n    takeaway: B\n    x: model\n    y: acc\n    color: family\n    show: [Base]\n"
    )
    errors = project.errors()
    assert len(errors) == 2
    assert errors[0].startswith(f"slidekit: error: deck.yaml:{project.line('y: split')}: slides[0].y: ")
    assert errors[1].startswith(f"slidekit: error: deck.yaml:{project.line('show:')}: slides[1].show[0]: ")
