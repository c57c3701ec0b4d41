"""Where each cell's ``"source"`` sits in a notebook's JSON text, and how to write a new one there.

``--fix`` replaces only the ``"source"`` values of the cells it changed, so the rest of the file
(outputs, metadata, key order, indentation, line endings) stays byte for byte as it was. A new
value copies the old one's style: a string stays a string; a list of lines keeps the spacing
around and between its elements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_INDENT = re.compile(r"[ \t]*")
_DECODER = json.JSONDecoder()


def cell_source_spans(text: str) -> list[tuple[int, int] | None]:
    """Per cell of a well-formed notebook, the (start, end) offsets of its ``"source"`` value."""
    scanner = _JsonScanner(text)
    spans: list[tuple[int, int] | None] = []
    for key in scanner.object_members():
        if key == "cells":
            spans = [_source_span(scanner) for _ in scanner.array_elements()]
        else:
            scanner.skip_value()
    return spans


def cell_source_offsets(text: str) -> list[list[int] | None]:
    """Per cell of a well-formed notebook, where each character of its source is in ``text``:
    the offset of the JSON text that encodes it, then the offset just past the last one
    (``None`` for a cell whose source is neither a string nor a list of strings)."""
    return [
        None if span is None else _source_offsets(text, span[0]) for span in cell_source_spans(text)
    ]


def _source_offsets(text: str, start: int) -> list[int] | None:
    if text[start] == '"':
        return _string_offsets(text, start)
    if text[start] != "[":
        return None
    scanner = _JsonScanner(text, start)
    offsets = [start + 1]  # an empty list: just inside its `[`
    for _ in scanner.array_elements():
        element, _ = scanner.skip_value()
        if text[element] != '"':
            return None
        offsets[-1:] = _string_offsets(text, element)
    return offsets


def _string_offsets(text: str, start: int) -> list[int]:
    """The offset of each character's encoding in the JSON string at ``start``, then of the
    closing quote."""
    offsets: list[int] = []
    position = start + 1
    while text[position] != '"':
        offsets.append(position)
        if text[position] != "\\":
            position += 1
        elif text[position + 1] != "u":
            position += 2
        else:  # \uXXXX, or a surrogate pair of two that encodes one character
            high = int(text[position + 2 : position + 6], 16)
            position += 6
            if 0xD800 <= high < 0xDC00 and _is_low_surrogate(text, position):
                position += 6
    offsets.append(position)
    return offsets


def _is_low_surrogate(text: str, position: int) -> bool:
    if not text.startswith("\\u", position):
        return False
    return 0xDC00 <= int(text[position + 2 : position + 6], 16) < 0xE000


def render_source(text: str, span: tuple[int, int], source: str) -> str:
    """The JSON for a new cell ``source``, in the style of the value at ``span`` in ``text``."""
    start, end = span
    ensure_ascii = text.isascii()
    if text[start] == '"':
        return json.dumps(source, ensure_ascii=ensure_ascii)
    lines = source.splitlines(keepends=True)  # as nbformat splits a cell's source
    if not lines:
        return "[]"
    opening, separator, closing = _list_layout(text, start, end)
    items = separator.join(json.dumps(line, ensure_ascii=ensure_ascii) for line in lines)
    return f"[{opening}{items}{closing}]"


def _source_span(scanner: _JsonScanner) -> tuple[int, int] | None:
    span = None
    for key in scanner.object_members():
        value = scanner.skip_value()
        if key == "source":
            span = value
    return span


def _list_layout(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The whitespace after ``[``, between elements (with the comma) and before ``]``."""
    scanner = _JsonScanner(text, start)
    elements = [scanner.skip_value() for _ in scanner.array_elements()]
    if elements:
        opening = text[start + 1 : elements[0][0]]
        closing = text[elements[-1][1] : end - 1]
        separator = text[elements[0][1] : elements[1][0]] if len(elements) > 1 else "," + opening
        return opening, separator, closing
    # An empty list has no layout to copy: indent one space deeper than the key, as nbformat does.
    line_start = text.rfind("\n", 0, start) + 1
    indent = _INDENT.match(text, line_start).group()  # type: ignore[union-attr]
    newline = "\r\n" if text[line_start - 2 : line_start] == "\r\n" else "\n"
    return newline + indent + " ", "," + newline + indent + " ", newline + indent


class _JsonScanner:
    """Walks JSON text by offset; values it does not descend into are skipped whole."""

    def __init__(self, text: str, position: int = 0) -> None:
        self.text = text
        self.position = position

    def object_members(self) -> Iterator[str]:
        """Yield each key of the object here; the caller consumes each member's value."""
        self._expect("{")
        if self._next_is("}"):
            return
        while True:
            self._expect('"')
            key, self.position = json.decoder.scanstring(self.text, self.position)
            self._expect(":")
            yield key
            if self._next_is("}"):
                return
            self._expect(",")

    def array_elements(self) -> Iterator[None]:
        """Yield once per element of the array here; the caller consumes each element."""
        self._expect("[")
        if self._next_is("]"):
            return
        while True:
            yield
            if self._next_is("]"):
                return
            self._expect(",")

    def skip_value(self) -> tuple[int, int]:
        """Skip the value here; return its (start, end) offsets."""
        self._skip_whitespace()
        start = self.position
        _, self.position = _DECODER.raw_decode(self.text, start)
        return start, self.position

    def _skip_whitespace(self) -> None:
        self.position = _WHITESPACE.match(self.text, self.position).end()  # type: ignore[union-attr]

    def _next_is(self, char: str) -> bool:
        self._skip_whitespace()
        if self.text.startswith(char, self.position):
            self.position += 1
            return True
        return False

    def _expect(self, char: str) -> None:
        if not self._next_is(char):
            raise ValueError(f"expected {char!r} at offset {self.position}")
