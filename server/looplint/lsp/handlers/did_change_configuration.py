"""``workspace/didChangeConfiguration``: take in new editor settings without a restart."""

from __future__ import annotations

from collections.abc import Mapping

from lsprotocol import types

from looplint.lsp.editor_settings import SECTION, parsed_or_default
from looplint.lsp.editor_settings_pull import pull_editor_settings
from looplint.lsp.server import LoopLintServer

METHOD = types.WORKSPACE_DID_CHANGE_CONFIGURATION


async def did_change_configuration(
    ls: LoopLintServer, params: types.DidChangeConfigurationParams
) -> None:
    """Pull the settings when the client can be asked; else read the ones it sent."""
    await ls.update_settings(_take_in(ls, params.settings))


async def _take_in(ls: LoopLintServer, sent: object) -> None:
    ls.settings.forget_files()
    if ls.client.workspace_configuration:
        await pull_editor_settings(ls)
        return
    if isinstance(sent, Mapping) and isinstance(sent.get(SECTION), Mapping):
        sent = sent[SECTION]
    settings, problems = parsed_or_default(sent, None)
    ls.settings.set_pulled(None, settings)
    ls.settings.report(problems)
    ls.apply_log_level()
