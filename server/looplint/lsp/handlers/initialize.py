"""``initialize``: resolve the client's capabilities and read ``initializationOptions``.

pygls negotiates the position encoding (the client's first choice among utf-8, utf-16 and
utf-32) and builds the server capabilities from the registered handlers after this runs:
pull diagnostics are withdrawn first for a client that gets pushed ones.
"""

from __future__ import annotations

import logging

from lsprotocol import types

from looplint.lsp.capabilities import ResolvedClientCapabilities
from looplint.lsp.initialization_options import parse_initialization_options
from looplint.lsp.logs import log_to_client
from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)

METHOD = types.INITIALIZE


def initialize(ls: LoopLintServer, params: types.InitializeParams) -> None:
    log_to_client(ls.window_log_message)
    client = params.client_info
    logger.info(
        "looplint %s serving %s",
        ls.version,
        f"{client.name} {client.version or ''}" if client else "an unnamed client",
    )
    encoding = ls.workspace.position_encoding
    ls.client = ResolvedClientCapabilities.from_client(
        params.capabilities, str(getattr(encoding, "value", encoding))
    )
    ls.client.log_decisions()
    if not ls.client.pull_diagnostics:
        ls.protocol.fm.features.pop(types.TEXT_DOCUMENT_DIAGNOSTIC, None)  # not advertised

    folders = [folder.uri for folder in params.workspace_folders or []]
    if not folders and params.root_uri:
        folders = [params.root_uri]
    ls.settings.set_folders(folders)
    ls.indexing.folders_of_opened_files = not folders
    logger.info(
        "Workspace folders: %s",
        ", ".join(folders) or "none; the folder of each file opened stands in for one",
    )
    ls.settings.set_initial(parse_initialization_options(params.initialization_options))
    ls.apply_log_level()
