"""One language server process, initialized with some workspace folders and indexed.

Every server measurement starts here: ``running_server`` starts ``python -m looplint server``
over stdio, initializes it as the given client would, waits for the workspace index the server
announces with ``$/progress`` (noting how long it took) and shuts it down afterwards. The
session's methods are the editor's side of a document: open, change, close, get diagnostics.
"""

import contextlib
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from looplint.lsp.index_progress import TITLE as INDEX_PROGRESS_TITLE
from lsp_client import JsonObject, LspClient, Received, ServerError, reap

SERVER_ARGV = (sys.executable, "-m", "looplint", "server")

INDEX_ANNOUNCE_SECONDS = 10
"""How long after ``initialized`` the server may take to begin its index build; a server
without workspace folders announces none, so the wait must stay short."""
INDEX_TIMEOUT_SECONDS = 300
"""How long the workspace index may take to build before the measurement gives up."""


@contextlib.contextmanager
def running_server(folders: Sequence[Path], capabilities: JsonObject) -> Iterator["ServerSession"]:
    """A server initialized with ``folders`` as workspace folders, its index built.

    After success the server is shut down politely; after a failure it is killed, and a
    ``ServerError`` carries the last lines the server wrote to stderr (its log), which usually
    say why.
    """
    with tempfile.TemporaryFile() as stderr:
        client = LspClient(SERVER_ARGV, cwd=folders[0], stderr=stderr)
        try:
            yield ServerSession.initialize(client, folders, capabilities)
            client.shutdown()
        except ServerError as error:
            client.process.kill()
            raise ServerError(f"{error}\nserver stderr (last lines):\n{_tail(stderr)}") from error
        except BaseException:
            client.process.kill()
            raise
        finally:
            reap(client.process)


class ServerSession:
    """An initialized server, and the editor-side operations the measurements are made of."""

    def __init__(self, client: LspClient, model: str, initialized_at: float) -> None:
        self.client = client
        self.model = model
        """"pull" (``textDocument/diagnostic``) or "push" (``publishDiagnostics``)."""
        self.initialized_at = initialized_at
        self.index_seconds: float | None = None
        """From ``initialized`` to the end of the index build's ``$/progress``, if announced."""
        self.versions: dict[str, int] = {}

    @classmethod
    def initialize(
        cls, client: LspClient, folders: Sequence[Path], capabilities: JsonObject
    ) -> "ServerSession":
        reply = client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folders[0].as_uri(),
                "workspaceFolders": [
                    {"uri": folder.as_uri(), "name": folder.name} for folder in folders
                ],
                "capabilities": capabilities,
            },
        )
        server_pulls = bool(reply.message["result"]["capabilities"].get("diagnosticProvider"))
        client_pulls = "diagnostic" in capabilities.get("textDocument", {})
        initialized_at = client.notify("initialized", {})
        session = cls(client, "pull" if server_pulls and client_pulls else "push", initialized_at)
        session.wait_for_index()
        return session

    def wait_for_index(self) -> None:
        """Let the workspace index, announced with ``$/progress``, finish before measuring; note
        how long it took.

        Indexing is a one-off cost at start-up; measuring while it runs would charge it to
        whichever request came first.
        """
        try:
            begin = self.client.wait_for_notification(
                "$/progress",
                lambda params: params["value"].get("title") == INDEX_PROGRESS_TITLE,
                timeout=INDEX_ANNOUNCE_SECONDS,
            )
        except ServerError:
            return  # no index announced
        token = begin.message["params"]["token"]
        end = self.client.wait_for_notification(
            "$/progress",
            lambda params: params["token"] == token and params["value"].get("kind") == "end",
            timeout=INDEX_TIMEOUT_SECONDS,
        )
        self.index_seconds = end.at - self.initialized_at

    def open(self, uri: str, text: str) -> float:
        """Open a document at version 1; returns when the notification was sent."""
        self.versions[uri] = 1
        return self.client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
        )

    def change(self, uri: str, changes: list[JsonObject]) -> float:
        """Send the next version's content changes; returns when the notification was sent."""
        self.versions[uri] += 1
        return self.client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": changes,
            },
        )

    def close(self, uri: str) -> None:
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.client.discard_notifications()

    def diagnostics(self, uri: str) -> Received:
        """The diagnostics of the document's current version, pulled or pushed."""
        if self.model == "pull":
            return self.client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        version = self.versions[uri]
        return self.client.wait_for_notification(
            "textDocument/publishDiagnostics",
            lambda params: params["uri"] == uri and params.get("version") == version,
        )


def diagnostic_items(received: Received) -> list[JsonObject]:
    """The diagnostics in a pull response or a ``publishDiagnostics`` notification."""
    body = received.message.get("result") or received.message.get("params") or {}
    return list(body.get("items") or body.get("diagnostics") or [])


def _tail(stderr: BinaryIO, lines: int = 20) -> str:
    stderr.seek(0)
    return "\n".join(stderr.read().decode("utf-8", "replace").splitlines()[-lines:])
