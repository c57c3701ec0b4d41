"""GitLab Code Quality: a JSON array of issues, shown in merge requests and pipelines.

Each issue has ``description``, ``check_name`` (the rule code), ``severity`` (``critical`` for
code that raises, ``major`` for warnings, ``minor``/``info`` below), ``location.path`` with
``lines.begin``/``end`` and ``positions`` (1-based; in a notebook, the line of the ``.ipynb``
file holding the cell's text, the cell number in the description) and a ``fingerprint`` that
stays the same while the finding does, wherever the code moves in its file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from looplint.cli.formats.report import Report, one_based
from looplint.engine import Finding, Severity

_SEVERITY = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.INFORMATION: "minor",
    Severity.HINT: "info",
}


def render(report: Report) -> str:
    seen: Counter[tuple[str, ...]] = Counter()
    issues = []
    for path, finding in report.findings():
        identity = (path.as_posix(), finding.code, str(finding.cell), finding.message)
        seen[identity] += 1  # the same finding twice in a file: told apart by occurrence
        issues.append(_issue(report, path, finding, _fingerprint(identity, seen[identity])))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(report: Report, path: Path, finding: Finding, fingerprint: str) -> dict[str, object]:
    span = report.span_in_file(path, finding.cell, finding.span)
    where = "" if finding.cell is None else f"cell {finding.cell + 1}: "
    return {
        "description": f"{finding.code} {where}{finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[finding.severity],
        "location": {
            "path": path.as_posix(),
            "lines": {"begin": span.start.line + 1, "end": span.end.line + 1},
            "positions": {"begin": one_based(span.start), "end": one_based(span.end)},
        },
    }


def _fingerprint(identity: tuple[str, ...], occurrence: int) -> str:
    text = "\0".join((*identity, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
