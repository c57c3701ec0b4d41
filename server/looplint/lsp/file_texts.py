"""The current text of a workspace file: the editor's buffer when it is open, else the disk.

The project index reads other modules through this, and so do diagnostics that point into
other files; both may run on the analysis threads, where only reads of the open documents
(each a single attribute) are safe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pygls.uris import from_fs_path
from pygls.workspace import TextDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileText:
    uri: str
    text: str
    version: int | None
    """The open document's version; ``None`` for text read from disk."""


class FileTexts:
    """Reads files by path, preferring open documents."""

    def __init__(self, open_document: Callable[[str], TextDocument | None]) -> None:
        self._open_document = open_document

    def uri_of(self, path: str) -> str:
        return from_fs_path(path) or path

    def read(self, path: str) -> FileText | None:
        """The file's current text; ``None`` when it is neither open nor readable."""
        uri = self.uri_of(path)
        document = self._open_document(uri)
        if document is not None:
            return FileText(uri, document.source, document.version)
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            logger.debug("Cannot read %s: %s", path, error)
            return None
        return FileText(uri, data.decode("utf-8", errors="replace"), None)

    def text(self, path: str) -> str | None:
        found = self.read(path)
        return found.text if found else None
