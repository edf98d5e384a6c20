"""The fuzzer: numbered, reproducible cases built from the two example projects.

Case ``i`` uses ``random.Random(base + i)``: it copies one example folder
(``examples/week12`` or ``examples/inspect``) into a fresh folder, applies one
to three mutations from :data:`CATALOG` (each a small named function, so a
failure names the mutations that produced it), then runs ``slidekit build``
(and for some cases ``slidekit lint``) in-process through the CLI's own entry,
``click.testing.CliRunner`` on :data:`slidekit.cli.main`.

Every case must end in one of the allowed outcomes (:func:`check_build`):

- exit 0: the deck re-opens with python-pptx and has at least one slide, every
  ``--to`` output is there, nothing else was written and no input changed;
- exit 2: every output line is one ``slidekit: error: FILE...`` line (one per
  problem), naming a file, with no traceback and no internal error, and the
  folder is exactly as it was (no deck, no report, no temporary file).

``slidekit lint`` must exit 0 or 1 with its findings, or 2 like a build, and
write nothing. A case has :data:`CASE_SECONDS` to finish.

Rerun one case, printing its mutated spec and its outcome::

    python -m tests.robustness.fuzz_cases 1234            # base seed 0
    python tests/robustness/fuzz_cases.py 1234 --seed 7 --keep /tmp/case1234
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {"week12": "week12.yaml", "inspect": "professor_cue.yaml"}
CASE_SECONDS = 60
"""A case (build and lint) that takes longer is a hang."""
OUTPUT = "out/deck.pptx"
"""Where every case's deck goes (``-o``), relative to the copied example folder."""


class CaseTimeout(BaseException):
    """Raised by the alarm in a case that runs too long (not an ``Exception``, so nothing catches it)."""


# --------------------------------------------------------------------------- the workspace


@dataclass
class Workspace:
    """One case's copy of an example: the spec (parsed, as text, as bytes) and its files."""

    folder: Path
    example: str
    spec_name: str
    original_text: str
    doc: object = None
    doc_changed: bool = False
    text: str | None = None
    raw: bytes | None = None

    def path(self, name: str) -> Path:
        return self.folder / name

    # Helpers for doc mutations ---------------------------------------------------------
    def nodes(self, kind: type | tuple | None = None) -> list[tuple]:
        """Every path (tuple of keys and indices) below the root, optionally only values of ``kind``."""
        found: list[tuple] = []

        def walk(node, path):
            if path and (kind is None or isinstance(node, kind)):
                found.append(path)
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, (*path, key))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, (*path, index))

        walk(self.doc, ())
        return found

    def get(self, path: tuple):
        node = self.doc
        for key in path:
            node = node[key]
        return node

    def set(self, path: tuple, value) -> None:
        self.get(path[:-1])[path[-1]] = value
        self.doc_changed = True

    def slides(self, kind: str | None = None) -> list[dict]:
        slides = self.doc.get("slides") if isinstance(self.doc, dict) else None
        if not isinstance(slides, list):
            return []
        return [s for s in slides if isinstance(s, dict) and (kind is None or kind in s)]


@dataclass(frozen=True)
class Mutation:
    name: str
    stage: str
    """``doc`` (edits the parsed spec, which is then dumped), ``text`` (the spec's text),
    ``bytes`` (its bytes) or ``files`` (data and prompt files)."""
    function: Callable[[Workspace, random.Random], str | None]
    applies: Callable[[Workspace], bool]


CATALOG: dict[str, Mutation] = {}
STAGES = ("files", "doc", "text", "bytes")


def mutation(stage: str, applies: Callable[[Workspace], bool] = lambda ws: True):
    def register(function):
        CATALOG[function.__name__] = Mutation(function.__name__, stage, function, applies)
        return function

    return register


def week12(ws: Workspace) -> bool:
    return ws.example == "week12"


def inspect_example(ws: Workspace) -> bool:
    return ws.example == "inspect"


def is_mapping(ws: Workspace) -> bool:
    return isinstance(ws.doc, dict)


WORDS = ["Professor", "ITC", "Non-ITC", "Base", "DeepSeek-R1", "cue", "family", "model", "none", "professor"]
UNICODE = [
    "\u05de\u05d5\u05d3\u05dc\u05d9\u05dd \u05e9\u05dc ITC",  # Hebrew (RTL)
    "\u0627\u0644\u0646\u0645\u0627\u0630\u062c \u062a\u0634\u0631\u062d",  # Arabic (RTL)
    "\u202eevil\u202c override",
    "zero\u200bwidth\u200djoiner",
    "e\u0301 n\u0303 a\u030a",
    "\u4e2d\u6587\u6807\u9898 \u65e5\u672c\u8a9e",
    "\u0928\u092e\u0938\u094d\u0924\u0947",
    "\U0001d54f\U0001d550\U0001d551 math letters",
    "\u2028line\u2029para",
    "tab\there",
    "<script>alert(1)</script> & &amp; ]]>",
]
EMOJI = ["\U0001F680", "\U0001F525\U0001F525", "\U0001F469\u200d\U0001F52C", "\U0001F3F3\ufe0f\u200d\U0001F308",
         "\u2764\ufe0f", "\U0001F1E9\U0001F1EA", "\U0001F44D\U0001F3FD"]


def long_text(rng: random.Random) -> str:
    return rng.choice([
        "x" * 10_000,
        ("word " * 2_000).strip(),
        "\u4e2d" * 10_000,
        "".join(rng.choice("abc def\u05d0\U0001F680") for _ in range(10_000)),
        "{{ 1 }}" * 1_400 + "tail",
    ])


def other_type(rng: random.Random, value) -> object:
    choices = [
        "some text", ["a", "list"], {"a": "mapping"}, 42, None, 3.5, True, [], {}, "",
        float("nan"), float("inf"), -7, [{"x": 1}], {"nested": {"deep": [1, 2]}}, "2025-13-45", 10**30,
    ]
    choices = [c for c in choices if type(c) is not type(value)]
    return rng.choice(choices)


# --------------------------------------------------------------------------- spec mutations (doc)


@mutation("doc", is_mapping)
def delete_key(ws, rng):
    path = rng.choice(ws.nodes())
    parent = ws.get(path[:-1])
    del parent[path[-1]]
    ws.doc_changed = True
    return ".".join(map(str, path))


@mutation("doc", is_mapping)
def rename_key(ws, rng):
    paths = [p for p in ws.nodes() if isinstance(p[-1], str)]
    path = rng.choice(paths)
    parent = ws.get(path[:-1])
    old = path[-1]
    new = rng.choice([old + "s", old[:-1] or "k", old.upper(), "colour", "from_", "nope", old + "\u200b", "x", "y"])
    items = [(new if k == old else k, v) for k, v in parent.items()]
    if new in parent and new != old:
        items = [(k, v) for k, v in items if k != new] + [(new, parent[old])]
    parent.clear()
    parent.update(items)
    ws.doc_changed = True
    return f"{'.'.join(map(str, path))} -> {new}"


@mutation("doc", is_mapping)
def duplicate_key_value(ws, rng):
    # The same value under a second key (a copy-paste): slides twice, a chart slide twice, a table twice.
    choice = rng.randrange(3)
    slides = ws.slides()
    if choice == 0 and slides:
        ws.doc["slides"] = ws.doc["slides"] + [dict(rng.choice(slides))]
    elif choice == 1 and isinstance(ws.doc.get("data"), dict) and ws.doc["data"]:
        name = rng.choice(list(ws.doc["data"]))
        ws.doc["data"][name + "2"] = ws.doc["data"][name]
    else:
        for slide in slides:
            if "chart" in slide and "prompt" not in slide:
                slide["prompt"] = "prompts/professor_cue.txt"  # two slide kinds in one
                break
    ws.doc_changed = True
    return str(choice)


@mutation("doc", is_mapping)
def swap_type(ws, rng):
    path = rng.choice(ws.nodes())
    new = other_type(rng, ws.get(path))
    ws.set(path, new)
    return f"{'.'.join(map(str, path))} -> {new!r}"[:80]


@mutation("doc", is_mapping)
def swap_top_level_type(ws, rng):
    key = rng.choice(["title", "slides", "data", "recap", "takeaways", "date", "author", "lint"])
    ws.doc[key] = other_type(rng, ws.doc.get(key))
    ws.doc_changed = True
    return key


def _strings(ws):
    return ws.nodes(str)


@mutation("doc", lambda ws: is_mapping(ws) and bool(_strings(ws)))
def unicode_text(ws, rng):
    path = rng.choice(_strings(ws))
    text = rng.choice(UNICODE)
    old = ws.get(path)
    ws.set(path, rng.choice([text, old + " " + text, text + " " + old]))
    return ".".join(map(str, path))


@mutation("doc", lambda ws: is_mapping(ws) and bool(_strings(ws)))
def emoji_text(ws, rng):
    path = rng.choice(_strings(ws))
    old = ws.get(path)
    ws.set(path, rng.choice(EMOJI) + " " + old + " " + rng.choice(EMOJI))
    return ".".join(map(str, path))


@mutation("doc", lambda ws: is_mapping(ws) and bool(_strings(ws)))
def long_string(ws, rng):
    path = rng.choice(_strings(ws))
    ws.set(path, long_text(rng))
    return ".".join(map(str, path))


@mutation("doc", is_mapping)
def long_text_slot(ws, rng):
    # 10k characters where text is expected: the title, a takeaway, a bullet, a note, a label.
    slot = rng.randrange(5)
    text = long_text(rng)
    if slot == 0:
        ws.doc["title"] = text
    elif slot == 1:
        ws.doc["takeaways"] = [text]
    elif slot == 2 and ws.slides("chart"):
        rng.choice(ws.slides("chart"))[rng.choice(["takeaway", "notes", "x_label", "y_label", "title"])] = text
    elif slot == 3 and ws.slides("bullets"):
        ws.slides("bullets")[0]["bullets"] = [text, "short"]
    else:
        ws.doc.setdefault("recap", {})
        if isinstance(ws.doc["recap"], dict):
            ws.doc["recap"]["jargon"] = {text[:200]: text}
    ws.doc_changed = True
    return str(slot)


@mutation("doc", is_mapping)
def shared_nodes(ws, rng):
    # The same object in two places: yaml.safe_dump writes it as an anchor and an alias.
    slides = ws.doc.get("slides")
    if isinstance(slides, list) and slides:
        first = slides[0]
        slides.append(first)
        if rng.random() < 0.5 and isinstance(first, dict):
            ws.doc["takeaways"] = first.get("takeaway") and [first.get("takeaway")] or ["x"]
            if isinstance(ws.doc.get("recap"), dict):
                ws.doc["recap"]["takeaways"] = ws.doc["takeaways"]
    ws.doc_changed = True


@mutation("doc", is_mapping)
def missing_data_file(ws, rng):
    data = ws.doc.get("data")
    if not isinstance(data, dict) or not data:
        return "no data"
    name = rng.choice(list(data))
    missing = rng.choice(["results/nope.csv", "nope.jsonl", "logs2", "/nonexistent/x.csv", "results/", "../x.csv"])
    if isinstance(data[name], dict):
        data[name]["path"] = missing
    else:
        data[name] = missing
    ws.doc_changed = True
    return f"{name} -> {missing}"


@mutation("doc", lambda ws: bool(ws.slides("chart")))
def missing_column(ws, rng):
    slide = rng.choice(ws.slides("chart"))
    key = rng.choice(["x", "y", "color", "error", "n", "cluster"])
    slide[key] = rng.choice(["nope", "Cue", "family ", "", "articulated", "step"])
    ws.doc_changed = True
    return f"{key} -> {slide[key]!r}"


@mutation("doc", lambda ws: bool(ws.slides("chart")))
def missing_category(ws, rng):
    slide = rng.choice(ws.slides("chart"))
    which = rng.randrange(4)
    if which == 0:
        slide["show"] = rng.choice([["Nope"], ["ITC", "Nope"], [1, 2], [None]])
    elif which == 1:
        slide["callout"] = {"at": {rng.choice([str(slide.get("x")), "cue", "nope"]): "Nope"}, "text": "look"}
    elif which == 2 and isinstance(slide.get("compare"), dict):
        slide["compare"]["a"] = "Nope"
    else:
        slide["order"] = {str(slide.get("x")): ["Nope", "Professor"]}
        slide["labels"] = {str(slide.get("color")): {"Nope": "N"}}
    ws.doc_changed = True
    return str(which)


@mutation("doc", lambda ws: bool(ws.slides()))
def backup_link_to_nothing(ws, rng):
    # A backup slide linked from the result before it, when there is none.
    charts = ws.slides("chart")
    which = rng.randrange(3)
    if which == 0 and charts:
        for slide in charts:
            slide["section"] = "backup"
    elif which == 1 and charts:
        slide = dict(charts[0])
        slide["section"] = "backup"
        ws.doc["slides"].insert(0, slide)
    else:
        slide = rng.choice(ws.slides())
        slide["section"] = rng.choice(["backup", "appendix", None])
    ws.doc_changed = True
    return str(which)


@mutation("doc", lambda ws: bool(ws.slides("chart")))
def unknown_table(ws, rng):
    rng.choice(ws.slides("chart"))["chart"] = rng.choice(["nope", "", "Cues", "answers ", "loss"])
    ws.doc_changed = True


@mutation("doc", lambda ws: bool(ws.slides("prompt")))
def missing_prompt_file(ws, rng):
    slide = ws.slides("prompt")[0]
    slide["prompt"] = rng.choice([
        "prompts/nope.txt", "prompts", "prompts/", {"file": "nope.txt"}, {"data": "nope"},
        {"data": "cues" if ws.example == "week12" else "answers", "where": "nope == 1"}, {},
        {"text": "a", "file": "b"},
    ])
    ws.doc_changed = True
    return repr(slide["prompt"])


@mutation("doc", lambda ws: bool(ws.slides("prompt")))
def highlight_not_in_prompt(ws, rng):
    ws.slides("prompt")[0]["highlight"] = rng.choice([["not in the prompt"], [""], ["A"] * 50, [long_text(rng)]])
    ws.doc_changed = True


BROKEN_JINJA = [
    "{{ value(", "{{ value(cue='Professor') | pct }} and {{ value(", "{% if %}", "{{ nope }}", "{{ nope() }}",
    "{{ 1/0 }}", "{{ value(model='nope') | pct }}", "{{ value() }}", "{{ mean('nope', 'x') }}",
    "{{ count('cues') | nofilter }}", "{{ ''.__class__.__mro__ }}", "{% for i in range(10**9) %}{% endfor %}",
    "{{ 'x' * 10**8 }}", "{% raw %}", "{# unclosed", "}} {{", "{{ value(cue=[1,2]) }}", "{{ count('cues', where='!!') }}",
    "{{ mean('cues', 'articulated') | pct(1/0) }}", "{{ value(model='mockllm/deferential') | round(400) }}",
    "{{ range(10**6) | list | length }}", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
]


@mutation("doc", is_mapping)
def broken_jinja(ws, rng):
    text = rng.choice(BROKEN_JINJA)
    slot = rng.randrange(5)
    if slot == 0 and ws.slides("chart"):
        slide = rng.choice(ws.slides("chart"))
        key = rng.choice(["takeaway", "title", "notes", "x_label"])
        slide[key] = f"{slide.get(key) or ''} {text}"
        if rng.random() < 0.3 and isinstance(slide.get("callout"), dict):
            slide["callout"]["text"] = text
    elif slot == 1 and ws.slides("bullets"):
        ws.slides("bullets")[0]["bullets"] = [text, "ok {{ 1 + 1 }}"]
    elif slot == 2:
        ws.doc["title"] = f"{ws.doc.get('title')} {text}"
    elif slot == 3:
        ws.doc["takeaways"] = [text]
    else:
        recap = ws.doc.setdefault("recap", {})
        if isinstance(recap, dict):
            recap["takeaways"] = [text]
            recap["jargon"] = {"Cue": text}
    ws.doc_changed = True
    return f"{slot}: {text}"


@mutation("doc", is_mapping)
def recap_self(ws, rng):
    recap = ws.doc.setdefault("recap", {})
    if not isinstance(recap, dict):
        ws.doc["recap"] = recap = {}
    recap["from"] = rng.choice([ws.spec_name, "./" + ws.spec_name, ws.spec_name.upper()])
    ws.doc_changed = True
    return recap["from"]


@mutation("doc", is_mapping)
def recap_pair(ws, rng):
    # Two specs whose recap.from point at each other (a three-cycle sometimes).
    recap = ws.doc.setdefault("recap", {})
    if not isinstance(recap, dict):
        ws.doc["recap"] = recap = {}
    if rng.random() < 0.3:
        recap["from"] = "a.yaml"
        ws.path("a.yaml").write_text(f"title: A\nrecap: {{from: b.yaml}}\nslides: [{{bullets: [a], title: A}}]\n")
        ws.path("b.yaml").write_text(f"title: B\nrecap: {{from: {ws.spec_name}}}\nslides: [{{bullets: [b], title: B}}]\n")
        return "three"
    other = "week11.yaml" if ws.example == "week12" else "last.yaml"
    recap["from"] = other
    if ws.path(other).exists():
        text = ws.path(other).read_text()
        text = text.replace("recap:\n", f"recap:\n  from: {ws.spec_name}\n", 1)
    else:
        text = f"title: Last\ntakeaways: [Old]\nrecap:\n  from: {ws.spec_name}\nslides: [{{bullets: [a], title: B}}]\n"
    ws.path(other).write_text(text)
    ws.doc_changed = True
    return other


@mutation("doc", is_mapping)
def recap_from_odd(ws, rng):
    recap = ws.doc.setdefault("recap", {})
    if not isinstance(recap, dict):
        ws.doc["recap"] = recap = {}
    target = rng.choice(["results", "prompts/professor_cue.txt", "logs/careful.eval", "results/articulation.csv",
                         "nope.yaml", "", "."])
    recap["from"] = target
    ws.doc_changed = True
    return target


@mutation("doc", is_mapping)
def special_scalars(ws, rng):
    path = rng.choice(ws.nodes((str, int, float)) or [("title",)])
    ws.set(path, rng.choice([float("nan"), float("-inf"), 1e308 * 10, -0.0, 2**63, "yes", "on", "0x1F", "1e400",
                             "null", "~", "2025-02-30"]))
    return ".".join(map(str, path))


# --------------------------------------------------------------------------- spec mutations (text)


@mutation("text")
def yaml_duplicate_key(ws, rng):
    lines = ws.text.splitlines(keepends=True)
    keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[A-Za-z_]+:", line)]
    if not keyed:
        return "none"
    i = rng.choice(keyed)
    copy = re.sub(r"^(\s*)- ", r"\1  ", lines[i])
    lines.insert(i + 1, copy if copy.endswith("\n") else copy + "\n")
    ws.text = "".join(lines)
    return lines[i].strip()[:40]


@mutation("text")
def yaml_tabs(ws, rng):
    lines = ws.text.splitlines(keepends=True)
    indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
    if indented and rng.random() < 0.7:
        i = rng.choice(indented)
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif lines:
        i = rng.randrange(len(lines))
        lines[i] = lines[i].replace(": ", ":\t", 1)
    ws.text = "".join(lines)


@mutation("text")
def yaml_anchor_alias(ws, rng):
    which = rng.randrange(4)
    if which == 0:  # a merge key copying the first slide
        ws.text = ws.text.replace("\n  - chart:", "\n  - &first\n    chart:", 1)
        ws.text = ws.text.rstrip("\n") + "\n  - <<: *first\n    takeaway: merged\n"
    elif which == 1:  # an alias to an anchor that is not there
        ws.text = re.sub(r"(\n\s*author: ).*", r"\1*nowhere", ws.text, count=1)
    elif which == 2:  # an anchor on a scalar, aliased as a takeaway and a mapping key
        ws.text = re.sub(r"(\n\s*author: )", r"\1&who ", ws.text, count=1)
        ws.text = ws.text.rstrip("\n") + "\n  - bullets: [*who]\n    title: *who\n"
    else:  # an alias of a whole mapping where a string is expected
        ws.text = ws.text.replace("\nrecap:", "\nrecap: &recap", 1)
        ws.text = ws.text.rstrip("\n") + "\n  - bullets: [*recap]\n    title: T\n"
    return str(which)


@mutation("text")
def yaml_bom(ws, rng):
    ws.text = rng.choice(["\ufeff", "\ufeff\ufeff", "\ufeff\n"]) + ws.text


@mutation("text")
def yaml_several_documents(ws, rng):
    ws.text = rng.choice([
        ws.text + "\n---\ntitle: second\nslides: [{bullets: [a], title: b}]\n",
        "---\n" + ws.text + "...\n",
        "---\n---\n" + ws.text,
        ws.text + "\n---\n",
        ws.text + "\n...\n---\n- a list\n",
    ])


@mutation("text")
def yaml_empty_document(ws, rng):
    ws.text = rng.choice(["", "\n", "# only a comment\n", "---\n", "~\n", "null\n", "[]\n", "{}\n", "   \n\t\n",
                          "...\n", "--- |\n  text\n", "\ufeff"])


@mutation("text")
def yaml_truncated(ws, rng):
    ws.text = ws.text[: rng.randrange(len(ws.text) + 1)]


@mutation("text")
def yaml_crlf(ws, rng):
    ws.text = ws.text.replace("\n", rng.choice(["\r\n", "\r", "\n\r"]))


@mutation("text")
def yaml_stray_punctuation(ws, rng):
    at = rng.randrange(len(ws.text) + 1)
    ws.text = ws.text[:at] + rng.choice([": ", "- ", "[", "{", "]", "}", "&", "*", "!", "|", ">", "%", "@", "`",
                                          "!!python/object:os.system ", "? ", "'", '"', "\x00", "\x1b[31m"]) + ws.text[at:]
    return str(at)


# --------------------------------------------------------------------------- spec mutations (bytes)


@mutation("bytes")
def yaml_non_utf8(ws, rng):
    which = rng.randrange(4)
    if which == 0:
        at = rng.randrange(len(ws.raw) + 1)
        ws.raw = ws.raw[:at] + rng.choice([b"\xff", b"\xfe\xff", b"\xc3(", b"\xe9", b"\x80\x81"]) + ws.raw[at:]
    elif which == 1:
        ws.raw = ws.raw.decode("utf-8", "replace").replace("Week", "W\u00e9ek").encode("latin-1", "replace")
    elif which == 2:
        ws.raw = ws.raw.decode("utf-8", "replace").encode("utf-16")
    else:
        ws.raw = ws.raw.replace(b"\n", b"\x00\n", 1)
    return str(which)


# --------------------------------------------------------------------------- data files (week12)

CUES = "results/articulation.csv"
LOSS = "results/train_log.jsonl"


def read_csv(ws) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(ws.path(CUES).read_text(encoding="utf-8", errors="replace"))))
    return (rows[0], rows[1:]) if rows else ([], [])


def write_csv(ws, header, rows, delimiter=",", newline="\n") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    ws.path(CUES).write_text(buffer.getvalue(), encoding="utf-8", newline="")


def set_column(ws, column: str, value: Callable[[int, str], str]) -> None:
    """Replace each value of ``column`` by ``value(row number, current value)``."""
    header, rows = read_csv(ws)
    if column not in header:
        return
    index = header.index(column)
    for i, row in enumerate(rows):
        if index < len(row):
            row[index] = value(i, row[index])
    write_csv(ws, header, rows)


def csv_exists(ws) -> bool:
    return week12(ws) and ws.path(CUES).is_file()


@mutation("files", csv_exists)
def data_nan_inf(ws, rng):
    specials = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", ""]
    share = rng.choice([0.01, 0.3, 1.0])
    column = rng.choice(["articulated", "articulated", "switched", "question_id"])
    set_column(ws, column, lambda i, v: rng.choice(specials) if rng.random() < share else v)
    return f"{column} {share}"


@mutation("files", week12)
def data_empty_file(ws, rng):
    ws.path(rng.choice([CUES, CUES, LOSS])).write_bytes(rng.choice([b"", b"\n", b"\r\n", b"   "]))


@mutation("files", csv_exists)
def data_header_only(ws, rng):
    header, _ = read_csv(ws)
    write_csv(ws, header, [])


@mutation("files", csv_exists)
def data_one_row(ws, rng):
    header, rows = read_csv(ws)
    write_csv(ws, header, rows[:1] or [])


@mutation("files", csv_exists)
def data_all_zero(ws, rng):
    set_column(ws, "articulated", lambda i, row: "0")


@mutation("files", csv_exists)
def data_all_one(ws, rng):
    set_column(ws, "articulated", lambda i, row: "1")


@mutation("files", csv_exists)
def data_one_category(ws, rng):
    column = rng.choice(["family", "cue", "model"])
    set_column(ws, column, lambda i, row: {"family": "ITC", "cue": "Professor", "model": "DeepSeek-R1"}[column])
    return column


@mutation("files", csv_exists)
def data_200_categories(ws, rng):
    column = rng.choice(["family", "cue", "model"])
    set_column(ws, column, lambda i, row: f"{column}-{i % 200:03d}")
    return column


@mutation("files", csv_exists)
def data_duplicate_columns(ws, rng):
    header, rows = read_csv(ws)
    which = rng.randrange(3)
    if which == 0:
        header = [("family" if name == "switched" else name) for name in header]
    elif which == 1:
        header = header + ["articulated"]
        rows = [row + [row[-1]] for row in rows]
    else:
        header = ["" if name == "question_id" else name for name in header]
    write_csv(ws, header, rows)
    return str(which)


@mutation("files", csv_exists)
def data_mixed_types(ws, rng):
    column = rng.choice(["articulated", "cue", "family", "question_id"])
    junk = ["yes", "0.5", "", "1", "true", "abc", "2", "-1", "1.0", "[1]", "None", "\u4e2d"]
    set_column(ws, column, lambda i, v: rng.choice(junk) if rng.random() < 0.2 else v)
    return column


@mutation("files", csv_exists)
def data_crlf(ws, rng):
    header, rows = read_csv(ws)
    write_csv(ws, header, rows, newline=rng.choice(["\r\n", "\r"]))


@mutation("files", csv_exists)
def data_semicolon(ws, rng):
    header, rows = read_csv(ws)
    write_csv(ws, header, rows, delimiter=rng.choice([";", "\t", "|"]))


@mutation("files", csv_exists)
def data_unicode_categories(ws, rng):
    column = rng.choice(["family", "cue", "model"])
    texts = UNICODE + EMOJI + [long_text(rng)[:rng.choice([50, 10_000])]]
    mapping: dict[str, str] = {}
    set_column(ws, column, lambda i, v: mapping.setdefault(v, rng.choice(texts)))
    return column


@mutation("files", csv_exists)
def data_ragged_rows(ws, rng):
    lines = ws.path(CUES).read_text(errors="replace").splitlines() or [""]
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        lines[i] = rng.choice([lines[i] + ",extra", lines[i].rsplit(",", 1)[0], '"unclosed,' + lines[i], "\x00"])
    ws.path(CUES).write_text("\n".join(lines) + "\n")


@mutation("files", lambda ws: week12(ws) and ws.path(LOSS).is_file())
def data_jsonl_odd(ws, rng):
    lines = ws.path(LOSS).read_text(errors="replace").splitlines() or ['{"loss": 1}']
    which = rng.randrange(6)
    if which == 0:  # NaN and Infinity literals
        odd = ["NaN", "Infinity", "-Infinity"]
        lines = [re.sub(r'("loss": )[0-9.]+', lambda m: m.group(1) + rng.choice(odd), line)
                 if rng.random() < 0.3 else line for line in lines]
    elif which == 1:
        lines = lines[:1]
    elif which == 2:
        lines = [line.replace('"loss": ', '"loss": "x') if rng.random() < 0.2 else line for line in lines]
    elif which == 3:
        lines = lines[:-1] + [lines[-1][: len(lines[-1]) // 2]]
    elif which == 4:
        lines = ["[1, 2]", "{}", '"text"'] + lines
    else:
        lines = [json.dumps({"step": i, "run": f"run-{i % 200}", "split": "val", "loss": 1.0}) for i in range(400)]
    ws.path(LOSS).write_text("\n".join(lines) + "\n")
    return str(which)


@mutation("files", week12)
def data_binary_or_folder(ws, rng):
    target = ws.path(rng.choice([CUES, LOSS]))
    which = rng.randrange(4)
    if which == 0:
        target.write_bytes(bytes(rng.randrange(256) for _ in range(2000)))
    elif which == 1:
        target.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    elif which == 2:
        target.unlink()
        target.mkdir()
    else:
        target.write_bytes(target.read_bytes().decode(errors="replace").encode("utf-16"))
    return f"{target.name} {which}"


# --------------------------------------------------------------------------- data files (inspect)


@mutation("files", inspect_example)
def eval_log_damaged(ws, rng):
    logs = sorted(ws.path("logs").glob("*.eval"))
    if not logs:
        return "none"
    target = rng.choice(logs)
    which = rng.randrange(5)
    raw = target.read_bytes()
    if which == 0:
        target.write_bytes(b"")
    elif which == 1:
        target.write_bytes(raw[: rng.randrange(len(raw))])
    elif which == 2:
        target.write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    elif which == 3:
        at = rng.randrange(len(raw))
        target.write_bytes(raw[:at] + bytes(rng.randrange(256) for _ in range(64)) + raw[at + 64:])
    else:
        target.with_suffix(".json").write_text(rng.choice(["{}", "[]", "not json", '{"version": 2}']))
    return f"{target.name} {which}"


@mutation("files", inspect_example)
def eval_logs_gone(ws, rng):
    which = rng.randrange(3)
    logs = ws.path("logs")
    if which == 0:
        for log in logs.glob("*.eval"):
            log.unlink()
    elif which == 1:
        keep = sorted(logs.glob("*.eval"))[0]
        for log in logs.glob("*.eval"):
            if log != keep:
                log.unlink()
    else:
        shutil.rmtree(logs)
        logs.write_text("not a folder\n")
    return str(which)


# --------------------------------------------------------------------------- prompt files

PROMPT = "prompts/professor_cue.txt"


@mutation("files")
def prompt_binary(ws, rng):
    which = rng.randrange(4)
    if which == 0:
        data = bytes(rng.randrange(256) for _ in range(4000))
    elif which == 1:
        data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    elif which == 2:
        data = ws.path(PROMPT).read_text().encode("utf-16")
    else:
        data = ws.path(PROMPT).read_bytes().replace(b"professor", b"profes\xffsor")
    ws.path(PROMPT).write_bytes(data)
    return str(which)


@mutation("files")
def prompt_huge(ws, rng):
    if not ws.path(PROMPT).is_file():
        return "no prompt file"
    original = ws.path(PROMPT).read_text(errors="replace") or "empty prompt\n"
    which = rng.randrange(3)
    if which == 0:
        text = original * (5_000_000 // len(original) + 1)
    elif which == 1:
        text = "x" * 5_000_000
    else:
        text = "".join(f"line {i} of a long prompt\n" for i in range(200_000))
    ws.path(PROMPT).write_text(text)
    return str(which)


@mutation("files")
def prompt_odd(ws, rng):
    target = ws.path(PROMPT)
    which = rng.randrange(4)
    if which == 0:
        target.write_text("")
    elif which == 1:
        target.unlink()
    elif which == 2:
        target.unlink()
        target.mkdir()
    else:
        target.write_text(rng.choice(UNICODE) + "\n" + rng.choice(EMOJI) + "\r\n" + target.read_text(errors="replace"))
    return str(which)


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    number: int
    seed: int
    example: str
    mutations: list[str]
    build_args: list[str]
    lint: bool
    details: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        names = ", ".join(
            f"{name}[{detail}]" if detail else name for name, detail in zip(self.mutations, self.details or [""] * 9)
        )
        return f"case {self.number} ({self.example}: {names})"


def make_case(number: int, base_seed: int = 0) -> Case:
    """Case ``number``: which example, which mutations and which arguments (not yet applied)."""
    seed = base_seed + number
    rng = random.Random(seed)
    example = rng.choice(sorted(EXAMPLES))
    probe = Workspace(REPO / "examples" / example, example, EXAMPLES[example], "")
    probe.doc = yaml.safe_load((probe.folder / probe.spec_name).read_text())
    possible = [name for name, m in CATALOG.items() if m.applies(probe)]
    mutations = rng.sample(possible, rng.randint(1, 3))
    args = ["-j", "1"] if rng.random() < 0.95 else []
    if rng.random() < 0.2:
        args += ["--to", rng.choice(["html,md", "pptx,html", "md"])]
    if rng.random() < 0.05:
        args += ["--no-cache"]
    return Case(number, seed, example, mutations, args, lint=rng.random() < 0.3)


def prepare(case: Case, root: Path) -> Workspace:
    """Copy the case's example into ``root`` and apply its mutations; return the workspace."""
    rng = random.Random(case.seed * 7919 + 1)
    folder = root / case.example
    shutil.copytree(REPO / "examples" / case.example, folder, ignore=shutil.ignore_patterns("*.pptx", "__pycache__"))
    spec_name = EXAMPLES[case.example]
    original = (folder / spec_name).read_text(encoding="utf-8")
    ws = Workspace(folder, case.example, spec_name, original)
    ws.doc = yaml.safe_load(original)
    details = {}
    by_stage = sorted(case.mutations, key=lambda name: STAGES.index(CATALOG[name].stage))
    for name in by_stage:
        m = CATALOG[name]
        if m.stage == "text" and ws.text is None:
            ws.text = _dump(ws) if ws.doc_changed else original
        if m.stage == "bytes" and ws.raw is None:
            text = ws.text if ws.text is not None else (_dump(ws) if ws.doc_changed else original)
            ws.raw = text.encode("utf-8")
        if not m.applies(ws):
            details[name] = "skipped"
            continue
        details[name] = m.function(ws, rng) or ""
    if ws.raw is None:
        text = ws.text if ws.text is not None else (_dump(ws) if ws.doc_changed else original)
        ws.raw = text.encode("utf-8", "surrogatepass")
    (folder / spec_name).write_bytes(ws.raw)
    case.details = [details.get(name, "") for name in case.mutations]
    return ws


def _dump(ws: Workspace) -> str:
    return yaml.safe_dump(ws.doc, allow_unicode=True, sort_keys=False, width=100)


# --------------------------------------------------------------------------- running and checking


@dataclass
class Outcome:
    case: Case
    failures: list[tuple[str, str]]
    """(class, detail) for every broken promise; empty when the case passed."""
    result: str = ""
    """``deck``, ``error`` or ``failed``; and for lint its exit status."""
    seconds: float = 0.0
    output: str = ""

    @property
    def internal_errors(self) -> int:
        return sum(1 for cls, _ in self.failures if cls.startswith("internal error"))


def snapshot(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir() and not any(path.iterdir()):
            found[str(path.relative_to(folder)) + "/"] = "empty folder"
    return found


ERROR_LINE = re.compile(r"^slidekit: error: (?P<where>[^:]+?)(?::\d+)?: \S")


def _classify(exit_code: int, text: str, exception: BaseException | None) -> str:
    """A crash's class: the exception type and the first line of its message, numbers blanked."""
    match = re.search(r"internal error: (\w+): (.*?) \(this is a bug", text)
    if match:
        kind, message = match.groups()
    elif exception is not None and not isinstance(exception, SystemExit):
        kind, message = type(exception).__name__, str(exception).splitlines()[0] if str(exception) else ""
    else:
        return ""
    message = re.sub(r"\d+", "N", message)[:100]
    return f"internal error: {kind}: {message}"


def _invoke(args: list[str], timeout: float):
    from click.testing import CliRunner

    from slidekit.cli import main

    def alarm(signum, frame):
        raise CaseTimeout(f"more than {timeout:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return CliRunner().invoke(main, args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(args: list[str]) -> str:
    """The innermost slidekit frame of the exception ``slidekit --debug ARGS`` raises."""
    try:
        result = _invoke(["--debug", *args], CASE_SECONDS)
    except CaseTimeout:
        return "timeout"
    if result.exception is None or isinstance(result.exception, SystemExit):
        return ""
    frames = [f for f in traceback.extract_tb(result.exception.__traceback__) if "slidekit" in f.filename
              and "/tests/" not in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(result.exception.__traceback__)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def _check_error_lines(out: list[tuple[str, str]], text: str, command: str) -> None:
    lines = text.splitlines()
    if not lines:
        out.append((f"{command}: exit 2 with no message", ""))
        return
    for line in lines:
        if not line.startswith("slidekit: error: "):
            out.append((f"{command}: multi-line error (a line that is not 'slidekit: error: ...')", line[:200]))
            return
        if not ERROR_LINE.match(line):
            out.append((f"{command}: error line names no file", line[:200]))
            return


def check_build(case: Case, ws: Workspace, timeout: float = CASE_SECONDS) -> Outcome:
    """Run the case's build (and lint) from its folder and check every promise."""
    failures: list[tuple[str, str]] = []
    old_cwd = os.getcwd()
    os.chdir(ws.folder)
    start = time.perf_counter()
    output = ""
    result_kind = "failed"
    try:
        if case.lint:
            before = snapshot(ws.folder)
            args = ["lint", ws.spec_name]
            try:
                result = _invoke(args, timeout)
            except CaseTimeout:
                failures.append(("lint: hang (more than %d s)" % timeout, ""))
                result = None
            if result is not None:
                text = result.stdout + result.stderr
                output += text
                cls = _classify(result.exit_code, text, result.exception)
                if cls:
                    failures.append((f"lint: {cls}", _where(args)))
                elif "Traceback" in text:
                    failures.append(("lint: traceback in output", text[:300]))
                elif result.exit_code == 2:
                    _check_error_lines(failures, text, "lint")
                elif result.exit_code not in (0, 1):
                    failures.append((f"lint: exit {result.exit_code}", text[:300]))
                if snapshot(ws.folder) != before:
                    failures.append(("lint: wrote or changed files", ""))
        before = snapshot(ws.folder)
        args = ["build", ws.spec_name, "-o", OUTPUT, *case.build_args]
        try:
            result = _invoke(args, max(1.0, timeout - (time.perf_counter() - start)))
        except CaseTimeout:
            failures.append((f"hang (more than {timeout} s)", ""))
            result = None
        after = snapshot(ws.folder)
        if result is not None:
            text = result.stdout + result.stderr
            output += text
            cls = _classify(result.exit_code, text, result.exception)
            if cls:
                failures.append((cls, _where(args)))
            elif "Traceback" in text:
                failures.append(("traceback in output", text[:300]))
            elif result.exit_code == 0:
                result_kind = "deck"
                _check_deck(failures, case, ws, before, after)
            elif result.exit_code == 2:
                result_kind = "error"
                _check_error_lines(failures, result.stdout + result.stderr, "build")
                if after != before:
                    created = sorted(set(after) - set(before))
                    changed = sorted(p for p in before if after.get(p) != before[p])
                    failures.append(("half-written output: a failed build left files", f"{created} {changed}"[:300]))
            else:
                failures.append((f"build: exit {result.exit_code}", text[:300]))
    finally:
        os.chdir(old_cwd)
    return Outcome(case, failures, result_kind, time.perf_counter() - start, output)


def _check_deck(failures, case: Case, ws: Workspace, before: dict, after: dict) -> None:
    from pptx import Presentation

    deck = ws.path(OUTPUT)
    formats = {"pptx"}
    if "--to" in case.build_args:
        formats = set(case.build_args[case.build_args.index("--to") + 1].split(","))
    expected = {OUTPUT} if "pptx" in formats else set()
    if "html" in formats:
        expected.add(OUTPUT[:-5] + ".html")
    if "md" in formats:
        expected.add(OUTPUT[:-5] + ".md")
    created = set(after) - set(before)
    missing = sorted(expected - created)
    if missing:
        failures.append(("exit 0 but an output is missing", str(missing)))
    extra = sorted(p for p in created - expected if not p.startswith(OUTPUT[:-5] + "_files/"))
    if extra:
        failures.append(("exit 0 but it wrote other files", str(extra)[:300]))
    changed = sorted(p for p in before if after.get(p) != before[p])
    if changed:
        failures.append(("the build changed an input", str(changed)[:300]))
    if "pptx" in formats and deck.is_file():
        try:
            slides = len(Presentation(str(deck)).slides)
        except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
            failures.append((f"deck does not open: {type(exc).__name__}", str(exc)[:200]))
        else:
            if slides < 1:
                failures.append(("deck has no slides", ""))


def run_case(number: int, base_seed: int = 0, keep: Path | None = None) -> tuple[Outcome, Workspace]:
    case = make_case(number, base_seed)
    root = Path(tempfile.mkdtemp(prefix=f"fuzz-{number}-")) if keep is None else keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        try:
            ws = prepare(case, root)
        except Exception as exc:  # a bug in the fuzzer itself: report it as such
            outcome = Outcome(case, [(f"fuzzer bug: {type(exc).__name__}: {exc}", traceback.format_exc()[-500:])])
            return outcome, None
        return check_build(case, ws), ws
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def run_cases(numbers, base_seed: int = 0, log=None) -> list[Outcome]:
    outcomes = []
    for number in numbers:
        outcome, _ = run_case(number, base_seed)
        outcomes.append(outcome)
        if log is not None:
            status = "ok" if not outcome.failures else "FAIL " + "; ".join(c for c, _ in outcome.failures)
            print(f"{number} {outcome.seconds:.2f}s {outcome.result} {status} :: {outcome.case.label}"[:400],
                  file=log, flush=True)
    return outcomes


def failure_report(outcomes: list[Outcome]) -> str:
    """Every failure, grouped by class, with the case numbers and their mutations."""
    classes: dict[str, list[tuple[Outcome, str]]] = {}
    for outcome in outcomes:
        for cls, detail in outcome.failures:
            classes.setdefault(cls, []).append((outcome, detail))
    parts = []
    for cls, hits in sorted(classes.items(), key=lambda item: -len(item[1])):
        parts.append(f"{len(hits)} x {cls}")
        for outcome, detail in hits[:5]:
            parts.append(f"    {outcome.case.label[:300]}")
            if detail:
                parts.append(f"        {detail[:300]}")
        if len(hits) > 5:
            parts.append(f"    ... and cases {', '.join(str(o.case.number) for o, _ in hits[5:30])}")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Rerun fuzz cases: print the mutated spec and the outcome.")
    parser.add_argument("numbers", type=int, nargs="+", help="case numbers")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SLIDEKIT_FUZZ_SEED", "0")), help="base seed")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--quiet", action="store_true", help="the outcome only, not the spec")
    options = parser.parse_args(argv)
    os.environ.setdefault("SLIDEKIT_CACHE_DIR", tempfile.mkdtemp(prefix="fuzz-cache-"))
    failed = 0
    for number in options.numbers:
        keep = options.keep / str(number) if options.keep and len(options.numbers) > 1 else options.keep
        root = keep or Path(tempfile.mkdtemp(prefix=f"fuzz-{number}-"))
        outcome, ws = run_case(number, options.seed, keep=root)
        print(f"== {outcome.case.label}")
        print(f"   args: build {EXAMPLES[outcome.case.example]} -o {OUTPUT} {' '.join(outcome.case.build_args)}"
              f"{'  (and lint)' if outcome.case.lint else ''}")
        if ws is not None and not options.quiet:
            raw = ws.raw or b""
            try:
                shown = raw.decode("utf-8")
            except UnicodeDecodeError:
                shown = repr(raw)
            print("-- spec " + "-" * 60)
            print(shown if len(shown) <= 6000 else shown[:6000] + f"\n... ({len(shown)} characters)")
            print("-" * 68)
        print(f"-- output ({outcome.seconds:.2f} s, {outcome.result}):")
        print(outcome.output.rstrip())
        if outcome.failures:
            failed += 1
            for cls, detail in outcome.failures:
                print(f"FAIL: {cls}" + (f"\n      {detail}" if detail else ""))
        else:
            print("ok")
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"   kept in {root / outcome.case.example}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
