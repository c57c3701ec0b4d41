"""Hover on a flagged call is a short card (message, why, safe fix, link to the rule); on a
``# noqa:`` code it is the rule's whole documentation."""

from __future__ import annotations

import pytest
from looplint.engine import RULES, Finding, Position, Span
from looplint.lsp.handlers.hover import finding_card
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = (
    "import asyncio\n\n\nasync def main():\n"
    "    asyncio.run(work())\n"
    "    loop = asyncio.get_event_loop()  # noqa: LOOP101, LOOP402\n"
)
WITHOUT_SAFE_FIX = (
    "import asyncio\n\n\ndef load():\n"
    "    loop = asyncio.new_event_loop()\n"
    "    return loop.run_until_complete(work())\n\n\n"
    "async def main():\n"
    "    return load()\n"
)
MOST_LINES = 12


async def hover_at(editor: EditorClient, uri: str, line: int, character: int) -> types.Hover | None:
    return await editor.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )


async def test_hover_on_a_flagged_call_is_a_short_card_on_the_finding(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/hover/call.py"
    editor.open(uri, PROGRAM)
    [diagnostic, *_] = await editor.current_diagnostics(uri)
    rule = RULES["LOOP101"]

    hover = await hover_at(editor, uri, 4, 10)

    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.range == types.Range(types.Position(4, 4), types.Position(4, 23))
    card = hover.contents.value
    assert card.split("\n\n") == [
        f"**LOOP101**: {diagnostic.message}",
        f"**Why**: {rule.why}",
        "**Safe fix**: Replace with `await work()`",
        f"[LOOP101: asyncio-run-in-loop]({rule.url})",
    ]


async def test_hover_on_a_finding_without_a_safe_fix_says_so(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/hover/no-safe-fix.py"
    editor.open(uri, WITHOUT_SAFE_FIX)

    hover = await hover_at(editor, uri, 9, 12)

    assert hover is not None
    assert hover.contents.value.startswith("**LOOP201**: `load()` starts an event loop")
    assert "No safe fix: the quick fixes offer choices." in hover.contents.value.split("\n\n")


@pytest.mark.parametrize("code", list(RULES))
async def test_every_rules_card_fits_a_glance(code: str) -> None:
    """No title, a dozen lines at most, each rule's "why" in a sentence or two."""
    rule = RULES[code]
    finding = Finding(code, rule.default_severity, "m" * 300, Span(Position(0, 0), Position(0, 1)))

    card = finding_card(finding, rule, markdown=True)

    assert not card.startswith("#")
    assert len(card.splitlines()) <= MOST_LINES
    assert len(rule.why) <= 240
    assert rule.url in card


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
