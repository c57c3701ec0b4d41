"""The server's copy of each open document, kept equal to the client's.

pygls splits lines with ``str.splitlines``, which also breaks at ``\\f \\v \\x1c \\x1d \\x1e
\\x85 U+2028 U+2029``: after such a character every edit lands on the wrong line. It also moves
an insert past the end of a last line without newline before that line's last character, and
drops reversed ranges. Here a change is applied at string offsets found with the LSP's own line
breaks (``\\n``, ``\\r\\n``, ``\\r``) and the negotiated position encoding; positions past the end
of a line or of the document are clamped as the LSP says, and a reversed range is put in order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from urllib.parse import unquote

from lsprotocol import types
from pygls.workspace import TextDocument, Workspace

from looplint.lsp.positions import ClientPositions

logger = logging.getLogger(__name__)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def apply_change(text: str, change: types.Range, new_text: str, encoding: str) -> str:
    """``text`` with the client's ``change`` range replaced by ``new_text``."""
    positions = ClientPositions(text, encoding)
    start, end = _offset(positions, change.start), _offset(positions, change.end)
    if end < start:
        logger.warning("A change's range ends before it starts (%s); applied in order", change)
        start, end = end, start
    return text[:start] + new_text + text[end:]


def _offset(positions: ClientPositions, position: types.Position) -> int:
    engine_position = positions.from_client(position)
    return positions.line_starts[engine_position.line] + engine_position.column


class SyncedTextDocument(TextDocument):
    """pygls's document, with the LSP's lines and incremental changes applied as above."""

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        encoding = self.position_codec.encoding
        self._source = apply_change(
            self.source, change.range, change.text, str(getattr(encoding, "value", encoding))
        )

    @property
    def lines(self) -> Sequence[str]:
        return tuple(_LINE.findall(self.source))


class SyncedWorkspace(Workspace):
    """pygls's workspace, holding ``SyncedTextDocument``\\ s; a change to a document that is
    not open is the client's mistake, logged and ignored (pygls fails on it)."""

    def update_text_document(
        self,
        text_doc: types.VersionedTextDocumentIdentifier,
        change: types.TextDocumentContentChangeEvent,
    ) -> None:
        if unquote(text_doc.uri) not in self.text_documents:
            logger.warning("Ignored a change to %s, which is not open", text_doc.uri)
            return
        super().update_text_document(text_doc, change)

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return SyncedTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self.position_codec,
        )
