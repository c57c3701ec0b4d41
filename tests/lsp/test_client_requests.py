"""A client that never answers the server's requests (``workspace/configuration``,
``client/registerCapability``, ``window/workDoneProgress/create``) stalls nothing: each is given
up after a couple of seconds, said once in the log, and the server goes on with what it knows."""

from __future__ import annotations

from pathlib import Path

from .stdio_client import PULLING_CLIENT, Session

NEVER_ANSWERED = (
    "workspace/configuration",
    "client/registerCapability",
    "window/workDoneProgress/create",
)
CAPABILITIES = {
    **PULLING_CLIENT,
    "workspace": {
        "configuration": True,
        "didChangeWatchedFiles": {"dynamicRegistration": True},
        "workspaceFolders": True,
        "diagnostics": {"refreshSupport": True},  # else it is pushed to, not offered pulls
    },
    "window": {"workDoneProgress": True},
}
PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(main())\n"


def test_requests_are_answered_though_the_client_never_answers_the_server(tmp_path: Path) -> None:
    session = Session(CAPABILITIES, unanswered=NEVER_ANSWERED, folders=(tmp_path.as_uri(),))
    uri = (tmp_path / "stuck.py").as_uri()
    item = {"uri": uri, "languageId": "python", "version": 1, "text": PROGRAM}
    session.notify("textDocument/didOpen", {"textDocument": item})

    report = session.request_within(30, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    session.notify("workspace/didChangeConfiguration", {"settings": {}})
    again = session.request_within(30, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    log = session.close()

    assert [item["code"] for item in report["result"]["items"]] == ["LOOP101"]
    assert [item["code"] for item in again["result"]["items"]] == ["LOOP101"]
    for method in NEVER_ANSWERED:
        said = f"WARNING looplint.lsp.protocol: The client did not answer {method}".encode()
        assert log.count(said) == 1, method
    assert b"Traceback" not in log
