"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

A notebook finding points at the line of the ``.ipynb`` file (JSON) that holds its cell line,
and its message starts with the cell number.
"""

from __future__ import annotations

from pathlib import Path

from looplint.cli.formats.report import Report
from looplint.engine import Finding, Severity, Span

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "notice",
    Severity.HINT: "notice",
}


def render(report: Report) -> str:
    return "".join(
        _annotation(path, finding, report.span_in_file(path, finding.cell, finding.span)) + "\n"
        for path, finding in report.findings()
    )


def _annotation(path: Path, finding: Finding, span: Span) -> str:
    start, end = span.start, span.end
    properties = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (
            ("file", path.as_posix()),
            ("line", start.line + 1),
            ("col", start.column + 1),
            ("endLine", end.line + 1),
            ("endColumn", end.column + 1),
            ("title", f"looplint ({finding.code})"),
        )
    )
    message = (
        finding.message if finding.cell is None else f"cell {finding.cell + 1}: {finding.message}"
    )
    return f"::{_COMMAND[finding.severity]} {properties}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
