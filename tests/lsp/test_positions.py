"""Every column is in the client's negotiated encoding, both ways."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .editor_client import EditorClient, fix_edits

pytestmark = pytest.mark.asyncio(loop_scope="module")

PREFIX = '    s = "漢字🙂"; '
CALL = "asyncio.run(work())"
PROGRAM = f"import asyncio\n\n\nasync def main():\n{PREFIX}{CALL}\n"


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in code units of an LSP position encoding, by Python's codecs."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


async def test_the_encoding_is_the_clients_first_choice(editor: EditorClient) -> None:
    offered = (
        editor.capabilities.general.position_encodings if editor.capabilities.general else None
    )
    assert editor.encoding == (offered[0] if offered else "utf-16")


async def test_a_call_after_cjk_and_an_emoji_is_at_the_same_character(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/positions/non-ascii.py"
    editor.open(uri, PROGRAM)

    [diagnostic] = await editor.current_diagnostics(uri)

    start = units(PREFIX, editor.encoding)
    assert diagnostic.range == types.Range(
        start=types.Position(4, start),
        end=types.Position(4, start + len(CALL)),
    )


async def test_a_fix_on_a_non_ascii_line_edits_exactly_the_call(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/positions/non-ascii-fix.py"
    editor.open(uri, PROGRAM)
    [diagnostic] = await editor.current_diagnostics(uri)
    [safe_fix] = [fix for fix in diagnostic.data["fixes"] if fix["safe"]]

    editor.change(uri, fix_edits(safe_fix))

    assert editor.text(uri).splitlines()[4] == f"{PREFIX}await work()"
    assert await editor.current_diagnostics(uri) == []


async def test_a_code_action_range_in_client_units_selects_the_call(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/positions/non-ascii-range.py"
    editor.open(uri, PROGRAM)
    await editor.current_diagnostics(uri)
    start = units(PREFIX, editor.encoding)
    selection = types.Range(types.Position(4, start + 2), types.Position(4, start + 5))

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=selection,
            context=types.CodeActionContext(diagnostics=[], only=["quickfix"]),
        )
    )

    assert actions and all("LOOP101" in action.title for action in actions)


async def test_a_range_before_the_call_on_a_non_ascii_line_selects_nothing(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/positions/non-ascii-before.py"
    editor.open(uri, PROGRAM)
    await editor.current_diagnostics(uri)
    # Read as code points, this end would fall inside the call (utf-8 and utf-16 clients).
    just_before_the_call = units(PREFIX, editor.encoding) - 1
    selection = types.Range(types.Position(4, 4), types.Position(4, just_before_the_call))

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=selection,
            context=types.CodeActionContext(diagnostics=[], only=["quickfix"]),
        )
    )

    assert list(actions or []) == []
