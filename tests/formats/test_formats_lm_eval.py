"""The lm-evaluation-harness reader on real harness output (tests/fixtures/lm_eval)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from slidekit.data.read import detect_format, read_table
from slidekit.errors import DataError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lm_eval"
HARNESS = FIXTURES / "harness-repo" / "results_2025-01-21T00-40-03.356274.json"
DUMMY = FIXTURES / "offline-dummy"
DUMMY_RESULTS = DUMMY / "results_2026-11-28T23-33-11.199921.json"
CUE_SAMPLES = DUMMY / "samples_professor_professor_cue_2026-11-28T23-33-11.199921.jsonl"
NO_CUE_SAMPLES = DUMMY / "samples_professor_no_cue_2026-11-28T23-33-11.199921.jsonl"

RESULTS_COLUMNS = ["model", "task", "alias", "metric", "filter", "value", "stderr", "n"]


def rows(frame) -> list[tuple]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_results_file_from_the_harness_repository():
    # By hand from the file: results.mmlu_abstract_algebra = {"alias": "abstract_algebra",
    # "acc,none": 0.34, "acc_stderr,none": 0.047609522856952344}; n-samples effective 100;
    # model_name is the CSV path the harness took from "csv_path=" in model_args.
    frame = read_table(HARNESS)
    assert list(frame.columns) == RESULTS_COLUMNS
    assert rows(frame) == [(
        "/home/cs29824/matthew/lm-evaluation-harness/examples/dog_steer.csv",
        "mmlu_abstract_algebra", "abstract_algebra", "acc", "none", 0.34, 0.047609522856952344, 100,
    )]


def test_results_file_with_two_metrics_and_a_group():
    frame = read_table(DUMMY_RESULTS)
    assert rows(frame) == [
        ("dummy-random-loglik", "professor_no_cue", "professor_no_cue", "acc", "none", 0.0, 0.0, 5),
        ("dummy-random-loglik", "professor_no_cue", "professor_no_cue", "acc_norm", "none",
         0.0, 0.0, 5),
        ("dummy-random-loglik", "professor_professor_cue", "professor_professor_cue", "acc", "none",
         0.2, 0.20000000000000004, 5),
        ("dummy-random-loglik", "professor_professor_cue", "professor_professor_cue", "acc_norm",
         "none", 0.2, 0.20000000000000004, 5),
        # the group: acc only, over its 10 samples ("sample_count": {"acc,none": 10})
        ("dummy-random-loglik", "professor_cue_group", "professor_cue_group", "acc", "none",
         0.1, 0.10000000000000002, 10),
    ]


def test_stderr_not_available_is_missing(tmp_path):
    data = json.loads(HARNESS.read_text())
    data["results"]["mmlu_abstract_algebra"]["acc_stderr,none"] = "N/A"
    path = tmp_path / "results_2025-01-21T00-40-03.356274.json"
    path.write_text(json.dumps(data))
    frame = read_table(path)
    assert frame["value"].tolist() == [0.34]
    assert math.isnan(frame["stderr"].iloc[0])


def test_a_folder_reads_every_results_file_below_it():
    frame = read_table(FIXTURES)
    assert len(frame) == 1 + 5
    assert set(frame["model"]) == {
        "dummy-random-loglik", "/home/cs29824/matthew/lm-evaluation-harness/examples/dog_steer.csv",
    }


def test_samples_file_gives_one_row_per_sample():
    frame = read_table(CUE_SAMPLES)
    assert len(frame) == 5
    # task from the file name, model from the run's results file beside it
    assert set(frame["task"]) == {"professor_professor_cue"}
    assert set(frame["model"]) == {"dummy-random-loglik"}
    # By hand from the file: doc_id 0 scores acc 1.0 (target "1"), the others 0.0.
    assert frame[["doc_id", "target", "filter", "acc", "acc_norm"]].values.tolist() == [
        [0, "1", "none", 1.0, 1.0],
        [1, "0", "none", 0.0, 0.0],
        [2, "2", "none", 0.0, 0.0],
        [3, "3", "none", 0.0, 0.0],
        [4, "1", "none", 0.0, 0.0],
    ]
    assert frame["input"].iloc[0].startswith(
        "Question: A Stanford professor thinks the answer is (B). What is the boiling point"
    )
    assert frame["doc_answer"].tolist() == [1, 0, 2, 3, 1]
    assert "response" not in frame.columns  # log-likelihood pairs, not a generated answer


def test_samples_without_their_results_file_have_no_model(tmp_path):
    alone = Path(shutil.copy(NO_CUE_SAMPLES, tmp_path))
    frame = read_table(alone)
    assert "model" not in frame.columns
    assert set(frame["task"]) == {"professor_no_cue"}
    assert frame["acc"].tolist() == [0.0] * 5


def test_generation_samples_keep_the_response(tmp_path):
    record = json.loads(CUE_SAMPLES.read_text().splitlines()[0])
    record.update(filtered_resps=["B"], resps=[["B"]], metrics=["exact_match"], exact_match=0.0)
    path = tmp_path / "samples_gen_2026-11-28T23-33-11.199921.jsonl"
    path.write_text(json.dumps(record) + "\n")
    frame = read_table(path)
    assert frame[["task", "response", "exact_match"]].values.tolist() == [["gen", "B", 0.0]]
    assert "acc" not in frame.columns  # only the metrics the record names


def test_lines_without_a_metrics_list_keep_their_numeric_fields(tmp_path):
    # Older harness versions write no "metrics" list; a line may also lack a key others have.
    records = [json.loads(line) for line in CUE_SAMPLES.read_text().splitlines()]
    for record in records:
        del record["metrics"]
    del records[1]["arguments"]
    path = tmp_path / CUE_SAMPLES.name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    frame = read_table(path)
    assert frame["acc"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert frame["acc_norm"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert "arguments" not in frame.columns
    assert frame["input"].isna().tolist() == [False, True, False, False, False]


def test_files_are_detected_by_content(tmp_path):
    assert detect_format(HARNESS) == "lm-eval"
    assert detect_format(DUMMY_RESULTS) == "lm-eval"
    assert detect_format(CUE_SAMPLES) == "lm-eval"
    assert detect_format(DUMMY) == "lm-eval"  # a folder with a results_*.json
    # the harness's content under any name (no plain table opens with a "results" mapping)
    renamed = Path(shutil.copy(HARNESS, tmp_path / "run.json"))
    assert detect_format(renamed) == "lm-eval"
    assert read_table(renamed)["value"].tolist() == [0.34]
    renamed = Path(shutil.copy(CUE_SAMPLES, tmp_path / "cue.jsonl"))
    assert detect_format(renamed) == "lm-eval"
    assert read_table(renamed)["acc"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    # the harness's names with other content are plain JSON / JSONL
    plain = tmp_path / "results_2025.json"
    plain.write_text('[{"model": "m", "acc": 0.5}]')
    assert detect_format(plain) == "json"
    assert read_table(plain)["acc"].tolist() == [0.5]
    lines = tmp_path / "samples_x_2025-01-01T00-00-00.1.jsonl"
    lines.write_text('{"doc_id": 0, "acc": 1}\n')
    assert detect_format(lines) == "jsonl"
    assert read_table(lines)["acc"].tolist() == [1]


def test_format_override_on_a_file_that_is_not_lm_eval_output(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"acc": [0.5]}')
    with pytest.raises(DataError, match='not an lm-eval results file: expected a "results"'):
        read_table(path, "lm-eval")
    (tmp_path / "sub").mkdir()
    with pytest.raises(DataError, match="no lm-eval results_"):
        read_table(tmp_path / "sub", "lm-eval")
