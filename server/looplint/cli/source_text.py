"""Reading a Python file's bytes as text, and writing fixed text back in the same encoding.

The encoding is found as Python finds it (a UTF-8 byte-order mark, a ``# -*- coding: ... -*-``
line, else UTF-8), so a BOM survives a fix. Line endings are left as they are: ``\\r\\n`` stays.
"""

from __future__ import annotations

import codecs
import io
import tokenize
from dataclasses import dataclass


class UnreadableSource(Exception):
    """The bytes are not text in the encoding they declare. ``str()`` is one line."""


@dataclass(frozen=True)
class DecodedSource:
    text: str
    encoding: str
    """``"utf-8-sig"`` when the file starts with a byte-order mark."""

    def encode(self, text: str) -> bytes:
        """``text`` in this file's encoding (with its byte-order mark, if it had one)."""
        return text.encode(self.encoding)


def decode_python(data: bytes) -> DecodedSource:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        # Either the first lines are not UTF-8 (then say which byte) or the declaration is bad.
        _decode(data, "utf-8")
        raise UnreadableSource(f"bad encoding declaration: {error}") from None
    if not "\n#".encode(encoding).endswith(b"\n#"):  # UTF-16, UTF-32: Python reads none
        raise UnreadableSource(f"encoding problem: {encoding} (Python rejects this declaration)")
    return _decode(data, encoding)


def decode_json(data: bytes) -> DecodedSource:
    """JSON (a notebook) is UTF-8, with or without a byte-order mark."""
    return _decode(data, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")


def _decode(data: bytes, encoding: str) -> DecodedSource:
    try:
        return DecodedSource(data.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        raise UnreadableSource(_decode_failure(error, encoding)) from None


def _decode_failure(error: UnicodeDecodeError, encoding: str) -> str:
    byte = error.object[error.start]
    return f"not {encoding.removesuffix('-sig')} text (byte 0x{byte:02x} at offset {error.start})"
