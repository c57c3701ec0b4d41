"""The human format: one line per finding, its fixes indented below, and a summary.

::

    examples/x.py:7:5: LOOP101 [error] asyncio.run() cannot be called from a running event loop
      fix (safe): Replace with `await fetch()`
      choice: Run it as a task
    notebook.ipynb:cell 3:2:5: LOOP301 [error] ...
    Found 2 problems (2 fixable with --fix).

Cells are numbered from 1 and count every cell, markdown included. The "disable for this
line" action every finding has is left out (add ``# noqa: CODE`` by hand or in the editor).
"""

from __future__ import annotations

from pathlib import Path

from looplint.cli.file_check import Mode
from looplint.cli.formats.report import Report, counted
from looplint.engine import Finding, FixKind


def render(report: Report) -> str:
    findings = list(report.findings())
    lines: list[str] = []
    for path, finding in findings:
        lines.append(_headline(path, finding))
        lines.extend(_fix_lines(finding))
    fixable = sum(finding.safe_fix is not None for _, finding in findings)
    lines.append(_summary(report, len(findings), fixable) + _not_analyzed_note(report))
    return "\n".join(lines) + "\n"


def _headline(path: Path, finding: Finding) -> str:
    cell = "" if finding.cell is None else f"cell {finding.cell + 1}:"
    start = finding.span.start
    return (
        f"{path}:{cell}{start.line + 1}:{start.column + 1}: "
        f"{finding.code} [{finding.severity.value}] {finding.message}"
    )


def _fix_lines(finding: Finding) -> list[str]:
    return [
        f"  fix (safe): {fix.title}" if fix.safe else f"  choice: {fix.title}"
        for fix in finding.fixes
        if fix.kind is not FixKind.NOQA
    ]


def _not_analyzed_note(report: Report) -> str:
    """`` 1 file not fully analyzed (see the warnings).``, or nothing."""
    count = report.not_fully_analyzed
    return f" {counted(count, 'file')} not fully analyzed (see the warnings)." if count else ""


def _summary(report: Report, remaining: int, fixable: int) -> str:
    if report.mode is Mode.FIX and report.fixed:
        found = counted(remaining + report.fixed, "problem")
        return f"Found {found} ({report.fixed} fixed, {remaining} remaining)."
    if not remaining:
        return "No problems found."
    hint = f" ({fixable} fixable with --fix)" if fixable else ""
    return f"Found {counted(remaining, 'problem')}{hint}."
