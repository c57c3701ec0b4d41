"""Notebooks that arrive as one text document (jupyterlab-lsp joins a notebook's code cells
into ``.virtual_documents/<name>.ipynb``): analyzed as notebook cells, never as a script."""

from __future__ import annotations

import pytest
from looplint.lsp.joined_notebooks import is_joined_notebook
from lsprotocol import types

from .editor_client import EditorClient, text_edits

in_module_loop = pytest.mark.asyncio(loop_scope="module")

# Two cells as jupyterlab-lsp 5.3 joins them: a definition, then a top-level run.
JOINED = "import asyncio\nasync def main():\n    return 1\n\n\nresult = asyncio.run(main())\n"
ROOT = "file:///looplint-tests/lab"


@pytest.mark.parametrize(
    ("uri", "joined"),
    [
        (f"{ROOT}/.virtual_documents/demo.ipynb", True),
        (f"{ROOT}/.virtual_documents/sub%20folder/My%20Notebook.ipynb", True),
        (f"{ROOT}/Demo.IPYNB", True),
        (f"{ROOT}/.virtual_documents/demo.py", False),
        (f"{ROOT}/demo.ipynb.py", False),
        ("untitled:Untitled-1", False),
    ],
)
def test_a_text_document_named_like_a_notebook_is_its_joined_cells(uri: str, joined: bool) -> None:
    assert is_joined_notebook(uri) is joined


@in_module_loop
async def test_a_loop_started_at_the_top_level_is_reported_with_the_await_fix(
    editor: EditorClient,
) -> None:
    uri = f"{ROOT}/.virtual_documents/reported.ipynb"
    editor.open(uri, JOINED)

    [diagnostic] = await editor.current_diagnostics(uri)

    assert diagnostic.code == "LOOP301"
    assert diagnostic.range.start == types.Position(5, 9)
    [safe] = [fix for fix in diagnostic.data["fixes"] if fix["safe"]]
    assert safe["title"] == "Replace with `await main()`"


@in_module_loop
async def test_a_script_with_the_same_text_has_no_finding(editor: EditorClient) -> None:
    uri = f"{ROOT}/.virtual_documents/script.py"
    editor.open(uri, JOINED)

    assert await editor.current_diagnostics(uri) == []


@in_module_loop
async def test_fix_all_awaits_at_the_top_level_of_the_joined_cells(editor: EditorClient) -> None:
    uri = f"{ROOT}/.virtual_documents/fix-all.ipynb"
    editor.open(uri, JOINED)
    await editor.current_diagnostics(uri)

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(0, 0), types.Position(6, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.looplint"]),
        )
    )
    [action] = actions or []
    if action.edit is None:
        action = await editor.code_action_resolve_async(action)
    assert action.edit is not None and text_edits(action.edit)
    editor.apply(action.edit)

    assert editor.text(uri) == JOINED.replace("asyncio.run(main())", "await main()")
    assert await editor.current_diagnostics(uri) == []
