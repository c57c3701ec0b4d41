"""Serving over stdio: the client's bytes are cut into messages by ``MessageFramer`` (which
finds its way back after a wrong ``Content-Length``) and handled on the event loop.

When stdin is a pipe or a socket (as every editor starts a server), asyncio watches it
directly, so a message is handled as soon as it arrives, with no thread round trip. Anything
else (a file, a terminal, one socket shared by stdin and stdout, Windows) is read by a daemon
thread, which never keeps the process alive after ``exit``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import BinaryIO

from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

from looplint.lsp.framing import MessageFramer

logger = logging.getLogger(__name__)

_CHUNK = 65536

ReadChunk = Callable[[], Awaitable[bytes]]
"""Reads the next bytes of input; ``b""`` at its end."""


def serve_stdio(server: LanguageServer) -> int:
    """Serve on stdin and stdout until the client says ``exit`` or closes stdin; return the
    exit status (1 for an ``exit`` without ``shutdown``)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    watch = _can_watch(stdin, stdout)
    logger.debug("Reading stdin %s", "on the event loop" if watch else "on a thread")
    server.protocol.set_writer(_Stdout(stdout))
    status = 0
    try:
        asyncio.run(_serve(server, stdin, watch))
    except BrokenPipeError:
        logger.error("The client closed the connection; shutting down")
    except KeyboardInterrupt:
        pass
    except SystemExit as exit:  # ``exit`` ends the process through SystemExit, as in pygls
        status = exit.code if isinstance(exit.code, int) else 0
    finally:
        server.shutdown()
    return status


def _can_watch(stdin: BinaryIO, stdout: BinaryIO) -> bool:
    """Whether asyncio can wait on stdin without changing how stdout is written.

    Watching makes stdin non-blocking, which would make stdout non-blocking too if both were
    the same open socket; writes to stdout must stay blocking.
    """
    if sys.platform == "win32":
        return False
    try:
        mode = os.fstat(stdin.fileno()).st_mode
        shared = os.path.sameopenfile(stdin.fileno(), stdout.fileno())
    except (OSError, ValueError):
        return False
    return (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)) and not shared


async def _serve(server: LanguageServer, stdin: BinaryIO, watch: bool) -> None:
    read = await _watched_reader(stdin) if watch else _thread_reader(stdin)
    framer = MessageFramer()
    while chunk := await read():
        for message in framer.feed(chunk):
            _handle(server, message)
    framer.close()


def _handle(server: LanguageServer, message: object) -> None:
    """Hand one message to pygls, as its own reader would; a message pygls cannot take is
    logged and dropped."""
    if not isinstance(message, dict):
        logger.warning("Skipped a message that is not a JSON object")
        return
    protocol = server.protocol
    try:
        structured = protocol.structure_message(message)
    except JsonRpcException:
        return  # logged, and answered if it was a request, by the protocol
    try:
        protocol.handle_message(structured)
    except Exception as error:
        logger.exception("Unable to handle message")
        server.report_server_error(error, JsonRpcException)


class _Stdout(StdoutWriter):
    """stdout, which ``exit`` closes: answers finishing after that are dropped, not failed
    with a traceback each."""

    def __init__(self, stdout: BinaryIO) -> None:
        super().__init__(stdout)
        self._closed = False

    def close(self) -> None:
        self._closed = True
        super().close()

    def write(self, data: bytes) -> None:
        if self._closed:
            logger.debug("Dropped a message sent after exit")
            return
        super().write(data)


async def _watched_reader(stdin: BinaryIO) -> ReadChunk:
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=_CHUNK)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), stdin)
    return lambda: stream.read(_CHUNK)


def _thread_reader(stdin: BinaryIO) -> ReadChunk:
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue()

    def read_forever() -> None:
        chunk = b"-"
        while chunk:
            try:
                chunk = os.read(stdin.fileno(), _CHUNK)
            except OSError:
                chunk = b""
            try:
                loop.call_soon_threadsafe(chunks.put_nowait, chunk)
            except RuntimeError:  # the loop has ended (``exit``): nobody is reading any more
                return

    threading.Thread(target=read_forever, name="looplint-stdin", daemon=True).start()
    return chunks.get
