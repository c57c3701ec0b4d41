"""``notebookDocument/didChange``: analyze the notebook again once the user pauses.

Cells removed from the notebook lose their pushed diagnostics; pygls applied the change.
"""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.analysis_scheduler import EDIT_DEBOUNCE_SECONDS
from looplint.lsp.server import LoopLintServer

METHOD = types.NOTEBOOK_DOCUMENT_DID_CHANGE


def notebook_did_change(ls: LoopLintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    structure = params.change.cells.structure if params.change.cells else None
    if structure and not ls.client.pull_diagnostics:
        for cell in structure.did_close or []:
            ls.publish(cell.uri, None, [])
    ls.notebook_analyses.schedule(params.notebook_document.uri, delay=EDIT_DEBOUNCE_SECONDS)
