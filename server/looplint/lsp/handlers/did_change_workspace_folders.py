"""``workspace/didChangeWorkspaceFolders``: folders (their settings, their modules) came or went."""

from __future__ import annotations

import logging

from lsprotocol import types

from looplint.lsp.editor_settings_pull import pull_editor_settings
from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

METHOD = types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS


async def did_change_workspace_folders(
    ls: LoopLintServer, params: types.DidChangeWorkspaceFoldersParams
) -> None:
    """pygls has updated its folder list already; settings and the index follow it."""
    ls.settings.set_folders(folder.uri for folder in ls.workspace.folders.values())
    logger.info("Workspace folders: %s", ", ".join(ls.settings.folders) or "none")
    await ls.update_settings(pull_editor_settings(ls))
    ls.indexing.start()
