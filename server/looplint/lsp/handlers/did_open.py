"""``textDocument/didOpen``: analyze the new document at once (and, for a client that named
no workspace folder, index the folder holding it)."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DID_OPEN


def did_open(ls: LoopLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.indexing.cover(params.text_document.uri)
    ls.analyses.schedule(params.text_document.uri)
