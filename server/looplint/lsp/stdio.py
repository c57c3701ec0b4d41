"""Serving over stdio: the client's messages are read on the event loop itself.

pygls reads stdin on a worker thread, one hand-off per header line and per body: three thread
round trips for every message, about half a millisecond per keystroke on a busy machine. When
stdin is a pipe or a socket (as every editor starts a server), asyncio can watch it directly,
so a message is handled as soon as it arrives. Anything else (a file, a terminal, one socket
shared by stdin and stdout, Windows) keeps pygls's own reader.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from typing import BinaryIO

from pygls.io_ import StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)


def serve_stdio(server: LanguageServer) -> None:
    """Serve on stdin and stdout until the client says ``exit`` or closes stdin."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if not _can_watch(stdin, stdout):
        logger.debug("Reading stdin through pygls's reader thread")
        server.start_io()
        return
    logger.debug("Reading stdin on the event loop")
    server.protocol.set_writer(StdoutWriter(stdout))
    try:
        asyncio.run(_serve(server, stdin))
    except BrokenPipeError:
        logger.error("The client closed the connection; shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass  # ``exit`` ends the process through SystemExit, as with pygls's reader
    finally:
        server.shutdown()


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


async def _serve(server: LanguageServer, stdin: BinaryIO) -> None:
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), stdin)
    await run_async(
        stop_event=threading.Event(),
        reader=_MessageReader(stream),
        protocol=server.protocol,
        logger=logger,
        error_handler=server.report_server_error,
    )


_SKIPPED_LINE = b"(skipped)\r\n"
"""Stands for a skipped line: neither a header nor the blank line that ends the headers."""


class _MessageReader:
    """pygls's reader interface over an asyncio stream, with pygls's reader's behaviour at the
    edges: an overlong line is skipped like any other junk, and end of input mid-message reads
    as end of input (pygls then stops serving)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self._stream = stream

    async def readline(self) -> bytes:
        try:
            return await self._stream.readline()
        except ValueError:
            logger.warning("Skipped an overlong line between messages")
            return _SKIPPED_LINE

    async def readexactly(self, length: int) -> bytes:
        try:
            return await self._stream.readexactly(length)
        except asyncio.IncompleteReadError:
            logger.warning("Input ended in the middle of a message")
            return b""
