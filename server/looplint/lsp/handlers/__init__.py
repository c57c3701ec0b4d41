"""One module per LSP method; ``register_handlers`` is the one list of what looplint answers."""

from __future__ import annotations

from looplint.lsp.handlers import (
    code_action,
    code_action_resolve,
    diagnostic,
    did_change,
    did_change_configuration,
    did_change_watched_files,
    did_change_workspace_folders,
    did_close,
    did_open,
    did_save,
    execute_command,
    hover,
    initialize,
    initialized,
    notebook_did_change,
    notebook_did_close,
    notebook_did_open,
    notebook_did_save,
    shutdown,
)
from looplint.lsp.server import LoopLintServer


def register_handlers(server: LoopLintServer) -> None:
    """Attach every handler to ``server``; pygls advertises capabilities from this list."""
    server.feature(initialize.METHOD)(initialize.initialize)
    server.feature(initialized.METHOD)(initialized.initialized)
    server.feature(shutdown.METHOD)(shutdown.shutdown)
    server.feature(did_open.METHOD)(did_open.did_open)
    server.feature(did_change.METHOD)(did_change.did_change)
    server.feature(did_close.METHOD)(did_close.did_close)
    server.feature(did_save.METHOD)(did_save.did_save)
    server.feature(notebook_did_open.METHOD)(notebook_did_open.notebook_did_open)
    server.feature(notebook_did_change.METHOD)(notebook_did_change.notebook_did_change)
    server.feature(notebook_did_save.METHOD)(notebook_did_save.notebook_did_save)
    server.feature(notebook_did_close.METHOD)(notebook_did_close.notebook_did_close)
    server.feature(diagnostic.METHOD, diagnostic.OPTIONS)(diagnostic.diagnostic)
    server.feature(code_action.METHOD, code_action.OPTIONS)(code_action.code_action)
    server.feature(code_action_resolve.METHOD)(code_action_resolve.code_action_resolve)
    server.feature(hover.METHOD)(hover.hover)
    server.command(execute_command.COMMAND)(execute_command.apply_fix_all)
    server.feature(did_change_configuration.METHOD)(
        did_change_configuration.did_change_configuration
    )
    server.feature(did_change_watched_files.METHOD)(
        did_change_watched_files.did_change_watched_files
    )
    server.feature(did_change_workspace_folders.METHOD)(
        did_change_workspace_folders.did_change_workspace_folders
    )
