"""Applying fixes: plain edits, and fix-all (every safe fix, repeated until nothing changes).

Fix-all takes, per finding, the fix a ``FixChoice`` picks: by default its safe fix; the CLI's
``--add-noqa`` picks the "disable for this line" one instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from looplint.engine.analysis import analyze_module, analyze_notebook_cells, outside_cells
from looplint.engine.findings import Edit, Finding, Fix, FixKind, Position
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.skipped import SkippedRegion
from looplint.engine.source import SourceText

if TYPE_CHECKING:
    from looplint.engine.project import ProjectIndex

# Fix-all re-analyzes after each round; a fix can reveal another (a nested call, say).
_MAX_ROUNDS = 8

FixChoice = Callable[[Finding], Fix | None]
"""Which of a finding's fixes fix-all applies (``None``: leave the finding)."""


def safe_fix(finding: Finding) -> Fix | None:
    """The default choice: the finding's safe fix."""
    return finding.safe_fix


def noqa_fix(finding: Finding) -> Fix | None:
    """``--add-noqa``'s choice: "disable for this line" (``# noqa: CODE``)."""
    return next((fix for fix in finding.fixes if fix.kind is FixKind.NOQA), None)


@dataclass(frozen=True, slots=True)
class FixResult:
    source: str
    applied: int
    remaining: list[Finding]
    skipped: tuple[SkippedRegion, ...] = ()
    """What the last analysis could not analyze (see ``ModuleResult.skipped``)."""


@dataclass(frozen=True, slots=True)
class NotebookFixResult:
    cells: list[str | None]
    applied: int
    remaining: list[Finding]
    skipped: tuple[SkippedRegion, ...] = ()


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; identical duplicates are applied once."""
    source = SourceText(text)
    ranges = sorted(
        {(source.offset(e.span.start), source.offset(e.span.end), e.new_text) for e in edits},
        reverse=True,
    )
    pieces: list[str] = []
    cursor = len(text)
    for start, end, new_text in ranges:
        if end > cursor:
            raise ValueError("overlapping edits")
        pieces.append(text[end:cursor])
        pieces.append(new_text)
        cursor = start
    pieces.append(text[:cursor])
    return "".join(reversed(pieces))


def choose_edits(
    findings: Sequence[Finding], choice: FixChoice = safe_fix
) -> tuple[list[Edit], int]:
    """Edits of every chosen fix (the safe one by default) that does not collide with one
    chosen before it, and how many fixes they are."""
    chosen = choose_fixes(findings, choice)
    return [edit for _, edits in chosen for edit in edits], len(chosen)


def choose_fixes(
    findings: Sequence[Finding], choice: FixChoice
) -> list[tuple[Finding, list[Edit]]]:
    """Each finding whose chosen fix does not collide with one chosen before it, with those of
    the fix's edits not already chosen (two findings may share a fix: both are fixed)."""
    chosen: list[tuple[Finding, list[Edit]]] = []
    taken: set[tuple[object, ...]] = set()
    # Outer findings first: fixing `get_event_loop().run_until_complete(x)` as a whole
    # makes the inner `get_event_loop()` finding moot.
    order = sorted(findings, key=lambda f: (f.cell or 0, f.span.start, _descending(f.span.end)))
    for finding in order:
        fix = choice(finding)
        if fix is None:
            continue
        new = [e for e in fix.edits if _key(e) not in taken]
        if any(_overlaps(e, other) for e in new for _, edits in chosen for other in edits):
            continue
        chosen.append((finding, new))
        taken.update(_key(e) for e in new)
    return chosen


def fix_source(
    source: str,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    module_name: str | None = None,
    is_package: bool = False,
    project: ProjectIndex | None = None,
    choice: FixChoice = safe_fix,
) -> FixResult:
    """Apply every safe (or otherwise chosen) fix to a module's source, until a round changes
    nothing. A source that Python rejects (a syntax error) is left as it is: no fix is written
    into it."""
    applied = 0
    context: dict[str, Any] = {
        "module_name": module_name,
        "is_package": is_package,
        "project": project,
    }
    result = analyze_module(source, settings, **context)
    if result.rejected:
        return FixResult(source, 0, result.findings, result.skipped)
    for _ in range(_MAX_ROUNDS):
        edits, count = choose_edits(result.findings, choice)
        if not edits:
            break
        source = apply_edits(source, edits)
        applied += count
        result = analyze_module(source, settings, **context)
    return FixResult(source, applied, result.findings, result.skipped)


def fix_notebook(
    cells: Sequence[str | None],
    settings: RuleSettings = DEFAULT_SETTINGS,
    choice: FixChoice = safe_fix,
) -> NotebookFixResult:
    """Apply every safe (or otherwise chosen) fix to a notebook's code cells (``None`` marks a
    non-code cell)."""
    current = list(cells)
    applied = 0
    result = analyze_notebook_cells(current, settings)
    for _ in range(_MAX_ROUNDS):
        edits, count = choose_edits(result.findings, choice)
        if not edits:
            break
        for index in sorted({e.cell for e in edits if e.cell is not None}):
            text = current[index]
            if text is not None:
                current[index] = apply_edits(text, [e for e in edits if e.cell == index])
        applied += count
        result = analyze_notebook_cells(current, settings)
    return NotebookFixResult(current, applied, result.findings, result.skipped)


def fix_joined_cells(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> FixResult:
    """``fix_source`` for a notebook's code cells joined into one text (see
    ``analyze_joined_cells``): the fixes of a notebook cell, such as a top-level ``await``."""
    result = fix_notebook([source], settings)
    remaining = [outside_cells(finding) for finding in result.remaining]
    return FixResult(result.cells[0] or "", result.applied, remaining)


def _descending(position: Position) -> tuple[int, int]:
    return (-position.line, -position.column)


def _key(edit: Edit) -> tuple[object, ...]:
    return (edit.path, edit.cell, edit.span, edit.new_text)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.path != b.path or a.cell != b.cell:
        return False
    if a.span.start == a.span.end == b.span.start == b.span.end:
        return True  # two insertions at one point: their order would be arbitrary
    return a.span.start < b.span.end and b.span.start < a.span.end
