"""Load YAML into plain Python data while remembering where every value came from.

PyYAML's ``safe_load`` forgets positions, silently keeps the last of two
duplicate keys and raises raw exceptions on impossible dates. We compose the
node graph instead (which constructs nothing) and convert it ourselves, so that
every error names the file and line, duplicate keys are errors, only plain YAML
types are accepted, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from slidekit.errors import SlidekitError, SpecProblem, describe_value

Path_ = tuple[str | int, ...]

# Far above any hand-written spec; far below what an alias bomb expands to.
MAX_NODES = 200_000

_TAG = "tag:yaml.org,2002:"
_PLAIN_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class YamlSource:
    """A loaded YAML document: its data and the position of every key and value."""

    file: str
    data: object
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, column) where the value at a path starts, both counted from 1."""
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of the key that names a path (mapping entries only)."""

    def position_of(self, path: Path_) -> tuple[int, int] | None:
        """Where ``path`` is written (its key if it has one), or its nearest parent."""
        path = tuple(path)
        while True:
            position = self.key_positions.get(path) or self.value_positions.get(path)
            if position is not None:
                return position
            if not path:
                return None
            path = path[:-1]

    def line_of(self, path: Path_) -> int | None:
        """The line of :meth:`position_of`."""
        position = self.position_of(path)
        return position[0] if position else None

    def problem(self, path: Path_, message: str) -> SpecProblem:
        """A problem located at the value (or nearest parent) at ``path``."""
        return SpecProblem(self.file, message, line=self.line_of(path), key=format_path(path) or None)


def format_path(path: Path_) -> str:
    """``('slides', 0, 'callout', 'at')`` -> ``slides[0].callout.at``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_yaml(text: str, file: str) -> YamlSource:
    """Parse ``text`` (the content of ``file``) into data with line numbers.

    Raises :class:`SlidekitError` for syntax errors, duplicate keys, tags that
    would construct objects, non-existent dates and documents that expand to
    more than ``MAX_NODES`` values.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        if "another document" in what:
            what = "the file holds several documents (separated by ---); expected one spec"
        raise SlidekitError(SpecProblem(file, f"invalid YAML: {what}", line=line)) from None
    except yaml.YAMLError as exc:
        raise SlidekitError(SpecProblem(file, f"invalid YAML: {exc}")) from None
    source = YamlSource(file, None)
    if root is None:
        return source
    converter = _Converter(source)
    source.data = converter.convert(root, ())
    if converter.problems:
        raise SlidekitError(converter.problems)
    return source


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, source: YamlSource):
        self.source = source
        self.nodes_seen = 0
        self.problems: list[SpecProblem] = []
        self._scalars = yaml.SafeLoader("")
        self._open: set[int] = set()
        """Collections being converted: an alias to one of them is a cycle."""

    def _fail(self, node: yaml.Node, message: str, path: Path_) -> None:
        self.problems.append(
            SpecProblem(
                self.source.file, message, line=node.start_mark.line + 1,
                key=format_path(path) or None,
            )
        )

    def _count(self, node: yaml.Node) -> None:
        """Count one more value; refuse a document that expands past ``MAX_NODES``."""
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise SlidekitError(
                SpecProblem(
                    self.source.file,
                    f"the document expands to more than {MAX_NODES:,} values "
                    "(aliases repeating aliases?); refusing to load it",
                    line=node.start_mark.line + 1,
                )
            )

    def convert(self, node: yaml.Node, path: Path_) -> object:
        self._count(node)
        self.source.value_positions.setdefault(path, _position(node))
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self._scalar(node, path)
        # An alias inside the collection it names (`a: &x [*x]`) would expand forever.
        if id(node) in self._open:
            self._fail(node, "an alias refers to a value that contains it (a cycle); expected plain data", path)
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if node.tag != f"{_TAG}seq":
                self._fail(node, f"YAML tag {node.tag!r} is not allowed in a spec", path)
                return None
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        if node.tag != f"{_TAG}map":
            self._fail(node, f"YAML tag {node.tag!r} is not allowed in a spec", path)
            return {}
        out: dict = {}
        for key_node, value_node in self._merged_pairs(node):
            key = self._scalar(key_node, path)
            if isinstance(key, (list, dict)) or key is None:
                self._fail(key_node, f"keys must be text; found {describe_value(key)}", path)
                continue
            key = str(key) if not isinstance(key, (int, float, bool)) else key
            child = (*path, key)
            if key in out:
                first = self.source.key_positions[child][0]
                self._fail(
                    key_node,
                    f"duplicate key {key!r} (first defined on line {first}); "
                    "YAML would silently keep only the last one",
                    child,
                )
                continue
            self.source.key_positions[child] = _position(key_node)
            out[key] = self.convert(value_node, child)
        return out

    def _merged_pairs(self, node: yaml.MappingNode, merging: frozenset[int] = frozenset()):
        """Expand ``<<: *anchor`` merge keys; explicit keys win over merged ones.

        Every merged pair counts toward ``MAX_NODES`` (merges of merges repeat
        like aliases of aliases), and a mapping that merges itself is a cycle.
        """
        merged, own = [], []
        merging = merging | {id(node)}
        for key_node, value_node in node.value:
            self._count(key_node)
            if key_node.tag == f"{_TAG}merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    if id(src) in merging or id(src) in self._open:
                        self._fail(src, "a merge (<<) refers to a mapping that contains it (a cycle)", ())
                    elif isinstance(src, yaml.MappingNode):
                        merged.extend(self._merged_pairs(src, merging))
            else:
                own.append((key_node, value_node))
        own_keys = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        seen: set = set()
        result = []
        for key_node, value_node in merged:
            if key_node.value not in own_keys and key_node.value not in seen:
                seen.add(key_node.value)
                result.append((key_node, value_node))
        return result + own

    def _scalar(self, node: yaml.Node, path: Path_) -> object:
        if not isinstance(node, yaml.ScalarNode):
            self.convert(node, path)
            return [] if isinstance(node, yaml.SequenceNode) else {}
        if node.tag not in _PLAIN_SCALAR_TAGS:
            self._fail(node, f"YAML tag {node.tag!r} is not allowed in a spec", path)
            return None
        if node.tag == f"{_TAG}timestamp":
            try:
                return self._scalars.construct_yaml_timestamp(node)
            except ValueError:
                # Let validation report it against the field that expects a date.
                return node.value
        value = self._scalars.construct_object(node, deep=True)
        if isinstance(value, str) and _SURROGATE.search(value):
            # Only "\ud83d\ude80"-style escapes make surrogates: JSON writers emit such
            # pairs for emoji (and JSON is YAML), so pairs become their character; a
            # lone one is an error, as no file, deck or report can hold it.
            try:
                return value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                self._fail(
                    node, "text holds a lone surrogate escape (\\ud800-\\udfff); expected valid Unicode", path
                )
                return None
        return value
