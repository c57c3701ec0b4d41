"""``textDocument/didClose``: forget the document and clear its pushed diagnostics.

Unsaved changes are gone with the buffer: the workspace index reads the file on disk again.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.uris import to_fs_path

from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DID_CLOSE


def did_close(ls: LoopLintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyses.forget(uri)
    ls.recent.forget(uri)
    if not ls.client.pull_diagnostics:
        ls.publish(uri, None, [])
    path = to_fs_path(uri)
    if path is not None and ls.index.module_of(uri) is not None:
        ls.indexing.files_changed([path])
