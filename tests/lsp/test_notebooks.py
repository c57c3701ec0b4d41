"""Notebooks (LSP notebook documents): analyzed as a whole, reported and fixed per cell."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .editor_client import EditorClient, text_edits

pytestmark = pytest.mark.asyncio(loop_scope="module")

MARKDOWN = (types.NotebookCellKind.Markup, "# Results\n")
DEFINITION = (types.NotebookCellKind.Code, "import asyncio\n\n\nasync def main():\n    return 1\n")
TOP_LEVEL_RUN = (types.NotebookCellKind.Code, "result = 2\nasyncio.run(main())\n")


def open_notebook(editor: EditorClient, name: str) -> list[str]:
    return editor.open_notebook(
        f"file:///looplint-tests/notebooks/{name}.ipynb", [MARKDOWN, DEFINITION, TOP_LEVEL_RUN]
    )


async def test_a_loop_started_at_a_cell_top_level_is_reported_on_that_cell(
    editor: EditorClient,
) -> None:
    _, definition, run = open_notebook(editor, "reported")

    [diagnostic] = await editor.current_diagnostics(run)

    assert diagnostic.code == "LOOP301"
    assert diagnostic.range.start == types.Position(1, 0)
    assert await editor.current_diagnostics(definition) == []


async def test_the_quick_fix_awaits_the_coroutine_in_its_cell(editor: EditorClient) -> None:
    _, _, run = open_notebook(editor, "quick-fix")
    [diagnostic] = await editor.current_diagnostics(run)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(run),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=["quickfix"]),
        )
    )
    [preferred] = [action for action in actions or [] if action.is_preferred]
    assert preferred.edit is not None
    editor.apply(preferred.edit)

    assert editor.text(run) == "result = 2\nawait main()\n"
    assert await editor.current_diagnostics(run) == []


async def test_notebook_fix_all_fixes_every_cell_from_the_first_cells_uri(
    editor: EditorClient,
) -> None:
    markdown, definition, run = open_notebook(editor, "fix-all")
    await editor.current_diagnostics(run)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(markdown),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(
                diagnostics=[], only=["notebook.source.fixAll.looplint"]
            ),
        )
    )
    [action] = actions or []
    if action.edit is None:
        action = await editor.code_action_resolve_async(action)
    assert action.edit is not None
    assert len(text_edits(action.edit)) == 1
    editor.apply(action.edit)

    assert editor.text(run) == "result = 2\nawait main()\n"
    assert editor.text(definition) == DEFINITION[1]
    assert await editor.current_diagnostics(run) == []


async def test_a_source_fix_all_on_a_cell_is_not_offered(editor: EditorClient) -> None:
    _, _, run = open_notebook(editor, "no-file-fix-all")
    await editor.current_diagnostics(run)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(run),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )

    assert list(actions or []) == []
