"""Fix-all: every safe fix in a document (or a whole notebook), as minimal edits.

Shared by the ``source.fixAll.looplint`` and ``notebook.source.fixAll.looplint`` code actions
(and their lazy ``codeAction/resolve``) and the ``looplint.applyFixAll`` command. Only safe
fixes are applied: the LSP asks that fix-all never change what a program does, and the choice
fixes (gather, create_task) do.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified

from looplint.engine import fix_joined_cells, fix_source
from looplint.lsp.document_analysis import DocumentSnapshot
from looplint.lsp.minimal_edit import minimal_edit
from looplint.lsp.notebook_fix_all import notebook_fix_all_edits
from looplint.lsp.positions import ClientPositions
from looplint.lsp.server import LoopLintServer
from looplint.lsp.workspace_edits import document_edit, workspace_edit

logger = logging.getLogger(__name__)

FIX_ALL_KIND = "source.fixAll.looplint"
NOTEBOOK_FIX_ALL_KIND = "notebook.source.fixAll.looplint"
"""VS Code asks notebooks for this kind, naming the notebook by its first cell's URI."""
FIX_ALL_TITLE = "looplint: Fix all safe problems"
APPLY_FIX_ALL_COMMAND = "looplint.applyFixAll"


async def fix_all_edit(ls: LoopLintServer, uri: str) -> types.WorkspaceEdit | None:
    """The edit applying every safe fix to the open document ``uri``; ``None`` if not open.

    For a notebook cell (or a notebook), the whole notebook is fixed. Computed on the analysis
    thread; if the document changes meanwhile the request fails with ``ContentModified``
    rather than returning an edit for text that no longer exists.
    """
    notebook = ls.notebook_of(uri) or (uri if uri in ls.workspace.notebook_documents else None)
    if notebook is not None:
        return await _notebook_fix_all_edit(ls, notebook)
    snapshot = ls.snapshot(uri)
    if snapshot is None:
        return None
    loop = asyncio.get_running_loop()
    edit = await loop.run_in_executor(ls.executor, _fix_all_text_edit, snapshot)
    current = ls.open_document(uri)
    if current is None or current.version != snapshot.version:
        raise JsonRpcContentModified(f"{uri} changed while its fixes were computed")
    return document_edit(ls.client, uri, snapshot.version, [edit] if edit else [])


async def has_safe_fixes(ls: LoopLintServer, uri: str) -> bool:
    """Whether fix-all would change the document (or the notebook of the cell ``uri``)."""
    notebook = ls.notebook_of(uri)
    if notebook is None:
        result = await ls.analyses.current(uri)
        cells = [result] if result else []
    else:
        notebook_result = await ls.notebook_analyses.current(notebook)
        cells = list(notebook_result.cells) if notebook_result else []
    return any(finding.safe_fix for cell in cells for finding in cell.findings)


async def _notebook_fix_all_edit(ls: LoopLintServer, uri: str) -> types.WorkspaceEdit | None:
    snapshot = ls.notebook_snapshot(uri)
    if snapshot is None:
        return None
    loop = asyncio.get_running_loop()
    edits = await loop.run_in_executor(ls.executor, notebook_fix_all_edits, snapshot)
    if ls.notebook_snapshot(uri) != snapshot:
        raise JsonRpcContentModified(f"{uri} changed while its fixes were computed")
    return workspace_edit(ls.client, edits)


def _fix_all_text_edit(snapshot: DocumentSnapshot) -> types.TextEdit | None:
    if not snapshot.settings.enabled:
        return None
    if snapshot.joined_notebook:
        result = fix_joined_cells(snapshot.text, snapshot.settings.rule_settings)
        logger.info("Fix-all on %s: %d fixes applied", snapshot.uri, result.applied)
        return minimal_edit(ClientPositions(snapshot.text, snapshot.encoding), result.source)
    module = snapshot.module
    result = fix_source(
        snapshot.text,
        snapshot.settings.rule_settings,
        module_name=module.name if module else None,
        is_package=module.is_package if module else False,
        project=snapshot.project,
    )
    logger.info("Fix-all on %s: %d fixes applied", snapshot.uri, result.applied)
    return minimal_edit(ClientPositions(snapshot.text, snapshot.encoding), result.source)
