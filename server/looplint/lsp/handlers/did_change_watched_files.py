"""``workspace/didChangeWatchedFiles``: pyproject.toml files (settings) and Python files (index).

A Python file that is open in the editor is left alone: its buffer, not the disk, is what the
index holds.
"""

from __future__ import annotations

import logging

from lsprotocol import types
from pygls.uris import to_fs_path

from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

METHOD = types.WORKSPACE_DID_CHANGE_WATCHED_FILES


def did_change_watched_files(ls: LoopLintServer, params: types.DidChangeWatchedFilesParams) -> None:
    uris = [change.uri for change in params.changes]
    settings_files = [uri for uri in uris if uri.endswith("/pyproject.toml")]
    if settings_files:
        logger.info("Re-reading settings: %s changed", ", ".join(settings_files))
        ls.settings.forget_files()
        ls.reanalyze_all()
    python_files = [
        path
        for uri in uris
        if uri.endswith(".py") and ls.open_document(uri) is None and (path := to_fs_path(uri))
    ]
    if python_files:
        logger.info("Indexing again: %s changed on disk", ", ".join(python_files))
        ls.indexing.files_changed(python_files)
