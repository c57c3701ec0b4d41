"""Pulling the editor's settings (``workspace/configuration``, section ``looplint``).

One item per workspace folder, so each folder can have its own settings, plus one without a
scope for documents outside every folder.
"""

from __future__ import annotations

import logging

from lsprotocol import types

from looplint.lsp.editor_settings import SECTION, SettingsProblem, parsed_or_default
from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)


async def pull_editor_settings(ls: LoopLintServer) -> None:
    """Ask the client for its current settings and take them in (when it can tell)."""
    if not ls.client.workspace_configuration:
        return
    scopes: list[str | None] = [None, *ls.settings.folders]
    items = [types.ConfigurationItem(scope_uri=scope, section=SECTION) for scope in scopes]
    try:
        values = await ls.protocol.ask_client(
            types.WORKSPACE_CONFIGURATION, types.ConfigurationParams(items=items)
        )
    except TimeoutError:
        return  # logged; the settings known so far (initializationOptions) still apply
    except Exception as error:  # a client may refuse; its initializationOptions still apply
        logger.warning("Client did not answer workspace/configuration: %s", error)
        return
    folder_problems: list[SettingsProblem] = []
    global_problems: list[SettingsProblem] = []
    for scope, value in zip(scopes, values or [], strict=False):
        settings, problems = parsed_or_default(value, scope)
        ls.settings.set_pulled(scope, settings)
        (folder_problems if scope else global_problems).extend(problems)
    # A folder's answer includes the global settings: a mistake there is named with its folder.
    ls.settings.report([*folder_problems, *global_problems])
    ls.apply_log_level()
