"""``notebookDocument/didSave``: nothing to do, the cells' text is synced on every change.

Registered so that clients send it (and do not warn about an unhandled notification).
"""

from __future__ import annotations

import logging

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

METHOD = types.NOTEBOOK_DOCUMENT_DID_SAVE


def notebook_did_save(ls: LoopLintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    logger.debug("Notebook %s saved", params.notebook_document.uri)
