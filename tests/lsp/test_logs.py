"""The server's log: each record once, in one place, at the level asked.

Editors show a server's stderr next to its ``window/logMessage`` (VS Code's output channel) or
file every stderr line as an error (Neovim's lsp.log), so a record is written to stderr only
until ``initialize`` and to the client from then on; ``--log-file`` gets them all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from .test_stdio import GOODBYE, messages, notification, request

SERVER = [sys.executable, "-m", "looplint", "server"]
PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
INFO, LOG = 3, 4  # MessageType


def run(arguments: list[str], options: object, tmp_path: Path) -> tuple[list[dict[str, Any]], str]:
    """A session (initialize, open a file, pull its diagnostics, shut down): the
    ``window/logMessage`` params the server sent, and what it wrote to stderr."""
    uri = (tmp_path / "app.py").as_uri()
    opened = {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": PROGRAM}}
    pulls = {
        "textDocument": {"diagnostic": {"dynamicRegistration": False}},
        "workspace": {"diagnostics": {"refreshSupport": True}},  # else it is pushed to
    }
    server = subprocess.Popen(
        [*SERVER, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(
        request(1, "initialize", {"capabilities": pulls, "initializationOptions": options})
        + notification("initialized", {})
        + notification("textDocument/didOpen", opened)
        + request(2, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    )
    server.stdin.flush()
    received = []
    for message in messages(server.stdout):
        received.append(message)
        if message.get("id") == 2:
            break
    server.stdin.write(GOODBYE)
    server.stdin.close()
    received.extend(messages(server.stdout))
    server.wait(timeout=60)
    assert server.stderr is not None
    sent = [m["params"] for m in received if m.get("method") == "window/logMessage"]
    return sent, server.stderr.read().decode()


def test_by_default_only_warnings_and_errors_are_logged(tmp_path: Path) -> None:
    sent, stderr = run([], None, tmp_path)

    assert [m for m in sent if m["type"] in (INFO, LOG)] == []
    assert stderr == ""


def test_a_record_goes_to_stderr_before_initialize_and_to_the_client_after(
    tmp_path: Path,
) -> None:
    sent, stderr = run(["--log-level", "info"], None, tmp_path)

    assert "looplint.lsp.main: Serving on stdio" in stderr
    assert any(m["message"].startswith("looplint.lsp.handlers.initialize: looplint ") for m in sent)
    assert stderr.count("\n") == 1, "after initialize nothing more goes to stderr"
    assert all(m["message"] not in stderr for m in sent)


def test_the_editors_log_level_applies_from_initialize(tmp_path: Path) -> None:
    sent, stderr = run([], {"logLevel": "debug"}, tmp_path)

    assert any(m["type"] == LOG for m in sent), "debug records reach the client"
    assert stderr == ""


def test_a_log_file_gets_every_record_and_the_client_its_own(tmp_path: Path) -> None:
    log_file = tmp_path / "server.log"

    sent, stderr = run(["--log-file", str(log_file), "--log-level", "info"], None, tmp_path)

    written = log_file.read_text(encoding="utf-8")
    assert "Serving on stdio" in written
    assert sent and all(m["message"].split(": ", 1)[1] in written for m in sent)
    assert stderr == ""
