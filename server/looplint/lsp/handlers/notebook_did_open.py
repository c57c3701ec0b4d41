"""``notebookDocument/didOpen``: analyze the new notebook at once (pygls stored it)."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.NOTEBOOK_DOCUMENT_DID_OPEN


def notebook_did_open(ls: LoopLintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.notebook_analyses.schedule(params.notebook_document.uri)
