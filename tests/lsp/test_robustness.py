"""Bad requests get an error or nothing; the server keeps serving."""

from __future__ import annotations

from types import SimpleNamespace as Params

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
UNKNOWN = "file:///looplint-tests/robustness/never-opened.py"


async def still_serving(editor: EditorClient, name: str) -> None:
    uri = f"file:///looplint-tests/robustness/{name}.py"
    editor.open(uri, PROGRAM)
    assert [d.code for d in await editor.current_diagnostics(uri)] == ["LOOP101"]


async def test_malformed_params_are_answered_with_invalid_params(editor: EditorClient) -> None:
    # The client serializes attributes by name, so stand-ins carry values of the wrong types.
    malformed = Params(
        text_document=Params(uri=5),
        position=Params(line="zero", character=-1),
        work_done_token=None,
    )

    with pytest.raises(JsonRpcInvalidParams):
        await editor.protocol.send_request_async(types.TEXT_DOCUMENT_HOVER, malformed)

    await still_serving(editor, "after-malformed")


async def test_requests_about_an_unknown_document_get_empty_answers(editor: EditorClient) -> None:
    nowhere = types.Range(types.Position(0, 0), types.Position(0, 0))
    hover = await editor.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(UNKNOWN), types.Position(0, 0))
    )
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(UNKNOWN), nowhere, types.CodeActionContext(diagnostics=[])
        )
    )

    assert hover is None
    assert actions is None
    if editor.pulls:  # only clients that are offered pulls send them
        report = await editor.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(UNKNOWN))
        )
        assert list(report.items) == []


async def test_out_of_range_positions_are_clamped(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/robustness/out-of-range.py"
    editor.open(uri, PROGRAM)
    await editor.current_diagnostics(uri)
    far = types.Position(10_000, 10_000)

    hover = await editor.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), far)
    )
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(5, 500), far),
            types.CodeActionContext(diagnostics=[]),
        )
    )

    assert hover is None
    assert [action.title for action in actions or [] if action.kind == "quickfix"] == []
    await still_serving(editor, "after-out-of-range")


async def test_an_unknown_command_is_an_error_not_a_crash(editor: EditorClient) -> None:
    with pytest.raises(JsonRpcInvalidParams):
        await editor.workspace_execute_command_async(
            types.ExecuteCommandParams(command="looplint.noSuchCommand")
        )

    await still_serving(editor, "after-unknown-command")


async def test_changes_to_an_unknown_document_are_ignored(editor: EditorClient) -> None:
    editor.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(UNKNOWN))
    )

    await still_serving(editor, "after-unknown-close")
