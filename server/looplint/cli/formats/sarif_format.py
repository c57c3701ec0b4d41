"""SARIF 2.1.0, for code-scanning services: one run, every rule, results with their safe fix.

Columns are Unicode code points (the run says so in ``columnKind``). A notebook finding's
region is where its cell line is in the ``.ipynb`` file's JSON text, so a viewer of the file
opens at it; the cell's index (0-based, markdown cells counted) is in ``properties.cell``. Its
fix, an edit of the cell's text rather than of the JSON, is left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from looplint import __version__
from looplint.cli.formats.report import Report
from looplint.engine import RULES, Edit, Finding, Fix, RelatedLocation, Severity, Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/looplint/looplint"

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "note",
    Severity.HINT: "note",
}


def render(report: Report) -> str:
    rule_index = {code: index for index, code in enumerate(RULES)}
    run = {
        "tool": {
            "driver": {
                "name": "looplint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [
                    {
                        "id": rule.code,
                        "name": rule.name,
                        "shortDescription": {"text": rule.summary},
                        "helpUri": rule.url,
                        "defaultConfiguration": {"level": _LEVEL[rule.default_severity]},
                    }
                    for rule in RULES.values()
                ],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(report, path, finding, rule_index.get(finding.code))
            for path, finding in report.findings()
        ],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _result(
    report: Report, path: Path, finding: Finding, rule_index: int | None
) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.code,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(path),
                    "region": _region(report.span_in_file(path, finding.cell, finding.span)),
                }
            }
        ],
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": index,
                "message": {"text": related.message},
                "physicalLocation": _related_location(report, path, related),
            }
            for index, related in enumerate(finding.related)
        ]
    if finding.safe_fix is not None and finding.cell is None:
        result["fixes"] = [_fix(path, finding.safe_fix)]
    if finding.cell is not None:
        result["properties"] = {"cell": finding.cell}
    return result


def _related_location(report: Report, path: Path, related: RelatedLocation) -> dict[str, object]:
    if related.path:
        return {"artifactLocation": _artifact(Path(related.path)), "region": _region(related.span)}
    span = report.span_in_file(path, related.cell, related.span)
    return {"artifactLocation": _artifact(path), "region": _region(span)}


def _fix(path: Path, fix: Fix) -> dict[str, object]:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {
                "artifactLocation": _artifact(path),
                "replacements": [_replacement(e) for e in fix.edits],
            }
        ],
    }


def _replacement(edit: Edit) -> dict[str, object]:
    return {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.new_text}}


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.start.line + 1,
        "startColumn": span.start.column + 1,
        "endLine": span.end.line + 1,
        "endColumn": span.end.column + 1,
    }


def _artifact(path: Path) -> dict[str, str]:
    uri = path.as_uri() if path.is_absolute() else quote(path.as_posix())
    return {"uri": uri}
