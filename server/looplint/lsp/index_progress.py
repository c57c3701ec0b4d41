"""``$/progress`` while the workspace index is built, for clients that show progress.

The token is created with ``window/workDoneProgress/create`` first, as the LSP requires for
progress the server starts. Reports are sent only when the percentage moves, so a workspace
of thousands of files sends at most a hundred of them.
"""

from __future__ import annotations

import itertools
import logging

from lsprotocol import types
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)

TITLE = "Indexing workspace"

_tokens = itertools.count(1)


class IndexProgress:
    """One build's progress; every method is a no-op when the client shows none."""

    def __init__(self, server: LanguageServer, *, supported: bool) -> None:
        self._server = server
        self._token: str | None = None
        self._supported = supported
        self._percentage = -1

    async def begin(self) -> None:
        if not self._supported:
            return
        token = f"looplint-index-{next(_tokens)}"
        try:
            await self._server.protocol.ask_client(
                types.WINDOW_WORK_DONE_PROGRESS_CREATE, types.WorkDoneProgressCreateParams(token)
            )
        except TimeoutError:
            return  # logged; indexing goes on without progress
        except Exception as error:  # the client may refuse; indexing goes on without progress
            logger.warning("Client refused a progress token: %s", error)
            return
        self._token = token
        self._server.work_done_progress.begin(
            token, types.WorkDoneProgressBegin(title=TITLE, cancellable=False, percentage=0)
        )

    def report(self, done: int, total: int) -> None:
        percentage = 100 * done // total if total else 100
        if self._token is None or percentage == self._percentage:
            return
        self._percentage = percentage
        self._server.work_done_progress.report(
            self._token,
            types.WorkDoneProgressReport(message=f"{done} of {total} files", percentage=percentage),
        )

    def end(self, message: str) -> None:
        if self._token is not None:
            self._server.work_done_progress.end(
                self._token, types.WorkDoneProgressEnd(message=message)
            )
            self._token = None
