"""Quick fixes per finding: the safe one preferred, the choices, and "disable for this line"."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = (
    "import asyncio\n\n\nasync def main():\n"
    "    asyncio.run(one())\n"
    "    asyncio.run(two())\n"
    "    for item in items:\n"
    "        asyncio.run(handle(item))\n"
)


async def quick_fixes(
    editor: EditorClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=["quickfix"]),
        )
    )
    assert actions is not None
    assert all(isinstance(action, types.CodeAction) for action in actions)
    return list(actions)


async def test_the_safe_fix_is_the_preferred_quick_fix(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/code-actions/preferred.py"
    editor.open(uri, PROGRAM)
    first, *_ = await editor.current_diagnostics(uri)

    actions = await quick_fixes(editor, uri, first)

    [preferred] = [action for action in actions if action.is_preferred]
    assert preferred.title == "looplint (LOOP101): Replace with `await one()`"
    assert preferred.kind == types.CodeActionKind.QuickFix
    assert list(preferred.diagnostics or []) == [first]
    titles = [action.title for action in actions]
    assert "looplint (LOOP101): Disable LOOP101 for this line" in titles
    assert any("asyncio.gather" in title for title in titles)
    assert any("task" in title for title in titles)


async def test_without_a_safe_fix_no_choice_is_marked_preferred(editor: EditorClient) -> None:
    """Not even ``isPreferred: false``: Eglot reads any value there as "preferred"."""
    uri = "file:///looplint-tests/code-actions/no-safe-fix.py"
    editor.open(
        uri,
        "import asyncio\n\n\ndef load():\n"
        "    loop = asyncio.new_event_loop()\n"
        "    return loop.run_until_complete(work())\n\n\n"
        "async def main():\n"
        "    return load()\n",
    )
    [finding] = await editor.current_diagnostics(uri)

    actions = await quick_fixes(editor, uri, finding)

    assert [action.title for action in actions] == [
        "looplint (LOOP201): Run `load` in a worker thread",
        "looplint (LOOP201): Disable LOOP201 for this line",
    ]
    assert [action.is_preferred for action in actions] == [None, None]


@pytest.mark.parametrize("finding", [0, 1, 2])
async def test_every_quick_fix_applied_removes_its_finding(
    editor: EditorClient, finding: int
) -> None:
    """Each action is applied to a fresh copy; the server then re-checks the edited text."""
    uri = f"file:///looplint-tests/code-actions/every-{finding}-0.py"
    editor.open(uri, PROGRAM)
    diagnostics = await editor.current_diagnostics(uri)
    count = len(await quick_fixes(editor, uri, diagnostics[finding]))
    assert count >= 3

    for index in range(count):
        copy = f"file:///looplint-tests/code-actions/every-{finding}-{index + 1}.py"
        editor.open(copy, PROGRAM)
        before = await editor.current_diagnostics(copy)
        action = (await quick_fixes(editor, copy, before[finding]))[index]

        flagged = editor.documents[copy].text_in_client_range(before[finding].range)

        editor.apply(action.edit)
        after = await editor.current_diagnostics(copy)

        compile(editor.text(copy), copy, "exec")
        still_flagged = [editor.documents[copy].text_in_client_range(d.range) for d in after]
        assert flagged not in still_flagged, action.title
        assert len(after) < len(before), action.title


async def test_fixes_of_an_old_version_are_not_offered(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/code-actions/stale.py"
    editor.open(uri, PROGRAM)
    [old, *_] = await editor.current_diagnostics(uri)
    editor.change(
        uri, [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), "#\n")]
    )

    actions = await quick_fixes(editor, uri, old)

    assert actions == []


async def test_a_cursor_without_diagnostics_gets_the_fixes_on_its_line(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/code-actions/cursor.py"
    editor.open(uri, PROGRAM)
    await editor.current_diagnostics(uri)
    cursor = types.Position(5, 0)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(cursor, cursor),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )

    preferred = [action.title for action in actions or [] if action.is_preferred]
    assert preferred == ["looplint (LOOP101): Replace with `await two()`"]


async def test_only_other_kinds_gets_no_looplint_actions(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/code-actions/other-kinds.py"
    editor.open(uri, PROGRAM)
    [first, *_] = await editor.current_diagnostics(uri)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=first.range,
            context=types.CodeActionContext(diagnostics=[first], only=["refactor"]),
        )
    )

    assert list(actions or []) == []
