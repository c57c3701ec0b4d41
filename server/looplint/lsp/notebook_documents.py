"""Notebooks as the client syncs them (LSP 3.17 notebook documents), read into snapshots.

pygls keeps each notebook (its cells, in order) and each synced cell as a text document of
its own. The engine wants the notebook's cells in order, with ``None`` for every cell that is
not Python code, so that its cell numbers are positions in the notebook.
"""

from __future__ import annotations

from urllib.parse import unquote

from lsprotocol import types
from pygls.workspace import Workspace

from looplint.lsp.notebook_analysis import CellSnapshot

PYTHON = "python"

NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook="*", cells=[types.NotebookCellLanguage(language=PYTHON)]
        )
    ],
    save=True,
)
"""Every notebook with Python cells; only those cells are synced."""


def notebook_uri_of(workspace: Workspace, cell_uri: str) -> str | None:
    """The notebook holding the cell ``cell_uri``; ``None`` for any other document.

    Markup cells are not synced, yet VS Code names a notebook by its first cell, which may be
    one: those are found among the notebooks' cells.
    """
    notebook = workspace.get_notebook_document(cell_uri=cell_uri)
    if notebook is not None:
        return notebook.uri
    return next(
        (
            uri
            for uri, notebook in workspace.notebook_documents.items()
            if any(cell.document == cell_uri for cell in notebook.cells)
        ),
        None,
    )


def notebook_cells(workspace: Workspace, notebook_uri: str) -> tuple[CellSnapshot, ...] | None:
    """The notebook's cells in order; ``None`` if it is not open."""
    notebook = workspace.get_notebook_document(notebook_uri=notebook_uri)
    if notebook is None:
        return None
    cells = []
    for cell in notebook.cells:
        # pygls keeps documents under their unquoted URI; VS Code's cell URIs are quoted.
        document = workspace.text_documents.get(unquote(cell.document))
        is_code = (
            document is not None
            and cell.kind == types.NotebookCellKind.Code
            and document.language_id in (PYTHON, None)
        )
        cells.append(
            CellSnapshot(
                uri=cell.document,
                version=(document.version or 0) if document else 0,
                text=document.source if document and is_code else None,
            )
        )
    return tuple(cells)
