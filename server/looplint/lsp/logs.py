"""Where the server's log goes: one place at a time, so each record is seen once.

Until ``initialize``, looplint's records go to stderr (or ``--log-file``); from then on to the
client as ``window/logMessage``, and no longer to stderr: editors show a server's stderr next
to its log messages (VS Code's output channel) or file every stderr line as an error
(Neovim's lsp.log). A ``--log-file`` keeps getting every record. Never stdout: stdout is the
protocol channel. Only looplint's own records reach the client; pygls logs every message it
sends, so forwarding those would feed on itself (its warnings stay on stderr).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable

from lsprotocol import types

PACKAGE_LOGGER = logging.getLogger("looplint")

_LEVELS = {
    "error": logging.ERROR,
    "warning": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
}
_MESSAGE_TYPES = (
    (logging.ERROR, types.MessageType.Error),
    (logging.WARNING, types.MessageType.Warning),
    (logging.INFO, types.MessageType.Info),
)


DEFAULT_LEVEL = "warning"
"""Quiet unless asked: ``--log-level`` or the editor's ``logLevel`` say otherwise."""


def configure_logging(log_file: str | None, level: str) -> None:
    """Send looplint's records at ``level`` (and pygls's warnings) to stderr or ``log_file``."""
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8")
        if log_file
        else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    set_log_level(level)


def set_log_level(level: str) -> None:
    """Change how much looplint logs (``error``, ``warning``, ``info``, ``debug``)."""
    PACKAGE_LOGGER.setLevel(_LEVELS.get(level, logging.WARNING))


def log_to_client(send: Callable[[types.LogMessageParams], None]) -> None:
    """From now on, looplint's records go to the client, and to stderr no more.

    Called on ``initialize`` (on the event loop's thread); a second call replaces the first.
    """
    for handler in PACKAGE_LOGGER.handlers:
        if isinstance(handler, ClientLogHandler):
            PACKAGE_LOGGER.removeHandler(handler)
    PACKAGE_LOGGER.addHandler(ClientLogHandler(send, asyncio.get_running_loop()))
    writes_a_file = any(isinstance(h, logging.FileHandler) for h in logging.getLogger().handlers)
    PACKAGE_LOGGER.propagate = writes_a_file


class ClientLogHandler(logging.Handler):
    """Forwards looplint's log records to the client as ``window/logMessage``.

    Records may come from the analysis threads; they are handed to the event loop's thread,
    the only one allowed to write to the client.
    """

    def __init__(
        self, send: Callable[[types.LogMessageParams], None], loop: asyncio.AbstractEventLoop
    ) -> None:
        super().__init__()
        self._send = send
        self._loop = loop
        self._loop_thread = threading.get_ident()
        self._sending = threading.local()
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self._sending, "active", False):
            return  # logged by the transport while it sends a record: sending it would recurse
        self._sending.active = True
        try:
            self._forward(record)
        finally:
            self._sending.active = False

    def _forward(self, record: logging.LogRecord) -> None:
        message_type = next(
            (kind for level, kind in _MESSAGE_TYPES if record.levelno >= level),
            types.MessageType.Log,
        )
        params = types.LogMessageParams(type=message_type, message=self.format(record))
        if threading.get_ident() == self._loop_thread:
            self._send(params)
        elif not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._send, params)
