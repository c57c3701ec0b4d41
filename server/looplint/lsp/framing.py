"""Cutting the client's byte stream into JSON-RPC messages, and finding the way back after a
wrong or missing ``Content-Length``.

pygls trusts the declared length: one message with a wrong length glues itself to the next,
whose header then starts mid-line and is never recognised again, so the server stays alive but
never answers. Here the declared length is checked against the body: a body that is not a JSON
value of that length is read as the one JSON value that starts there (a length too short or too
long), and anything else is skipped up to the next ``Content-Length`` header.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Final

logger = logging.getLogger(__name__)

_CONTENT_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d{1,12})[ \t]*\r\n")
_OTHER_HEADER = re.compile(rb"[!-9;-~]+:[^\r\n]*\r\n")
_HEADERS_OR_SPACE = re.compile(rb"(?:[!-9;-~]+:[^\r\n]*\r\n|\s)*")
_HEADER_LIMIT = 8192
"""Headers after ``Content-Length`` longer than this are junk, not headers still arriving."""
_KEPT_TAIL = 64
"""Without a header in sight, this much of the end is kept: a header may be arriving."""

_DECODER = json.JSONDecoder()
_WAIT: Final = object()
_SKIPPED: Final = object()


class MessageFramer:
    """Takes the client's bytes as they arrive; gives back each whole message's JSON value."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._length: int | None = None
        """The declared length of the body being read; ``None`` while looking for headers."""
        self._junk = 0
        """Bytes skipped since the last header."""

    def feed(self, data: bytes) -> list[object]:
        """The JSON values of the messages that ``data`` completes, in order."""
        self._buffer += data
        values: list[object] = []
        while self._length is not None or self._read_headers():
            value = self._read_body()
            if value is _WAIT:
                break
            if value is not _SKIPPED:
                values.append(value)
        return values

    def close(self) -> None:
        """The input ended: say so if it ended inside a message."""
        self._report_junk()
        if self._length is not None or self._buffer.strip():
            logger.warning("Input ended in the middle of a message")
        self._buffer.clear()
        self._length = None

    def _read_headers(self) -> bool:
        """Find the next complete header block; ``False`` until one has arrived."""
        while True:
            header = _CONTENT_LENGTH.search(self._buffer)
            if header is None:
                last_line = self._buffer.rfind(b"\n") + 1
                self._skip(max(last_line, len(self._buffer) - _KEPT_TAIL))
                return False
            length, header_end = int(header.group(1)), header.end() - header.start()
            self._skip(header.start())
            self._report_junk()
            end = self._end_of_headers(header_end)
            if end is None:
                return False
            if end > 0:
                self._length = length
                del self._buffer[:end]
                return True
            logger.warning("Skipped a Content-Length header not followed by a blank line")
            del self._buffer[:header_end]

    def _end_of_headers(self, position: int) -> int | None:
        """Where the body starts, given the end of the ``Content-Length`` line: after the
        blank line ending the headers; ``None`` if that has not arrived; 0 if it never will."""
        while position < len(self._buffer):
            if self._buffer.startswith(b"\r\n", position):
                return position + 2
            other = _OTHER_HEADER.match(self._buffer, position)
            if other is None:
                break
            position = other.end()
        waiting = b"\n" not in self._buffer[position:] and len(self._buffer) < _HEADER_LIMIT
        return None if waiting else 0

    def _read_body(self) -> object:
        """The body's JSON value; ``_WAIT`` until it can be read, ``_SKIPPED`` if it cannot."""
        length = self._length
        assert length is not None
        if len(self._buffer) >= length:
            try:
                value = json.loads(self._buffer[:length])
            except ValueError:
                return self._read_mislabelled_body()
            self._take(length)
            return value
        if _CONTENT_LENGTH.search(self._buffer) or bytes(self._buffer[-16:]).rstrip()[-1:] in (
            b"}",
            b"]",
        ):
            return self._read_mislabelled_body(complete_only=True)
        return _WAIT

    def _read_mislabelled_body(self, *, complete_only: bool = False) -> object:
        """The body is not a JSON value of its declared length: read the JSON value that starts
        there; failing that, skip to the next header once one has arrived."""
        decoded = _leading_json_value(self._buffer)
        if decoded is not None:
            value, end = decoded
            logger.warning(
                "A message declared Content-Length %d but its body has %d bytes; read it anyway",
                self._length,
                end,
            )
            self._take(end)
            return value
        if complete_only:
            return _WAIT
        following = _CONTENT_LENGTH.search(self._buffer, 1)
        if following is None:
            return _WAIT  # a body longer than declared may still be arriving
        logger.warning("Skipped a message that is not JSON")
        self._take(following.start())
        return _SKIPPED

    def _take(self, length: int) -> None:
        del self._buffer[:length]
        self._length = None

    def _skip(self, length: int) -> None:
        skipped = bytes(self._buffer[:length])
        del self._buffer[:length]
        if not _HEADERS_OR_SPACE.fullmatch(skipped):
            self._junk += len(skipped)

    def _report_junk(self) -> None:
        """One warning per run of junk, however many reads it took to get past it."""
        if self._junk:
            logger.warning("Skipped %d bytes that are not a message", self._junk)
            self._junk = 0


def _leading_json_value(buffer: bytearray) -> tuple[object, int] | None:
    """The JSON value at the start of ``buffer`` and its length in bytes; ``None`` if there is
    no whole one."""
    text = bytes(buffer).decode("utf-8", "surrogateescape")
    start = len(text) - len(text.lstrip())
    try:
        value, end = _DECODER.raw_decode(text, start)
    except ValueError:
        return None
    return value, len(text[:end].encode("utf-8", "surrogateescape"))
