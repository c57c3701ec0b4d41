"""``textDocument/didSave``: index and analyze the saved text now, without the edit debounce.

The buffer was indexed on its last analysis already; saving makes sure that analysis is not
still waiting (the file on disk, which other tools read, now matches it).
"""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DID_SAVE


def did_save(ls: LoopLintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.analyses.schedule(params.text_document.uri)
