"""The human format: one line per finding, its fixes indented below, and a summary.

::

    examples/x.py:7:5: LOOP101 [error] asyncio.run() cannot be called from a running event loop
      fix (safe): Replace with `await fetch()`
      choice: Run it as a task
    app.py:9:12: LOOP201 [warning] ...
      fix (unsafe): Make `load` async and await it (2 call sites)
    notebook.ipynb:cell 3:2:5: LOOP301 [error] ...
    Found 3 problems (2 fixable with --fix, 1 more with --fix --unsafe-fixes).

The summary also counts the files that could not be checked (their errors are on stderr):
``Found 2 problems (2 fixable with --fix); 1 file could not be checked.`` ``--quiet`` leaves it
out. Cells are numbered from 1 and count every cell, markdown included. The "disable for this
line" action every finding has is left out (``--add-noqa`` applies it to every finding).
"""

from __future__ import annotations

from pathlib import Path

from looplint.cli.file_check import Mode
from looplint.cli.formats.report import Report, counted
from looplint.engine import Finding, Fix, FixKind


def render(report: Report) -> str:
    lines: list[str] = []
    for path, finding in report.findings():
        lines.append(_headline(path, finding))
        lines.extend(_fix_lines(finding))
    if not report.quiet:
        lines.append(summary(report) + _not_analyzed_note(report))
    return "".join(line + "\n" for line in lines)


def _headline(path: Path, finding: Finding) -> str:
    cell = "" if finding.cell is None else f"cell {finding.cell + 1}:"
    start = finding.span.start
    return (
        f"{path}:{cell}{start.line + 1}:{start.column + 1}: "
        f"{finding.code} [{finding.severity.value}] {finding.message}"
    )


def _fix_lines(finding: Finding) -> list[str]:
    fixes = [fix for fix in finding.fixes if fix.kind is not FixKind.NOQA]
    return [f"  {_label(fix)}: {fix.title}" for fix in fixes]


def _label(fix: Fix) -> str:
    if fix.safe:
        return "fix (safe)"
    return "fix (unsafe)" if fix.unsafe else "choice"


def _not_analyzed_note(report: Report) -> str:
    """`` 1 file not fully analyzed (see the warnings).``, or nothing."""
    count = report.not_fully_analyzed
    return f" {counted(count, 'file')} not fully analyzed (see the warnings)." if count else ""


def summary(report: Report) -> str:
    """One line: what was found (and fixed), and how many files could not be checked."""
    findings = [finding for _, finding in report.findings()]
    remaining, unchecked = len(findings), report.unchecked
    if report.mode is Mode.ADD_NOQA:
        found = f"Added # noqa for {counted(report.fixed, 'problem')}, {remaining} remaining"
    elif report.mode is Mode.FIX and report.fixed:
        found = counted(remaining + report.fixed, "problem")
        found = f"Found {found} ({report.fixed} fixed, {remaining} remaining)"
    elif remaining:
        found = f"Found {counted(remaining, 'problem')}{_fixable(findings)}"
    elif not unchecked:
        return "No problems found."
    elif len(report.outcomes) == unchecked:
        return f"Nothing checked: {counted(unchecked, 'file')} could not be checked."
    else:
        found = "No problems found in the files checked"
    return (
        f"{found}; {counted(unchecked, 'file')} could not be checked." if unchecked else found + "."
    )


def _fixable(findings: list[Finding]) -> str:
    """`` (2 fixable with --fix, 1 more with --unsafe-fixes)``, or what of it applies."""
    safe = sum(finding.safe_fix is not None for finding in findings)
    unsafe = sum(f.safe_fix is None and f.unsafe_fix is not None for f in findings)
    hints = [f"{safe} fixable with --fix"] if safe else []
    if unsafe:
        hints.append(f"{unsafe} more with --fix --unsafe-fixes")
    return f" ({', '.join(hints)})" if hints else ""
