"""``textDocument/didChange``: analyze again once the user pauses (pygls applied the change)."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.analysis_scheduler import EDIT_DEBOUNCE_SECONDS
from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DID_CHANGE


def did_change(ls: LoopLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.analyses.schedule(params.text_document.uri, delay=EDIT_DEBOUNCE_SECONDS)
