"""``workspace/executeCommand`` ``looplint.applyFixAll``: fix-all for clients that take commands.

Some clients cannot receive code actions of a given kind (or any ``CodeAction`` at all); the
command computes the same edit and asks the client to apply it with ``workspace/applyEdit``.
"""

from __future__ import annotations

import logging

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcInvalidRequest

from looplint.lsp.fix_all import APPLY_FIX_ALL_COMMAND, FIX_ALL_TITLE, fix_all_edit
from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

COMMAND = APPLY_FIX_ALL_COMMAND


async def apply_fix_all(ls: LoopLintServer, uri: str) -> None:
    """Apply every safe fix to the open document ``uri``."""
    if not ls.client.apply_edit:
        raise JsonRpcInvalidRequest("the client cannot apply edits (workspace/applyEdit)")
    if ls.link_out_of_the_workspace(uri):
        raise JsonRpcInvalidRequest(f"{uri} is a link to a file outside the workspace")
    edit = await fix_all_edit(ls, uri)
    if edit is None:
        raise JsonRpcInvalidParams(f"{uri} is not an open document")
    response = await ls.workspace_apply_edit_async(
        types.ApplyWorkspaceEditParams(edit=edit, label=FIX_ALL_TITLE)
    )
    if not response.applied:
        logger.warning("Client did not apply fix-all to %s: %s", uri, response.failure_reason)
