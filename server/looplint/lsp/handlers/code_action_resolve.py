"""``codeAction/resolve``: compute the fix-all edit once the user picks the action."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.fix_all import FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, fix_all_edit
from looplint.lsp.server import LoopLintServer

METHOD = types.CODE_ACTION_RESOLVE


async def code_action_resolve(ls: LoopLintServer, action: types.CodeAction) -> types.CodeAction:
    """Fill in the edit of looplint's fix-all; return any other action unchanged."""
    data = action.data
    if (
        action.kind in (FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND)
        and isinstance(data, dict)
        and isinstance(data.get("uri"), str)
    ):
        action.edit = await fix_all_edit(ls, data["uri"])
    return action
