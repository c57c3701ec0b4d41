"""``initialized``: watch pyproject.toml and Python files, pull the editor's settings, then
index the workspace in the background."""

from __future__ import annotations

import logging

from lsprotocol import types

from looplint.lsp.editor_settings_pull import pull_editor_settings
from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

METHOD = types.INITIALIZED

WATCHED_GLOBS = ("**/pyproject.toml", "**/*.py")


async def initialized(ls: LoopLintServer, params: types.InitializedParams) -> None:
    await ls.update_settings(_settings_sources(ls))
    ls.indexing.start()


async def _settings_sources(ls: LoopLintServer) -> None:
    if ls.client.did_change_watched_files_dynamic:
        await _watch_files(ls)
    else:
        logger.info(
            "Client cannot watch files: pyproject.toml is re-read when it changes on disk, "
            "Python files are indexed again when opened and closed"
        )
    await pull_editor_settings(ls)


async def _watch_files(ls: LoopLintServer) -> None:
    registration = types.Registration(
        id="looplint-file-watcher",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
        ),
    )
    try:
        await ls.protocol.ask_client(
            types.CLIENT_REGISTER_CAPABILITY, types.RegistrationParams(registrations=[registration])
        )
        logger.info("Watching %s", ", ".join(WATCHED_GLOBS))
    except TimeoutError:
        pass  # logged; pyproject.toml is then re-read when it changes on disk
    except Exception as error:  # the client may refuse; settings are then read on analysis
        logger.warning("Client refused to watch %s: %s", ", ".join(WATCHED_GLOBS), error)
