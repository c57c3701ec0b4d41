"""Fix-all applies the safe fixes only, as one small edit, through every route a client has."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .editor_client import EditorClient, text_edits

pytestmark = pytest.mark.asyncio(loop_scope="module")

HEADER = "import asyncio\n\n\ndef untouched():\n    return 1\n\n\n"
PROGRAM = (
    HEADER + "async def main():\n"
    "    asyncio.run(one())\n"
    "    asyncio.get_running_loop().run_until_complete(three())\n"
    "    asyncio.run(two())  # noqa: LOOP101\n"
    "\n\ndef also_untouched():\n    return 2\n"
)
FIXED = (
    HEADER + "async def main():\n"
    "    await one()\n"
    "    await three()\n"
    "    asyncio.run(two())  # noqa: LOOP101\n"
    "\n\ndef also_untouched():\n    return 2\n"
)


async def source_actions(
    editor: EditorClient, uri: str, only: list[str] | None
) -> list[types.CodeAction]:
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return list(actions or [])


async def resolved_edit(editor: EditorClient, action: types.CodeAction) -> types.WorkspaceEdit:
    """The action's edit, resolved lazily when the client said it can do that."""
    if editor.capabilities.text_document.code_action.resolve_support:
        assert action.edit is None
        action = await editor.code_action_resolve_async(action)
    assert action.edit is not None
    return action.edit


@pytest.mark.parametrize("only", [["source.fixAll.looplint"], ["source.fixAll"], ["source"]])
async def test_fix_all_is_reached_by_kind_prefix(editor: EditorClient, only: list[str]) -> None:
    uri = f"file:///looplint-tests/fix-all/{only[-1]}.py"
    editor.open(uri, PROGRAM)

    [action] = await source_actions(editor, uri, only)

    assert action.kind == "source.fixAll.looplint"
    assert action.title == "looplint: Fix all safe problems"


async def test_fix_all_applies_safe_fixes_only_as_one_small_edit(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/fix-all/applied.py"
    editor.open(uri, PROGRAM)
    [action] = await source_actions(editor, uri, ["source.fixAll"])

    edit = await resolved_edit(editor, action)
    [[text_edit]] = text_edits(edit)
    editor.apply(edit)

    assert editor.text(uri) == FIXED
    assert text_edit.range.start.line >= HEADER.count("\n")
    assert text_edit.range.end.line <= PROGRAM.count("\n") - 4
    assert await editor.current_diagnostics(uri) == []


@pytest.mark.parametrize("only", [["source.fixAll.looplint"], ["source"], None])
async def test_fix_all_is_not_offered_when_there_is_nothing_to_fix(
    editor: EditorClient, only: list[str] | None
) -> None:
    """Not even when asked for by kind, as on save: a clean or a noqa'd document has no fix-all."""
    uri = f"file:///looplint-tests/fix-all/clean-{only}.py"
    editor.open(uri, FIXED)

    actions = await source_actions(editor, uri, only)

    assert [action.kind for action in actions] == []


async def test_the_apply_fix_all_command_edits_through_the_client(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/fix-all/command.py"
    editor.open(uri, PROGRAM)
    await editor.current_diagnostics(uri)

    await editor.workspace_execute_command_async(
        types.ExecuteCommandParams(command="looplint.applyFixAll", arguments=[uri])
    )

    assert editor.text(uri) == FIXED
    assert await editor.current_diagnostics(uri) == []
