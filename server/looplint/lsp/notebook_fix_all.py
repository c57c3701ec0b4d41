"""Fix-all for a notebook: every safe fix in every cell, one minimal edit per changed cell.

Fixes in a notebook may reach across cells (an ``import asyncio`` in the first one), so the
whole notebook is fixed at once, never one cell alone.
"""

from __future__ import annotations

import logging

from looplint.engine import fix_notebook
from looplint.lsp.minimal_edit import minimal_edit
from looplint.lsp.notebook_analysis import NotebookSnapshot
from looplint.lsp.positions import ClientPositions
from looplint.lsp.workspace_edits import DocumentEdits

logger = logging.getLogger(__name__)


def notebook_fix_all_edits(snapshot: NotebookSnapshot) -> list[DocumentEdits]:
    """The edit of each cell that fix-all changes (runs on an analysis thread)."""
    if not snapshot.settings.enabled:
        return []
    result = fix_notebook([cell.text for cell in snapshot.cells], snapshot.settings.rule_settings)
    logger.info("Fix-all on notebook %s: %d fixes applied", snapshot.uri, result.applied)
    edits = []
    for cell, new_text in zip(snapshot.cells, result.cells, strict=True):
        if cell.text is None or new_text is None:
            continue
        edit = minimal_edit(ClientPositions(cell.text, snapshot.encoding), new_text)
        if edit is not None:
            edits.append(DocumentEdits(cell.uri, cell.version, (edit,)))
    return edits
