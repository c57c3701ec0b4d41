"""Hover shows a rule's documentation on a flagged call and on a ``# noqa:`` code."""

from __future__ import annotations

import pytest
from looplint.engine import RULES
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = (
    "import asyncio\n\n\nasync def main():\n"
    "    asyncio.run(work())\n"
    "    loop = asyncio.get_event_loop()  # noqa: LOOP101, LOOP402\n"
)


async def hover_at(editor: EditorClient, uri: str, line: int, character: int) -> types.Hover | None:
    return await editor.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )


async def test_hover_on_a_flagged_call_shows_its_rule(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/hover/call.py"
    editor.open(uri, PROGRAM)

    hover = await hover_at(editor, uri, 4, 10)

    assert hover is not None
    assert hover.contents.value == RULES["LOOP101"].documentation
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.range == types.Range(types.Position(4, 4), types.Position(4, 23))


async def test_hover_on_a_noqa_code_shows_that_rule(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/hover/noqa.py"
    editor.open(uri, PROGRAM)
    line = PROGRAM.splitlines()[5]

    hover = await hover_at(editor, uri, 5, line.index("LOOP402") + 3)

    assert hover is not None
    assert hover.contents.value == RULES["LOOP402"].documentation


async def test_hover_elsewhere_shows_nothing(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/hover/elsewhere.py"
    editor.open(uri, PROGRAM)

    assert await hover_at(editor, uri, 3, 2) is None
