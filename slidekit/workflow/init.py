"""``slidekit init``: next week's spec from this week's, or a first one that builds.

Next week's spec is this week's text with a few precise edits, so every
comment, quote style and key order survives: the week number in the title and
the date move on, ``recap.from`` points at this week's spec, this week's
takeaways (top-level and the recap's extra bullets) are cleared, and the data,
jargon and slides stay as a starting point. Paths are rebased when the new
spec is in another folder. The edits are placed with PyYAML's node positions;
no YAML is re-serialized, so no round-trip YAML library is needed.

A spec kind is a function from what it starts from to the spec's text;
:func:`init_spec` picks one (next week's, :mod:`~slidekit.workflow.first_week`, or
:mod:`~slidekit.workflow.speedrun`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from slidekit.errors import SlidekitError, SpecProblem
from slidekit.spec.load import read_spec_text
from slidekit.workflow.first_week import first_week_text
from slidekit.workflow.speedrun import speedrun_text

SPEC_SUFFIXES = (".yaml", ".yml")
_WEEK = re.compile(r"\b(week|wk|w)(\s*)(\d+)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(.*?)(\d+)(\D*)$")
CLEARED_TAKEAWAYS = (
    "# takeaways:".ljust(36) + "# this week's takeaways, which next week's recap pulls\n"
    + '#   - "..."'.ljust(36) + "# (default: the chart slides' takeaways)\n"
)


@dataclass(frozen=True)
class InitResult:
    path: Path
    """The spec written."""
    previous: Path | None
    """The spec it continues; None for a first week's example."""
    speedrun: bool = False
    """A speedrun spec (hypothetical data, see :mod:`~slidekit.workflow.speedrun`)."""


def spec_path(name: str | Path) -> Path:
    """``week13`` -> ``week13.yaml``; a name with a YAML suffix is kept."""
    path = Path(name)
    return path if path.suffix.lower() in SPEC_SUFFIXES else path.with_name(path.name + ".yaml")


def guess_previous(target: Path) -> Path | None:
    """The latest earlier week beside ``target``: ``week13.yaml`` -> ``week12.yaml`` (or week11, ...).

    Files named like the target with a smaller number count (``week9.yml``
    and ``week09.yaml`` alike); None when the name has no number or none is found.
    """
    match = _NUMBER.match(target.stem)
    if not match or not target.parent.is_dir():
        return None
    prefix, number, suffix = match.group(1), int(match.group(2)), match.group(3)
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+){re.escape(suffix)}$")
    earlier = []
    for candidate in target.parent.iterdir():
        found = pattern.match(candidate.stem)
        if found and candidate.suffix.lower() in SPEC_SUFFIXES and candidate.is_file():
            if int(found.group(1)) < number:
                earlier.append((int(found.group(1)), candidate.name, candidate))
    return max(earlier)[2] if earlier else None


def init_spec(
    target: str | Path,
    previous: str | Path | None = None,
    *,
    guess: bool = True,
    force: bool = False,
    today: dt.date | None = None,
    speedrun: bool = False,
) -> InitResult:
    """Write the spec at ``target``: next week's from ``previous`` (guessed when ``guess``), else a first one;
    with ``speedrun``, a speedrun spec (a project drafted from the results you expect).

    Raises :class:`SlidekitError` when ``target`` exists (unless ``force``) or
    ``previous`` cannot be read.
    """
    target = spec_path(target)
    if target.exists() and not force:
        raise SlidekitError(SpecProblem(str(target), "already exists; use --force to replace it"))
    if target.is_dir():
        raise SlidekitError(SpecProblem(str(target), "is a folder; expected a spec file name"))
    if not target.parent.is_dir():
        raise SlidekitError(SpecProblem(str(target), f"folder {target.parent} does not exist"))
    if speedrun and previous is not None:
        raise SlidekitError(SpecProblem(str(previous), "a speedrun starts a new project; drop --from"))
    if previous is None and guess and not speedrun:
        previous = guess_previous(target)
    if speedrun:
        text = speedrun_text(target.name, today or dt.date.today())
    elif previous is None:
        text = first_week_text(
            target.name, _number(target) or 1, today or dt.date.today(), _next_name(target)
        )
    else:
        previous = Path(previous)
        if previous.resolve() == target.resolve():
            raise SlidekitError(SpecProblem(str(previous), "is the spec to write; expected last week's"))
        text = next_week_text(
            read_spec_text(previous, str(previous)), str(previous),
            recap_from=_relative(previous, target.parent),
            weeks=_weeks_between(previous, target),
            rebase=_rebaser(previous.parent, target.parent),
        )
    from slidekit.pipeline import write_atomically

    write_atomically(target, text.encode())
    return InitResult(target, previous, speedrun)


def _number(path: Path) -> int | None:
    match = _NUMBER.match(path.stem)
    return int(match.group(2)) if match else None


def _next_name(path: Path) -> str:
    """``week01.yaml`` -> ``week02`` (keeping the zero padding)."""
    match = _NUMBER.match(path.stem)
    if not match:
        return path.stem + "-next"
    digits = match.group(2)
    return f"{match.group(1)}{int(digits) + 1:0{len(digits)}d}{match.group(3)}"


def _weeks_between(previous: Path, target: Path) -> int:
    """How many weeks the names say lie between the specs (week11 -> week13: 2); 1 if they do not say."""
    before, after = _number(previous), _number(target)
    return after - before if before is not None and after is not None and after > before else 1


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def _rebaser(old: Path, new: Path):
    """Rewrites a path relative to the old spec's folder as one relative to the new spec's (or None)."""
    if old.resolve() == new.resolve():
        return None
    return lambda value: value if os.path.isabs(value) else _relative(old / value, new)


def advance_week(title: str, weeks: int) -> str:
    """``Week 12: ...`` -> ``Week 13: ...`` (the first week number only, its zero padding kept)."""

    def bump(match: re.Match) -> str:
        digits = match.group(3)
        return f"{match.group(1)}{match.group(2)}{int(digits) + weeks:0{len(digits)}d}"

    return _WEEK.sub(bump, title, count=1)


def next_week_text(
    text: str, display: str, *, recap_from: str, weeks: int = 1, rebase=None
) -> str:
    """Next week's spec text from this week's ``text`` (see the module docstring)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SlidekitError(SpecProblem(display, f"invalid YAML: {getattr(exc, 'problem', exc)}", line)) from None
    if not isinstance(root, yaml.MappingNode):
        raise SlidekitError(SpecProblem(display, "expected a mapping with title and slides at the top"))
    edits = _Edits(text)
    title = _value(root, "title")
    if _is_scalar(title):
        edits.scalar(title, advance_week(title.value, weeks))
    date = _value(root, "date")
    if _is_scalar(date):
        try:
            day = dt.date.fromisoformat(date.value.strip())
        except ValueError:
            pass
        else:
            edits.replace(date, (day + dt.timedelta(weeks=weeks)).isoformat())
    takeaways = _entry(root, "takeaways")
    if takeaways:
        edits.drop_entry(*takeaways, CLEARED_TAKEAWAYS)
    _recap_from(edits, root, recap_from)
    if rebase:
        for node in _paths(root):
            edits.scalar(node, rebase(node.value))
    result = edits.apply()
    try:
        yaml.safe_load(result)
    except yaml.YAMLError as exc:  # a bug in the edits, not the user's: never write broken YAML
        raise AssertionError(f"init produced invalid YAML from {display}: {exc}") from None
    return result


def _recap_from(edits: _Edits, root: yaml.MappingNode, recap_from: str) -> None:
    """Point ``recap.from`` at last week's spec and drop last week's extra recap bullets."""
    recap = _entry(root, "recap")
    line = f"from: {_plain_or_quoted(recap_from)}"
    if recap is None:
        edits.insert_after_header(root, f"recap:\n  {line}    # last week's spec: its takeaways open the deck\n")
        return
    key, value = recap
    if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
        existing = _value(value, "from")
        if existing is not None and _is_scalar(existing):
            edits.scalar(existing, recap_from)
        elif existing is None:
            indent = value.value[0][0].start_mark.column
            edits.insert_line_after(key, " " * indent + line)
        extra = _entry(value, "takeaways")
        if extra:
            edits.drop_entry(*extra, "")
        return
    # recap: with no value, or a flow mapping: rewrite just that value.
    data = yaml.safe_load(edits.text[value.start_mark.index : value.end_mark.index]) if value else None
    data = data if isinstance(data, dict) else {}
    data.pop("takeaways", None)
    data["from"] = recap_from
    flow = json.dumps(data, ensure_ascii=False)
    # An empty value starts right after the colon.
    edits.replace(value, " " + flow if edits.text[value.start_mark.index - 1] == ":" else flow)


def _paths(root: yaml.MappingNode):
    """Scalar nodes holding paths relative to the spec: data files, prompt files, templates."""
    for key in ("template", "report_template"):
        node = _value(root, key)
        if _is_scalar(node):
            yield node
    node = _value(_value(root, "abstract"), "template")
    if _is_scalar(node):
        yield node
    data = _value(root, "data")
    if isinstance(data, yaml.MappingNode):
        for _, table in data.value:
            node = table if _is_scalar(table) else _value(table, "path")
            if _is_scalar(node):
                yield node
    slides = _value(root, "slides")
    if isinstance(slides, yaml.SequenceNode):
        for slide in slides.value:
            prompt = _value(slide, "prompt")
            node = prompt if _is_scalar(prompt) else _value(prompt, "file")
            if _is_scalar(node):
                yield node


def _is_scalar(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith((":str", ":timestamp"))


def _entry(mapping, key: str):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _value(mapping, key: str):
    entry = _entry(mapping, key)
    return entry[1] if entry else None


def _plain_or_quoted(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same text, else double-quoted."""
    try:
        plain_ok = yaml.safe_load(value) == value and "#" not in value and value == value.strip()
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok and value else json.dumps(value, ensure_ascii=False)


class _Edits:
    """Text replacements by character offset, applied from the end so offsets stay valid."""

    def __init__(self, text: str):
        self.text = text
        self.changes: list[tuple[int, int, str]] = []

    def replace(self, node: yaml.Node, new: str) -> None:
        self.changes.append((node.start_mark.index, node.end_mark.index, new))

    def scalar(self, node: yaml.ScalarNode, value: str) -> None:
        """Set a scalar's text, in its own quoting style."""
        if value == node.value:
            return
        if node.style == "'":
            new = "'" + value.replace("'", "''") + "'"
        elif node.style == '"':
            new = json.dumps(value, ensure_ascii=False)
        else:
            new = _plain_or_quoted(value)
        self.replace(node, new)

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def drop_entry(self, key: yaml.Node, value: yaml.Node, replacement: str) -> None:
        """Remove a mapping entry's lines (its key line to its value's last line), put ``replacement``."""
        start = self._line_start(key.start_mark.index)
        indent = " " * key.start_mark.column
        lines = "".join(indent + line + "\n" for line in replacement.splitlines())
        self.changes.append((start, self._line_end(_last_index(value)), lines))

    def insert_line_after(self, node: yaml.Node, line: str) -> None:
        at = self._line_end(node.start_mark.index)
        self.changes.append((at, at, line + "\n"))

    def insert_after_header(self, root: yaml.MappingNode, block: str) -> None:
        """Insert a top-level block after the title/author/date/takeaways lines."""
        header = [v for k, v in root.value if k.value in ("title", "author", "date", "takeaways")]
        if header:
            at = self._line_end(max(_last_index(v) for v in header))
            block = "\n" + block.rstrip("\n") + "\n"
        else:
            at = self._line_start(root.value[0][0].start_mark.index) if root.value else 0
        self.changes.append((at, at, block))

    def apply(self) -> str:
        text = self.text
        for start, end, new in sorted(self.changes, key=lambda c: (c[0], c[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _last_index(node: yaml.Node) -> int:
    """Offset of the last character of ``node`` itself (block collections end at the next token)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_index(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_index(node.value[-1])
    return max(node.end_mark.index - 1, node.start_mark.index)
