"""``shutdown``: stop analysing and indexing; pending jobs are dropped, not finished."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.SHUTDOWN


def shutdown(ls: LoopLintServer, params: None) -> None:
    for uri in list(ls.workspace.text_documents):
        ls.analyses.cancel(uri)
    for uri in list(ls.workspace.notebook_documents):
        ls.notebook_analyses.cancel(uri)
    ls.indexing.stop()
    ls.executor.shutdown(wait=False, cancel_futures=True)
    ls.index_executor.shutdown(wait=False, cancel_futures=True)
