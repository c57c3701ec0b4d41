"""The JSON format: a list of findings, described in the README (section "Usage")."""

from __future__ import annotations

import json
from pathlib import Path

from looplint.cli.formats.report import Report, one_based_range
from looplint.engine import Edit, Finding, Fix, RelatedLocation


def render(report: Report) -> str:
    findings = [_finding(path, finding) for path, finding in report.findings()]
    return json.dumps(findings, indent=2, ensure_ascii=False) + "\n"


def _finding(path: Path, finding: Finding) -> dict[str, object]:
    return {
        "path": str(path),
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "cell": finding.cell,
        "range": one_based_range(finding.span),
        "fixes": [_fix(fix, finding.cell) for fix in finding.fixes],
        "related": [_related(path, related) for related in finding.related],
    }


def _related(path: Path, related: RelatedLocation) -> dict[str, object]:
    """A step of a LOOP201 call chain: where, in which file, and what is called there."""
    return {
        "path": related.path or str(path),
        "message": related.message,
        "range": one_based_range(related.span),
    }


def _fix(fix: Fix, cell: int | None) -> dict[str, object]:
    return {
        "title": fix.title,
        "safe": fix.safe,
        "unsafe": fix.unsafe,
        "edits": [_edit(edit, cell) for edit in fix.edits],
    }


def _edit(edit: Edit, finding_cell: int | None) -> dict[str, object]:
    described: dict[str, object] = {"range": one_based_range(edit.span), "new_text": edit.new_text}
    if edit.cell is not None and edit.cell != finding_cell:
        described["cell"] = edit.cell
    if edit.path is not None:
        described["path"] = edit.path
    return described
