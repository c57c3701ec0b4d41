"""LOOP001: a syntax error. Python rejects the file; the region around the error is not
analyzed (see ``parsing``). Never fixable. Syntax that only a newer Python accepts is no
finding: it is said as a region not analyzed (``newer_syntax``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from looplint.engine.findings import Finding, Position, Severity, Span
from looplint.engine.parsing import SyntaxProblem
from looplint.engine.settings import RuleSettings
from looplint.engine.skipped import SkippedRegion

CODE = "LOOP001"


def syntax_findings(problems: Iterable[SyntaxProblem], settings: RuleSettings) -> list[Finding]:
    """A LOOP001 finding per syntax error Python would raise (none when LOOP001 is off)."""
    if CODE not in settings.enabled:
        return []
    severity = settings.severity_of(CODE, Severity.ERROR)
    return [
        Finding(CODE, severity, _message(problem), _point(problem))
        for problem in problems
        if problem.newer_syntax is None
    ]


def skipped_regions(
    problems: Iterable[SyntaxProblem], *, reported: bool, cell: int | None = None
) -> list[SkippedRegion]:
    """The regions the problems cost that no LOOP001 finding already tells of (``reported``:
    whether LOOP001 findings are made)."""
    skipped = []
    for problem in problems:
        if problem.newer_syntax is not None:
            reason = (
                f"it uses syntax of {problem.newer_syntax}, newer than the Python "
                f"{sys.version_info[0]}.{sys.version_info[1]} running looplint; "
                "run looplint under that Python to analyze it"
            )
        elif reported and problem.region is not None:
            continue  # the finding says it
        else:
            reason = problem.message
        skipped.append(SkippedRegion(reason, problem.region, cell))
    return skipped


def _message(problem: SyntaxProblem) -> str:
    if problem.region is None:
        return f"{problem.message}: Python rejects this file; it was not analyzed"
    first, last = problem.region
    lines = f"line {first + 1}" if first == last else f"lines {first + 1}-{last + 1}"
    return f"{problem.message}: Python rejects this file; {lines} not analyzed"


def _point(problem: SyntaxProblem) -> Span:
    position = Position(problem.line, problem.column)
    return Span(position, position)
