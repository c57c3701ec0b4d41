"""``notebookDocument/didClose``: forget the notebook and clear its cells' pushed diagnostics."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.NOTEBOOK_DOCUMENT_DID_CLOSE


def notebook_did_close(ls: LoopLintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.notebook_analyses.forget(params.notebook_document.uri)
    if not ls.client.pull_diagnostics:
        for cell in params.cell_text_documents:
            ls.publish(cell.uri, None, [])
