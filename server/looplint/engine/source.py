"""Source text with the line arithmetic the engine needs.

Lines are split only at ``\\r\\n``, ``\\r`` and ``\\n``, as Python's tokenizer and the LSP do
(``str.splitlines`` would also split at form feeds and other separators). Python's ``ast``
reports columns in UTF-8 bytes; findings use code points, so this module converts.
"""

from __future__ import annotations

import re
from functools import cached_property

from looplint.engine.findings import Position, Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks (a trailing break yields an empty line)."""
    return _LINE_BREAK.split(text)


class SourceText:
    """A text and its line offsets, for converting between positions and string offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        return split_lines(self.text)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(match.end() for match in _LINE_BREAK.finditer(self.text))
        return starts

    def offset(self, position: Position) -> int:
        """String offset of ``position``, clamped to the text."""
        if position.line >= len(self.line_starts):
            return len(self.text)
        line = self.lines[position.line]
        return self.line_starts[position.line] + min(max(position.column, 0), len(line))

    def position_at(self, offset: int) -> Position:
        from bisect import bisect_right

        line = bisect_right(self.line_starts, offset) - 1
        return Position(line, offset - self.line_starts[line])

    @cached_property
    def newline(self) -> str:
        """The text's line break (its first one), for lines that fixes insert."""
        match = _LINE_BREAK.search(self.text)
        return match.group(0) if match else "\n"

    @cached_property
    def code(self) -> str:
        """The text as the parser sees it: ``\n`` line breaks, no byte-order mark."""
        text = "\n".join(self.lines) if "\r" in self.text else self.text
        return text.removeprefix("\ufeff")

    def column(self, lineno: int, byte_offset: int) -> int:
        """Code-point column of an ``ast`` position (1-based line, UTF-8 byte column)."""
        line = self.lines[lineno - 1]
        shift = 0
        if lineno == 1 and line.startswith("\ufeff"):
            line, shift = line[1:], 1  # the parser never sees the byte-order mark
        if line.isascii():
            return byte_offset + shift
        return shift + len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))

    def node_span(self, node: object) -> Span:
        """The span of an ``ast`` node, in code points."""
        start = Position(node.lineno - 1, self.column(node.lineno, node.col_offset))  # type: ignore[attr-defined]
        end_line: int = node.end_lineno  # type: ignore[attr-defined]
        end = Position(end_line - 1, self.column(end_line, node.end_col_offset))  # type: ignore[attr-defined]
        return Span(start, end)

    def text_of(self, span: Span) -> str:
        return self.text[self.offset(span.start) : self.offset(span.end)]
