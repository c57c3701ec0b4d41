"""``textDocument/hover``: a short card on a finding, a rule's documentation on a ``# noqa:`` code.

On a finding the hover is read at a glance: the message, why it fails, the safe fix and a link
to the rule (the full document would push the editor's own "Quick Fix" links out of view). On a
``# noqa: CODE`` the user asks what the rule is, so the whole document is shown.
"""

from __future__ import annotations

import re

from lsprotocol import types

from looplint.engine import RULES, Finding, Position, Rule, Span
from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_HOVER

_NOQA_CODES = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.I)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.I)


async def hover(ls: LoopLintServer, params: types.HoverParams) -> types.Hover | None:
    result = await ls.analysis_of(params.text_document.uri)
    if result is None:
        return None
    position = result.positions.from_client(params.position)
    line = result.positions.line(position.line)
    markdown = ls.client.markdown_hover
    noqa_code = _noqa_code_at(line, position)
    if noqa_code is not None:
        code, span = noqa_code
        if code not in RULES:
            return None
        text = RULES[code].documentation
    else:
        finding = next(
            (
                f
                for f in result.findings
                if f.span.start <= position <= f.span.end and f.code in RULES
            ),
            None,
        )
        if finding is None:
            return None
        span = finding.span
        text = finding_card(finding, RULES[finding.code], markdown=markdown)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=text),
        range=result.positions.range_to_client(span),
    )


def finding_card(finding: Finding, rule: Rule, *, markdown: bool) -> str:
    """A few lines on one finding: what is wrong, why it fails, the safe fix, where to read more."""
    fix = finding.safe_fix

    def label(text: str) -> str:
        return f"**{text}**" if markdown else text

    lines = [
        f"{label(finding.code)}: {finding.message}",
        f"{label('Why')}: {rule.why}",
        f"{label('Safe fix')}: {fix.title}"
        if fix
        else "No safe fix: the quick fixes offer choices.",
        f"[{rule.code}: {rule.name}]({rule.url})" if markdown else f"{rule.code}: {rule.url}",
    ]
    return "\n\n".join(lines)


def _noqa_code_at(line: str, position: Position) -> tuple[str, Span] | None:
    """The rule code under ``position`` in a ``# noqa: CODE, CODE`` comment on ``line``."""
    for comment in _NOQA_CODES.finditer(line):
        offset = comment.start("codes")
        for code in _CODE.finditer(comment.group("codes")):
            start, end = offset + code.start(), offset + code.end()
            if start <= position.column <= end:
                span = Span(Position(position.line, start), Position(position.line, end))
                return code.group().upper(), span
    return None
