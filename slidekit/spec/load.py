"""Load a spec file: YAML with line numbers, validated into :class:`DeckSpec`.

Every validation error is mapped back to the YAML line it is about and worded
as "expected X; found Y"; all of them are reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from slidekit.errors import SlidekitError, SpecProblem, describe_value
from slidekit.spec.models import SLIDE_KINDS, DeckSpec
from slidekit.spec.yaml_source import YamlSource, load_yaml


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with where it came from (for relative paths and error lines)."""

    spec: DeckSpec
    source: YamlSource
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def name(self) -> str:
        """The spec's file name as the user knows it, for error messages."""
        return self.source.file


def read_spec_text(path: Path, display: str) -> str:
    """Read a spec file, turning OS errors into one clear line."""
    if path.is_dir():
        raise SlidekitError(SpecProblem(display, "is a folder; expected a YAML spec file"))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SlidekitError(SpecProblem(display, "no such file")) from None
    except OSError as exc:
        raise SlidekitError(SpecProblem(display, f"cannot read: {exc.strerror}")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SlidekitError(
            SpecProblem(display, f"not UTF-8 text (byte {exc.start}); save the spec as UTF-8")
        ) from None


def load_spec(path: str | Path, display: str | None = None) -> LoadedSpec:
    """Read and validate the spec at ``path``.

    ``display`` is how the file is named in errors (default: ``path`` as given).
    Raises :class:`SlidekitError` listing every problem found.
    """
    path = Path(path)
    display = display or str(path)
    source = load_yaml(read_spec_text(path, display), display)
    if source.data is None:
        raise SlidekitError(
            SpecProblem(display, "the spec is empty; expected a mapping with title and slides")
        )
    if not isinstance(source.data, dict):
        raise SlidekitError(
            SpecProblem(
                display,
                f"expected a mapping with title and slides at the top; found {describe_value(source.data)}",
                line=source.line_of(()),
            )
        )
    try:
        spec = DeckSpec.model_validate(source.data)
    except ValidationError as exc:
        # Every problem at once: the files the spec names are checked too, though the
        # build would only get to them once the spec is valid.
        invalid_keys = [_user_path(error["loc"])[0] for error in exc.errors()]
        problems = validation_problems(exc, source) + missing_files(source, path.parent, invalid_keys)
        raise InvalidSpec(_by_line(problems), _stand_in(exc, source, path)) from None
    unusable = [p for p in missing_files(source, path.parent) if p.message.startswith(UNUSABLE_NAME)]
    if unusable:
        raise SlidekitError(unusable)
    return LoadedSpec(spec=spec, source=source, path=path)


class InvalidSpec(SlidekitError):
    """A spec that failed validation.

    ``stand_in`` is the same spec with each invalid slide replaced by a blank
    one, when only slides were invalid: planning it finds the problems of the
    valid slides too (a wrong column beside a slide without a title), so the
    user sees every problem at once. None when the spec is invalid elsewhere.
    """

    def __init__(self, problems: list[SpecProblem], stand_in: LoadedSpec | None):
        super().__init__(problems)
        self.stand_in = stand_in


STAND_IN_SLIDE = {"bullets": ["(this slide has errors)"], "title": "(this slide has errors)"}


def _stand_in(exc: ValidationError, source: YamlSource, path: Path) -> LoadedSpec | None:
    invalid: set[int] = set()
    for error in exc.errors():
        loc = error["loc"]
        if len(loc) < 2 or loc[0] != "slides" or not isinstance(loc[1], int):
            return None
        invalid.add(loc[1])
    slides = list(source.data["slides"])
    for index in invalid:
        slides[index] = STAND_IN_SLIDE
    try:
        spec = DeckSpec.model_validate({**source.data, "slides": slides})
    except ValidationError:
        return None
    return LoadedSpec(spec=spec, source=source, path=path)


def _by_line(problems: list[SpecProblem]) -> list[SpecProblem]:
    """Problems in the order of their lines (unlocated ones first), each key once."""
    seen, unique = set(), []
    for problem in problems:
        if (problem.line, problem.key) not in seen:
            seen.add((problem.line, problem.key))
            unique.append(problem)
    return sorted(unique, key=lambda p: p.line or 0)


def missing_files(source: YamlSource, folder: Path, invalid_keys=()) -> list[SpecProblem]:
    """The files a (possibly invalid) spec names that do not exist, worded as the build words them.

    Read from the YAML as written, so it works when validation failed: data
    paths, last week's spec, prompt files and templates. A file named inside
    a mapping that is itself invalid (a slide of two kinds, a prompt with two
    sources) is not checked: which of its keys the user meant is not known.
    """
    data = source.data if isinstance(source.data, dict) else {}
    found: list[tuple[tuple, str, str]] = []  # (key path, file, what the build expects)

    def named(key: tuple, value: object, expected: str = "", missing: bool = True) -> None:
        if any(key[: len(bad)] == tuple(bad) for bad in invalid_keys):
            return
        if not isinstance(value, str) or not value.strip():
            return
        try:
            exists = (folder / value).exists()
        except OSError as exc:  # a name the file system refuses (too long), not a missing file
            found.append((key, "", f"{UNUSABLE_NAME}; found {describe_value(value)} ({exc.strerror.lower()})"))
            return
        if not exists and missing:
            found.append((key, value, expected))

    tables = data.get("data")
    for name, entry in (tables.items() if isinstance(tables, dict) else ()):
        if isinstance(entry, dict):
            named(("data", name, "path"), entry.get("path"))
        else:
            named(("data", name), entry)
    recap = data.get("recap")
    if isinstance(recap, dict):
        named(("recap", "from"), recap.get("from"), "; expected last week's spec")
    slides = data.get("slides")
    for i, slide in enumerate(slides if isinstance(slides, list) else ()):
        prompt = slide.get("prompt") if isinstance(slide, dict) else None
        if isinstance(prompt, dict):
            named(("slides", i, "prompt", "file"), prompt.get("file"))
        else:
            named(("slides", i, "prompt"), prompt)
    named(("template",), data.get("template"))
    named(("report_template",), data.get("report_template"), missing=False)  # only its name: read with --to
    abstract = data.get("abstract")
    if isinstance(abstract, dict):
        named(("abstract", "template"), abstract.get("template"), missing=False)
    return [
        source.problem(key, expected if expected.startswith(UNUSABLE_NAME) else f"{file}: no such file{expected}")
        for key, file, expected in found
    ]


UNUSABLE_NAME = "expected a file name the file system accepts"
"""How :func:`missing_files` starts the problem of a name the file system cannot take (too long)."""


def validation_problems(exc: ValidationError, source: YamlSource) -> list[SpecProblem]:
    """One problem per distinct key, in the user's words, located in the YAML."""
    grouped: dict[tuple, list[dict]] = {}
    for error in exc.errors():
        path, model = _user_path(error["loc"])
        grouped.setdefault(path, []).append({**error, "model": model})
    problems = []
    for path, errors in grouped.items():
        if _other_branch_went_deeper(path, errors, grouped):
            continue
        message = _message(errors, path)
        # A missing key has no line of its own: point at the mapping that lacks it.
        where = path[:-1] if errors[0]["type"] == "missing" else path
        problems.append(source.problem(where, message))
    return problems


_TYPE_MISMATCHES = {"bool_type", "bool_parsing", "list_type", "string_type", "dict_type", "model_type"}


def _other_branch_went_deeper(path: tuple, errors: list[dict], grouped: dict) -> bool:
    """``backup: [{y: task}]`` fails both as a list (inside it) and as true/false (at it); the
    user wrote a list, so "expected true or false" only hides the real problem."""
    if not all(e["type"] in _TYPE_MISMATCHES for e in errors):
        return False
    return any(len(other) > len(path) and other[: len(path)] == path for other in grouped)


def _message(errors: list[dict], path: tuple) -> str:
    error = errors[0]
    kind = error["type"]
    found = describe_value(error["input"])
    if kind == "missing":
        return f"missing required key '{path[-1]}'"
    if kind == "extra_forbidden":
        known = _field_names(error["model"])
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(known)}"
        return f"unknown key '{path[-1]}'{hint}"
    if kind == "slide_kind":
        value = error["input"]
        if isinstance(value, dict):
            kinds = [k for k in SLIDE_KINDS if k in value]
            if kinds:
                found = "both " + " and ".join(kinds)
            else:
                found = f"keys {', '.join(map(str, value))}" if value else "an empty mapping"
        return f"expected exactly one of {', '.join(SLIDE_KINDS)} (the slide's kind); found {found}"
    if len(errors) > 1:
        expected = list(dict.fromkeys(_expected(e) for e in errors))
        if set(expected) <= _SCALARS:
            # A value slot (callout.at, show, labels) that accepts any one value.
            return f"expected one value (text, a number or true/false); found {found}"
        wanted = " or ".join(expected)
        return f"expected {wanted}; found {found}"
    if kind in ("path_or_mapping", "prompt_source", "table_source", "expect_rows"):
        message = error["msg"]
        return message if "found" in message else f"{message}; found {found}"
    if kind == "string_type" and isinstance(error["input"], (int, float, dt.date)):
        # YAML read 42, 1.10, yes or 2025-01-20 as a number, boolean or date.
        return f"expected text; found {found}; put it in quotes to keep it as written"
    return f"expected {_expected(error)}; found {found}"


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a real date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}


_BOUNDS = {
    "greater_than": ("greater than", "gt"),
    "greater_than_equal": ("of at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("of at most", "le"),
}


_SCALARS = {"text", "a whole number", "a number", "true or false"}


def _expected(error: dict) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    if kind == "literal_error":
        return f"one of {ctx.get('expected', '')}".replace(" or ", ", ")
    if kind == "string_too_short":
        return "non-empty text"
    if kind == "too_short":
        if ctx.get("field_type") in ("List", "Dictionary"):
            return f"at least {ctx.get('min_length')} item(s)"
        return "non-empty text"
    if kind == "union_tag_invalid":
        return f"one of {ctx.get('expected_tags')}"
    if kind in _BOUNDS:
        word, name = _BOUNDS[kind]
        bound = ctx.get(name)
        return f"a number {word} {f'{bound:g}' if isinstance(bound, float) else bound}"
    return error["msg"][0].lower() + error["msg"][1:]


def _user_path(loc: tuple) -> tuple[tuple, type[BaseModel] | None]:
    """Drop pydantic's union-member labels from ``loc``; also return the innermost model.

    Walks the spec's type annotations along ``loc`` so that only real keys and
    list indexes remain (``slides[0].chart.x`` is ``slides[0].x`` to the user).
    """
    annotation: object = DeckSpec
    model: type[BaseModel] | None = DeckSpec
    path: list = []
    for part in loc:
        annotation = _strip_annotated(annotation)
        members = _union_members(annotation)
        if members is not None:
            chosen = members.get(part)
            if chosen is None and isinstance(part, str) and part.startswith("list["):
                # pydantic names a list member by its item type: list[tagged-union[...]]
                chosen = next((m for m in members.values() if typing.get_origin(_strip_annotated(m)) is list), None)
            if chosen is not None:
                annotation = chosen
                if isinstance(_strip_annotated(chosen), type) and issubclass(
                    _strip_annotated(chosen), BaseModel
                ):
                    model = _strip_annotated(chosen)
                continue
            annotation = next(
                (m for m in members.values() if _is_model(m)), next(iter(members.values()))
            )
            annotation = _strip_annotated(annotation)
        path.append(part)
        if _is_model(annotation):
            model = annotation
            field = _model_field(annotation, part)
            annotation = field.annotation if field is not None else object
            continue
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin in (list, tuple) and args:
            annotation = args[0]
        elif origin is dict and len(args) == 2:
            annotation = args[1]
        else:
            annotation = object
    return tuple(path), model


def _strip_annotated(annotation: object) -> object:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: object) -> bool:
    annotation = _strip_annotated(annotation)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _union_members(annotation: object) -> dict[str, object] | None:
    """A union's members by the labels pydantic puts in error locations."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    members: dict[str, object] = {}
    for member in typing.get_args(annotation):
        for meta in getattr(member, "__metadata__", ()):
            tag = getattr(meta, "tag", None)
            if tag:
                members[tag] = member
        bare = _strip_annotated(member)
        if bare is type(None):
            continue
        label = bare.__name__ if isinstance(bare, type) else str(bare)
        members.setdefault(label, member)
        members.setdefault(_pydantic_label(bare), member)
    return members


def _pydantic_label(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    if origin is list:
        return "list[constrained-str]"
    if annotation is str:
        return "str"
    return getattr(annotation, "__name__", str(annotation))


def _model_field(model: type[BaseModel], name: object):
    for field_name, field in model.model_fields.items():
        if name in (field_name, field.alias):
            return field
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]
