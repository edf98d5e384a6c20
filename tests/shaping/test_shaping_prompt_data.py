"""Prompt slides that take the exact prompt from a data table."""

from __future__ import annotations

import json

from shaping_helpers import notes_of, slide_texts

CHAT = json.dumps([
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi {{ 7*7 }}, what is the capital of Peru?"},
])
# id 3 appears twice (two models) with the same prompt; model a has three different prompts.
LOG = (
    "id,model,input,target,extra\n"
    '1,a,"What is 2+2?",4,x\n'
    '1,b,"What is 2+2?",4,x\n'
    '3,a,"Name the capital of France.",Paris,x\n'
    '3,b,"Name the capital of France.",Paris,x\n'
    + "4,a," + '"' + CHAT.replace('"', '""') + '"' + ",Lima,x\n"
)


def _spec(prompt: str, extra: str = "") -> str:
    return f"title: T\ndata:\n  log: log.csv\nslides:\n  - prompt: {prompt}\n" + extra


def test_where_picks_the_row_whose_prompt_is_shown(project):
    project.write("log.csv", LOG)
    project.spec(_spec('{data: log, where: "id == 3", column: input}', "    highlight: [France]\n"))
    deck = project.build()
    slide = deck.slides[1]
    assert slide_texts(slide) == ["Prompt", "Name the capital of France."]
    runs = [r for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
            for r in p.runs]
    assert [r.text for r in runs if r.font.bold][-1] == "France"
    assert "Prompt from log.csv, column input where id == 3." in notes_of(slide).splitlines()


def test_column_defaults_to_input(project):
    project.write("log.csv", LOG)
    project.spec(_spec('{data: log, where: "id == 1"}'))
    deck = project.build()
    assert slide_texts(deck.slides[1]) == ["Prompt", "What is 2+2?"]


def test_table_where_applies_before_the_prompt_where(project):
    project.write("log.csv", LOG)
    project.spec(
        "title: T\ndata:\n  log: {path: log.csv, where: \"model == 'a'\"}\nslides:\n"
        "  - prompt: {data: log, where: \"id == 1\"}\n"
    )
    deck = project.build()
    assert slide_texts(deck.slides[1]) == ["Prompt", "What is 2+2?"]


def test_a_cell_of_json_chat_messages_shows_the_roles(project):
    project.write("log.csv", LOG)
    project.spec(_spec('{data: log, where: "id == 4"}'))
    deck = project.build()
    # The role labels in capitals, each message under its role; the cell's
    # "{{ 7*7 }}" is data, shown as written.
    assert slide_texts(deck.slides[1]) == [
        "Prompt", "SYSTEM", "Be brief.", "", "USER", "Hi {{ 7*7 }}, what is the capital of Peru?",
    ]


def test_a_jsonl_cell_holding_a_list_of_messages_shows_the_roles(project):
    rows = [
        {"id": 1, "input": [{"role": "user", "content": "First?"}], "score": 1},
        {"id": 2, "input": [{"role": "system", "content": "S"}, {"role": "user", "content": "Second?"}],
         "score": 0},
    ]
    project.write("log.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    project.spec("title: T\ndata:\n  log: log.jsonl\nslides:\n  - prompt: {data: log, where: \"id == 2\"}\n")
    deck = project.build()
    assert slide_texts(deck.slides[1]) == ["Prompt", "SYSTEM", "S", "", "USER", "Second?"]


def test_where_matching_different_prompts_is_an_error(project):
    project.write("log.csv", LOG)
    project.spec(_spec("\n      data: log\n      where: \"model == 'a'\"\n      column: input"))
    line = project.line("where:")
    assert project.errors() == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].prompt.where: 3 different prompts in log "
        "where model == 'a'; narrow where: to one sample")
    ]


def test_missing_column_is_an_error_listing_the_columns(project):
    project.write("log.csv", LOG)
    project.spec(_spec("\n      data: log\n      where: \"id == 3\"\n      column: prompt"))
    line = project.line("column: prompt")
    assert project.errors() == [
        (f"slidekit: error: deck.yaml:{line}: slides[0].prompt.column: column 'prompt' not in log "
        "(columns: id, model, input, target, extra)")
    ]


def test_where_matching_no_row_is_an_error(project):
    project.write("log.csv", LOG)
    project.spec(_spec("\n      data: log\n      where: \"id == 99\""))
    line = project.line("where:")
    assert project.errors() == [
        f"slidekit: error: deck.yaml:{line}: slides[0].prompt.where: no row of log where id == 99 has a value in column input"
    ]
