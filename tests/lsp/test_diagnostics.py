"""Diagnostics reach every client once: pulled by clients that can, pushed to the others."""

from __future__ import annotations

import pytest
from looplint.engine import RULES
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"


async def test_a_loop_started_in_a_coroutine_is_reported(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/diagnostics/reported.py"
    editor.open(uri, PROGRAM)

    [diagnostic] = await editor.current_diagnostics(uri)

    assert diagnostic.code == "LOOP101"
    assert diagnostic.source == "looplint"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.code_description == types.CodeDescription(href=RULES["LOOP101"].url)
    assert "already running" in diagnostic.message or "running event loop" in diagnostic.message
    assert diagnostic.range.start == types.Position(line=4, character=4)


async def test_diagnostic_data_carries_the_fixes_and_the_version(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/diagnostics/data.py"
    editor.open(uri, PROGRAM)

    [diagnostic] = await editor.current_diagnostics(uri)

    assert diagnostic.data["version"] == 1
    fixes = diagnostic.data["fixes"]
    assert [fix["kind"] for fix in fixes if fix["safe"]] == ["await"]
    assert "noqa" in [fix["kind"] for fix in fixes]
    assert all(fix["edits"] for fix in fixes)


async def test_diagnostics_are_pushed_only_to_clients_that_cannot_pull(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/diagnostics/push-or-pull.py"
    editor.open(uri, PROGRAM)

    await editor.current_diagnostics(uri)

    if editor.pulls:
        assert editor.publishes_for(uri) == []
    else:
        [published] = editor.publishes_for(uri)
        assert published.version == 1


async def test_closing_a_document_clears_its_diagnostics(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/diagnostics/closed.py"
    editor.open(uri, PROGRAM)
    assert await editor.current_diagnostics(uri)

    editor.close(uri)

    assert await editor.current_diagnostics(uri) == []


async def test_a_syntax_error_elsewhere_does_not_hide_the_finding(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/diagnostics/broken-elsewhere.py"
    broken = "def broken(:\n    return (\n\n\n"
    editor.open(uri, PROGRAM + "\n\n" + broken)

    codes = [diagnostic.code for diagnostic in await editor.current_diagnostics(uri)]

    assert "LOOP101" in codes


async def test_code_outside_a_coroutine_is_not_reported(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/diagnostics/clean.py"
    editor.open(uri, "import asyncio\n\n\nasync def main():\n    pass\n\n\nasyncio.run(main())\n")

    assert await editor.current_diagnostics(uri) == []
