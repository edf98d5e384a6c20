"""The lint rules, found through the ``slidekit.lint_rules`` entry-point group.

A rule is a module (or any object) with:

- ``ID``: its kebab-case id, as users write it in ``lint: {ignore: [...]}``;
- ``SEVERITY``: ``"error"`` or ``"warning"`` (the spec may change it);
- ``check(context)``: a generator of :class:`~slidekit.lint.finding.Problem`;
- a docstring: what it flags, why (the tip it enforces) and how to fix it.

The built-in rules in :mod:`slidekit.lint.rules` are registered the same way as a
lab's own rules would be, in ``pyproject.toml``::

    [project.entry-points."slidekit.lint_rules"]
    too-many-categories = "slidekit.lint.rules.too_many_categories"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

from slidekit.errors import SlidekitError, SpecProblem
from slidekit.lint.finding import SEVERITIES, Problem, Severity

ENTRY_POINT_GROUP = "slidekit.lint_rules"


@dataclass(frozen=True)
class Rule:
    """A registered rule."""

    id: str
    severity: Severity
    """The default severity."""
    check: Callable[..., Iterable[Problem]]
    doc: str

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id


@cache
def rules() -> dict[str, Rule]:
    """Every installed rule by id, sorted by id (the first of two with the same id wins)."""
    found: dict[str, Rule] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in found:
            found[entry.name] = _load(entry)
    return dict(sorted(found.items()))


def _load(entry) -> Rule:
    def broken(why: str) -> SlidekitError:
        return SlidekitError(
            SpecProblem(f"lint rule {entry.name!r} ({entry.value})", f"cannot be used: {why}")
        )

    try:
        obj = entry.load()
    except Exception as exc:  # a plugin's import can fail in any way
        raise broken(f"{type(exc).__name__}: {exc}") from None
    rule_id = getattr(obj, "ID", None)
    severity = getattr(obj, "SEVERITY", None)
    check = getattr(obj, "check", None)
    if rule_id != entry.name:
        raise broken(f"its ID is {rule_id!r}; expected the entry point's name {entry.name!r}")
    if severity not in SEVERITIES:
        raise broken(f"SEVERITY is {severity!r}; expected one of: {', '.join(SEVERITIES)}")
    if not callable(check):
        raise broken("it has no check(context) function")
    return Rule(rule_id, severity, check, obj.__doc__ or "")
