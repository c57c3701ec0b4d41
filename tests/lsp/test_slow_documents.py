"""A slow document holds up no other: while its analysis runs, requests about other documents
are answered at once; its analysis stops at its time limit (``analysisTimeLimit``), and as
soon as an edit or closing the document makes it pointless.

The slow document is a huge but valid module, unsaved, in an indexed workspace folder, so its
analysis and the small document's share the workspace index.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path

from .editor_client import REFRESHING, SERVER, EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="function")

PULLING = f"neovim@v0.11.0{REFRESHING}"
SLOW = "import asyncio\n\n\n" + "".join(
    f"def helper_{n}(value):\n    if value > {n}:\n        asyncio.run(work_{n}())\n"
    f"    return value\n\n\nasync def work_{n}():\n    helper_{n}(1)\n\n\n"
    for n in range(4000)
)
"""Tens of seconds of analysis: thousands of loop starters, each called on a running loop."""
SMALL = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
ANSWERED_WITHIN = 5.0
"""Generous, for a shared machine: a small document's requests take milliseconds, but while the
slow one's analysis runs, Python switches threads only between bytecodes, and its longest C
calls (``ast.parse`` of the huge module, a garbage collection) took over a second each on this
2-core machine under a load of 10. Behind the slow analysis they used to wait for all of it:
tens of seconds."""


@pytest_lsp.fixture(config=SERVER)
async def editor(
    request: pytest.FixtureRequest,
    lsp_client: EditorClient,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[None]:
    """A session with an indexed workspace folder, and the time limit the test asks for."""
    folder = tmp_path_factory.mktemp("slow")
    (folder / "other.py").write_text("def nothing():\n    return 1\n", encoding="utf-8")
    lsp_client.folder_uri = from_fs_path(str(folder))
    await lsp_client.start_session(
        PULLING,
        folders=[lsp_client.folder_uri],
        initialization_options={"logLevel": "debug", "analysisTimeLimit": request.param},
    )
    await lsp_client.indexed()
    yield
    await lsp_client.shutdown_session()


LONG_ENOUGH = pytest.mark.parametrize("editor", [600], indirect=True)
SHORT = pytest.mark.parametrize("editor", [1.5], indirect=True)


def logged(client: EditorClient, *words: str) -> bool:
    return any(all(word in log.message for word in words) for log in client.log_messages)


async def until_logged(client: EditorClient, *words: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not logged(client, *words):
        assert time.monotonic() < deadline, f"never logged {words}"
        await asyncio.sleep(0.05)


async def answered_quickly(request: asyncio.Future[object] | object) -> object:
    started = time.monotonic()
    result = await asyncio.wait_for(request, timeout=30)  # type: ignore[arg-type]
    assert time.monotonic() - started < ANSWERED_WITHIN
    return result


@LONG_ENOUGH
async def test_a_small_documents_requests_are_answered_while_a_slow_one_is_analyzed(
    editor: EditorClient,
) -> None:
    slow = f"{editor.folder_uri}/slow.py"  # type: ignore[attr-defined]
    small = f"{editor.folder_uri}/small.py"  # type: ignore[attr-defined]
    editor.open(slow, SLOW)
    await asyncio.sleep(0.5)  # the slow analysis is under way
    editor.open(small, SMALL)
    document = types.TextDocumentIdentifier(small)
    finding = types.Range(types.Position(4, 4), types.Position(4, 23))

    report = await answered_quickly(
        editor.text_document_diagnostic_async(types.DocumentDiagnosticParams(document))
    )
    hover = await answered_quickly(
        editor.text_document_hover_async(types.HoverParams(document, finding.start))
    )
    actions = await answered_quickly(
        editor.text_document_code_action_async(
            types.CodeActionParams(document, finding, types.CodeActionContext(diagnostics=[]))
        )
    )

    assert [item.code for item in report.items] == ["LOOP101"]  # type: ignore[attr-defined]
    assert hover is not None
    assert actions
    assert not logged(editor, "Analyzed", slow), "the slow analysis ended too soon to tell"


@SHORT
async def test_an_analysis_over_its_time_limit_stops_and_says_so(editor: EditorClient) -> None:
    slow = f"{editor.folder_uri}/slow.py"  # type: ignore[attr-defined]
    editor.open(slow, SLOW)

    report = await asyncio.wait_for(
        editor.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(slow))
        ),
        timeout=30,
    )

    assert list(report.items) == []  # type: ignore[union-attr]
    assert logged(editor, slow, "stopped after 1.5 s of processor time", "analysisTimeLimit")


@LONG_ENOUGH
async def test_an_edit_or_closing_stops_the_analysis_it_makes_pointless(
    editor: EditorClient,
) -> None:
    slow = f"{editor.folder_uri}/slow.py"  # type: ignore[attr-defined]
    editor.open(slow, SLOW)
    await asyncio.sleep(0.5)
    end = types.Position(SLOW.count("\n"), 0)
    editor.change(slow, [types.TextEdit(types.Range(end, end), "# edited\n")])

    await until_logged(editor, f"Analysis of {slow} version 1 stopped", "superseded")
    await asyncio.sleep(0.5)
    editor.close(slow)
    await until_logged(editor, f"Analysis of {slow} version 2 stopped", "superseded")
