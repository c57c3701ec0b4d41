"""``textDocument/hover``: a rule's documentation, on a flagged call or a ``# noqa:`` code."""

from __future__ import annotations

import re

from lsprotocol import types

from looplint.engine import RULES, Position, Span
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
    found = _noqa_code_at(line, position) or next(
        (
            (finding.code, finding.span)
            for finding in result.findings
            if finding.span.start <= position <= finding.span.end
        ),
        None,
    )
    if found is None or found[0] not in RULES:
        return None
    code, span = found
    kind = types.MarkupKind.Markdown if ls.client.markdown_hover else types.MarkupKind.PlainText
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=RULES[code].documentation),
        range=result.positions.range_to_client(span),
    )


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
