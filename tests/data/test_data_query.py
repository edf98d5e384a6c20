"""apply_where: ``where:`` filters rows, and refuses anything that could run code."""

from __future__ import annotations

import pandas as pd
import pytest

from slidekit.data.query import apply_where
from slidekit.errors import DataError

NOT_ALLOWED = (
    "is not allowed in where: (use column names, values, comparisons, and/or/not, "
    "arithmetic and 'in' lists)"
)


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "split": ["train", "val", "val", "train", "val"],
            "step": [1000, 1000, 2000, 2000, 3000],
            "eval set": ["a", "a", "b", "b", "a"],
        }
    )


def kept(frame, where) -> list[int]:
    """Row labels kept by the filter."""
    return apply_where(frame, where).index.tolist()


def error_of(frame, where) -> str:
    with pytest.raises(DataError) as info:
        apply_where(frame, where)
    return str(info.value)


@pytest.mark.parametrize(
    ("where", "rows"),
    [
        ("split == 'val'", [1, 2, 4]),
        ("split == 'val' and step > 1000", [2, 4]),
        ("split == 'train' or step == 3000", [0, 3, 4]),
        ("not (split == 'val')", [0, 3]),
        ("step in [1000, 3000]", [0, 1, 4]),
        ("step not in [1000, 3000]", [2, 3]),
        ("step / 1000 >= 2", [2, 3, 4]),
        ("`eval set` == 'b'", [2, 3]),
        ("`eval set` == 'a' and split == 'val'", [1, 4]),
    ],
)
def test_filter_keeps_matching_rows(frame, where, rows):
    assert kept(frame, where) == rows


def test_filter_that_matches_nothing_gives_an_empty_table(frame):
    assert kept(frame, "split == 'test'") == []


def test_unknown_column_lists_the_columns(frame):
    assert error_of(frame, "spilt == 'val'") == (
        "column 'spilt' does not exist (columns: split, step, eval set); did you mean 'split'?"
    )


def test_unknown_backticked_column_is_named_as_written(frame):
    # BUG: pandas' internal name leaks: "column 'BACKTICK_QUOTED_STRING_eval_sets' ..."
    assert error_of(frame, "`eval sets` == 'a'") == (
        "column 'eval sets' does not exist (columns: split, step, eval set); did you mean 'eval set'?"
    )


def test_at_sign_inside_a_quoted_value_is_just_text():
    # BUG: any '@' is refused, even inside a string literal; model ids such as
    # Vertex AI's 'claude-3-5-sonnet@20240620' cannot be filtered on.
    frame = pd.DataFrame({"model": ["claude-3-5-sonnet@20240620", "gpt-4o"], "ok": [1, 0]})
    assert kept(frame, "model == 'claude-3-5-sonnet@20240620'") == [0]


def test_function_call_is_refused(frame):
    assert error_of(frame, "__import__('os')") == f"call {NOT_ALLOWED}"


def test_method_call_is_refused(frame):
    assert error_of(frame, "split.str.len() > 3") == f"call {NOT_ALLOWED}"


def test_attribute_access_is_refused(frame):
    assert error_of(frame, "split.__class__") == f"attribute {NOT_ALLOWED}"


def test_dunder_name_is_refused(frame):
    assert error_of(frame, "__builtins__ == 1") == "name '__builtins__' is not allowed in where:"


def test_python_variable_is_refused(frame):
    assert error_of(frame, "step > @threshold") == "'@' (Python variables) is not allowed in where:"


def test_lambda_is_refused(frame):
    assert error_of(frame, "lambda: 1") == f"lambda {NOT_ALLOWED}"


def test_syntax_error(frame):
    assert error_of(frame, "split == ") == "not a valid expression: invalid syntax"


def test_unbalanced_backtick(frame):
    assert error_of(frame, "`eval set == 'a'") == "unbalanced backtick in where:"


def test_expression_that_is_not_a_condition(frame):
    assert error_of(frame, "step + 1") == "expected a condition that is true or false for each row"


def test_a_column_with_spaces_used_without_backticks_gets_the_hint(frame):
    # pandas reads "eval set == 'a'" as the name eval, then a syntax error, or the name eval alone.
    message = error_of(frame, "eval == 'a'")
    assert message == (
        "column 'eval' does not exist (columns: split, step, eval set); a column name with spaces "
        "goes in backticks: `eval set`"
    )


@pytest.mark.parametrize(("name", "hint"), [("Split", "; did you mean 'split'?"),
                                            ("STEP", "; did you mean 'step'?"),
                                            ("stpe", "; did you mean 'step'?"),
                                            ("model", "")])
def test_case_slips_and_typos_get_a_did_you_mean(name, hint):
    from slidekit.data.query import suggestion

    assert suggestion(name, ["split", "step", "eval set"]) == hint
