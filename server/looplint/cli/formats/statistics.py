"""``--statistics``: how many findings each rule has, instead of the findings themselves.

Text, most frequent first (``[*]`` marks a rule with findings ``--fix`` can fix)::

    3  LOOP101  [*] asyncio-run-in-loop
    1  LOOP201      sync-call-starts-loop
    Found 4 problems (3 fixable with --fix).

JSON: ``[{"code", "name", "count", "fixable"}]`` in the same order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from looplint.cli.formats import text_format
from looplint.cli.formats.report import Report
from looplint.engine import RULES


@dataclass(frozen=True)
class _RuleCount:
    code: str
    count: int
    fixable: int

    @property
    def name(self) -> str:
        rule = RULES.get(self.code)
        return rule.name if rule is not None else ""


def render_text(report: Report) -> str:
    counts = _counts(report)
    width = max((len(str(count.count)) for count in counts), default=1)
    lines = [
        f"{count.count:>{width}}  {count.code}  {'[*]' if count.fixable else '   '} {count.name}"
        for count in counts
    ]
    if not report.quiet:
        lines.append(text_format.summary(report))
    return "".join(line + "\n" for line in lines)


def render_json(report: Report) -> str:
    counts = [
        {"code": c.code, "name": c.name, "count": c.count, "fixable": c.fixable}
        for c in _counts(report)
    ]
    return json.dumps(counts, indent=2) + "\n"


def _counts(report: Report) -> list[_RuleCount]:
    found: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for _, finding in report.findings():
        found[finding.code] += 1
        fixable[finding.code] += finding.safe_fix is not None
    by_frequency = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return [_RuleCount(code, count, fixable[code]) for code, count in by_frequency]
