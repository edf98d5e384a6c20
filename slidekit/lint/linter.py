"""Lint a spec: the build's first stages, then the rules, then the spec's lint settings.

    load_spec -> load_tables -> resolve_plan (lenient about callouts) -> lint_plan

Nothing is rendered. A spec that cannot be read or planned raises
:class:`~slidekit.errors.SlidekitError` as ``build`` would, except for a callout
whose ``at`` selects no drawn point: the build refuses it, lint reports it as a
``callout-target-missing`` finding and checks the rest of the deck.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from slidekit.errors import SlidekitError, SpecProblem
from slidekit.lint.context import LintContext
from slidekit.lint.finding import Finding, KeyPath, Problem, Severity
from slidekit.lint.registry import Rule, rules
from slidekit.plan.model import DeckPlan
from slidekit.plan.resolve import resolve_plan
from slidekit.spec.load import LoadedSpec
from slidekit.spec.models import ChartSlideSpec
from slidekit.spec.yaml_source import format_path

UNKNOWN_RULE = "unknown-rule"
"""Findings about the lint settings themselves: a rule id that no installed rule has."""


@dataclass(frozen=True)
class LintRun:
    """A linted spec: the spec, its plan and the findings, in spec order."""

    loaded: LoadedSpec
    plan: DeckPlan
    findings: tuple[Finding, ...]


def lint_spec(
    path: str | Path, display: str | None = None, registry: Mapping[str, Rule] | None = None
) -> LintRun:
    """Load, plan and lint the spec at ``path`` with ``registry`` (default: every installed rule).

    Raises :class:`SlidekitError` if the spec cannot be read or planned.
    """
    from slidekit.caching import default_cache_dir
    from slidekit.data.tables import LazyTables
    from slidekit.plan.data_cache import ResolvedChartCache
    from slidekit.plan.resolve import load_for_planning

    loaded = load_for_planning(path, display)
    # Lazy tables and the build's data cache: after a build, lint reads no data at all.
    tables = LazyTables(loaded)
    cache = ResolvedChartCache(default_cache_dir())
    plan, callout_problems = resolve_leniently(loaded, tables, cache)
    context = LintContext(loaded, tables, plan, callout_problems)
    return LintRun(loaded, plan, tuple(lint_plan(context, registry)))


def resolve_leniently(
    loaded: LoadedSpec, tables: Mapping, cache=None
) -> tuple[DeckPlan, dict[int, Problem]]:
    """The plan, as ``build`` resolves it; a callout that cannot be placed is left out.

    Returns the plan and the callout problems by slide index. Any other
    problem is raised, with all the problems found, as the build would.
    """
    try:
        return resolve_plan(loaded, tables, cache=cache), {}
    except SlidekitError as exc:
        callouts: dict[int, Problem] = {}
        for problem in exc.problems:
            located = _callout_problem(loaded, problem)
            if located is None:
                raise
            index, path = located
            callouts[index] = Problem(path, problem.message)
    slides = [
        slide.model_copy(update={"callout": None}) if index in callouts else slide
        for index, slide in enumerate(loaded.spec.slides)
    ]
    without = replace(loaded, spec=loaded.spec.model_copy(update={"slides": slides}))
    return resolve_plan(without, tables, cache=cache), callouts


def _callout_problem(loaded: LoadedSpec, problem: SpecProblem) -> tuple[int, KeyPath] | None:
    """(slide index, key path) when ``problem`` is about a slide's ``callout``, else None."""
    if problem.file != loaded.name or problem.key is None:
        return None
    for index, slide in enumerate(loaded.spec.slides):
        if not isinstance(slide, ChartSlideSpec) or slide.callout is None:
            continue
        at: KeyPath = ("slides", index, "callout", "at")
        for path in [*((*at, key) for key in slide.callout.at), at, at[:-1]]:
            if format_path(path) == problem.key:
                return index, path
    return None


def lint_plan(context: LintContext, registry: Mapping[str, Rule] | None = None) -> list[Finding]:
    """Run every rule the spec does not ignore; findings sorted by line and column."""
    registry = rules() if registry is None else registry
    settings = context.settings
    findings = list(check_settings(context, registry))
    for rule in registry.values():
        if rule.id in settings.ignore:
            continue
        severity = settings.severity.get(rule.id, rule.severity)
        for problem in rule.check(context):
            index = _slide_index(problem.path)
            if index is not None and context.ignores(rule.id, index):
                continue
            findings.append(locate(context, rule.id, severity, problem))
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.message))


def locate(context: LintContext, rule_id: str, severity: Severity, problem: Problem) -> Finding:
    """The finding for ``problem``: where its key is written, and which deck slide it is on."""
    line, column = context.loaded.source.position_of(problem.path) or (1, 1)
    return Finding(
        rule=rule_id,
        severity=severity,
        file=context.loaded.name,
        line=line,
        column=column,
        slide=context.slide_of(problem.path),
        message=problem.message,
    )


def _slide_index(path: KeyPath) -> int | None:
    if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
        return path[1]
    return None


def check_settings(context: LintContext, registry: Mapping[str, Rule]) -> Iterator[Finding]:
    """An ``unknown-rule`` error for each rule id in the lint settings that no rule has.

    Any installed rule counts as known, also when ``registry`` runs only some of them.
    """
    registry = {**rules(), **registry}
    settings = context.settings
    named: list[tuple[KeyPath, str]] = [
        (("lint", "ignore", i), r) for i, r in enumerate(settings.ignore)
    ]
    named += [(("lint", "severity", r), r) for r in settings.severity]
    for index, slide in enumerate(context.spec.slides):
        if getattr(slide, "lint", None) is not None:
            named += [
                (("slides", index, "lint", "ignore", i), r) for i, r in enumerate(slide.lint.ignore)
            ]
    for path, rule_id in named:
        if rule_id not in registry:
            close = difflib.get_close_matches(rule_id, list(registry), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"expected one of: {', '.join(registry)}"
            )
            message = f"{format_path(path)}: no lint rule '{rule_id}'; {hint}"
            yield locate(context, UNKNOWN_RULE, "error", Problem(path, message))
