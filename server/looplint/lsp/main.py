"""Starting the language server: over stdio (the default) or TCP."""

from __future__ import annotations

import logging
import sys

from looplint.lsp.handlers import register_handlers
from looplint.lsp.logs import DEFAULT_LEVEL, configure_logging
from looplint.lsp.server import LoopLintServer
from looplint.lsp.stdio import serve_stdio

logger = logging.getLogger(__name__)

THREAD_SWITCH_SECONDS = 0.001
"""How long a thread holds the GIL while others wait (Python's default: 5 ms). Analyses run on
worker threads beside the message thread; a short slice lets messages and small documents'
analyses through while a slow one runs."""


def create_server() -> LoopLintServer:
    """A server with every handler registered, ready to start."""
    server = LoopLintServer()
    register_handlers(server)
    return server


def serve(tcp: tuple[str, int] | None, log_file: str | None, log_level: str | None) -> int:
    """Run the server until the client says ``exit`` (or the connection drops); return the
    exit status."""
    level = log_level or DEFAULT_LEVEL
    configure_logging(log_file, level)
    sys.setswitchinterval(THREAD_SWITCH_SECONDS)
    server = create_server()
    server.default_log_level = level
    if tcp is None:
        logger.info("Serving on stdio")
        return serve_stdio(server)
    else:
        host, port = tcp
        logger.info("Serving on %s:%d", host, port)
        server.start_tcp(host, port)
        return 0
