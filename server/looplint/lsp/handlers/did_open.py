"""``textDocument/didOpen``: analyze the new document at once."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DID_OPEN


def did_open(ls: LoopLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.analyses.schedule(params.text_document.uri)
