"""A raw stdio client for `looplint server`: bytes in, messages out, no LSP library between,
so tests can send what no well-behaved client would."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from io import BytesIO
from typing import IO, Any

SERVER = [sys.executable, "-m", "looplint", "server", "--log-level", "debug"]
PULLING_CLIENT = {
    "textDocument": {"diagnostic": {"dynamicRegistration": False}},
    "workspace": {"diagnostics": {"refreshSupport": True}},  # else it is pushed to
}


def framed(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def request(id: int, method: str, params: object = None) -> bytes:
    return framed({"jsonrpc": "2.0", "id": id, "method": method, "params": params})


def notification(method: str, params: object = None) -> bytes:
    return framed({"jsonrpc": "2.0", "method": method, "params": params})


def session(capabilities: dict[str, Any] | None = None) -> bytes:
    """``initialize`` (id 1) and ``initialized``."""
    return request(1, "initialize", {"capabilities": capabilities or {}}) + notification(
        "initialized", {}
    )


GOODBYE = request(99, "shutdown") + notification("exit")


def messages(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The messages a server writes, until it closes its output."""
    while True:
        length = None
        while (line := stream.readline()) not in (b"\r\n", b""):
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
        if not line or length is None:
            return
        yield json.loads(stream.read(length))


def answers(output: bytes) -> dict[int, dict[str, Any]]:
    """The responses in a server's whole output, by request id."""
    return {m["id"]: m for m in messages(BytesIO(output)) if "id" in m and "method" not in m}


def run_server(input: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(SERVER, input=input, capture_output=True, timeout=60, check=False)


def converse(input: bytes, until: set[int]) -> tuple[dict[int, dict[str, Any]], bytes]:
    """Send ``input``, wait for the answers to the requests ``until`` (as a client does before
    it says goodbye), then say goodbye; the answers by id, and the server's log."""
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(input)
        server.stdin.flush()
        responses = _read_answers(server.stdout, until)
        server.stdin.write(GOODBYE)
        server.stdin.close()
        server.stdout.read()
        server.wait(timeout=60)
        log.seek(0)
        return responses, log.read()


def _read_answers(stdout: IO[bytes], until: set[int]) -> dict[int, dict[str, Any]]:
    """The answers read until those to ``until`` are in, or a stall of 30 s."""
    responses: dict[int, dict[str, Any]] = {}

    def read_answers() -> None:
        for message in messages(stdout):
            if "id" in message and "method" not in message:
                responses[message["id"]] = message
                if until <= responses.keys():
                    return

    reader = threading.Thread(target=read_answers, daemon=True)
    reader.start()
    reader.join(timeout=30)  # bounds a stall; answers come at once
    return dict(responses)


class Session:
    """A server started for a test, and a client that waits for the answer to each request
    (answering the server's own requests with ``null``)."""

    def __init__(
        self,
        capabilities: dict[str, Any],
        *,
        unanswered: tuple[str, ...] = (),
        folders: tuple[str, ...] = (),
        log_level: str = "debug",
    ) -> None:
        self._unanswered = unanswered
        """Methods of server requests this client never answers."""
        # The log file gets every record (stderr only those before ``initialize``).
        self._log = tempfile.NamedTemporaryFile(suffix=".log")  # noqa: SIM115 (closed by close())
        self.server = subprocess.Popen(
            [*SERVER[:-1], log_level, "--log-file", self._log.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.server.stdin is not None and self.server.stdout is not None
        self._stdin = self.server.stdin
        self._messages = messages(self.server.stdout)
        self._last_id = 0
        self.initialize_result = self.request(
            "initialize",
            {
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": uri, "name": uri} for uri in folders] or None,
            },
        )
        self.notify("initialized", {})

    def send_raw(self, data: bytes) -> None:
        self._stdin.write(data)
        self._stdin.flush()

    def notify(self, method: str, params: object = None) -> None:
        self._stdin.write(notification(method, params))
        self._stdin.flush()

    def request(self, method: str, params: object = None) -> dict[str, Any]:
        """The server's answer: the whole response message."""
        self._last_id += 1
        self._stdin.write(request(self._last_id, method, params))
        self._stdin.flush()
        for message in self._messages:
            if "method" not in message and message.get("id") == self._last_id:
                return message
            if "method" in message and "id" in message:
                if message["method"] in self._unanswered:
                    continue
                self._stdin.write(framed({"jsonrpc": "2.0", "id": message["id"], "result": None}))
                self._stdin.flush()
        raise EOFError(f"the server ended without answering {method}")

    def request_within(self, seconds: float, method: str, params: object = None) -> dict[str, Any]:
        """``request``, failing instead of waiting longer than ``seconds`` for the answer."""
        answers: list[dict[str, Any]] = []
        asking = threading.Thread(
            target=lambda: answers.append(self.request(method, params)), daemon=True
        )
        asking.start()
        asking.join(timeout=seconds)
        assert answers, f"no answer to {method} within {seconds} s"
        return answers[0]

    def close(self) -> bytes:
        """Say goodbye; the server's log."""
        self._stdin.write(GOODBYE)
        self._stdin.close()
        for _ in self._messages:
            pass
        self.server.wait(timeout=60)
        with self._log:
            self._log.seek(0)
            return self._log.read()
