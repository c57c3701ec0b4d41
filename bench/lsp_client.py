"""A minimal LSP client over stdio that stamps the arrival time of every message.

Latency is measured from the moment a message is written to the server to the moment the reply
(or the notification it causes) has been read off the pipe, so the figures include JSON-RPC
framing and (de)serialisation on both sides, as an editor would see them.
"""

import itertools
import json
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

JsonObject = dict[str, Any]


class ServerError(RuntimeError):
    """The server answered with an error, went silent, or exited."""


@dataclass(frozen=True)
class Received:
    """A message from the server and when it was read (``time.perf_counter`` seconds)."""

    message: JsonObject
    at: float


class LspClient:
    """Drives one language server process; a background thread reads everything it sends."""

    def __init__(self, argv: Sequence[str], *, cwd: Path, stderr: BinaryIO) -> None:
        self.process = subprocess.Popen(
            list(argv), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._to_server: BinaryIO = self.process.stdin
        self._from_server: BinaryIO = self.process.stdout
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()
        self._arrived = threading.Condition()
        self._responses: dict[int, Received] = {}
        self._notifications: list[Received] = []
        self._server_requests: list[Received] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read_forever, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def notify(self, method: str, params: JsonObject) -> float:
        """Send a notification; returns when it was written."""
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def send_request(self, method: str, params: JsonObject | None) -> tuple[int, float]:
        """Send a request; returns its id and when it was written."""
        request_id = next(self._ids)
        message = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        return request_id, self._write(message)

    def wait_for_response(self, request_id: int, timeout: float = 120) -> Received:
        received = self._wait(lambda: self._responses.pop(request_id, None), timeout, request_id)
        if "error" in received.message:
            raise ServerError(f"request {request_id} failed: {received.message['error']}")
        return received

    def request(self, method: str, params: JsonObject | None, timeout: float = 120) -> Received:
        request_id, _ = self.send_request(method, params)
        return self.wait_for_response(request_id, timeout)

    def wait_for_notification(
        self, method: str, matches: Callable[[JsonObject], bool], timeout: float = 120
    ) -> Received:
        """The first not yet consumed notification ``method`` whose params satisfy ``matches``."""

        def take() -> Received | None:
            for index, received in enumerate(self._notifications):
                message = received.message
                if message.get("method") == method and matches(message.get("params") or {}):
                    return self._notifications.pop(index)
            return None

        return self._wait(take, timeout, method)

    def wait_for_server_request(self, method: str, timeout: float = 120) -> Received:
        """The first not yet consumed request ``method`` from the server (already answered)."""

        def take() -> Received | None:
            for index, received in enumerate(self._server_requests):
                if received.message["method"] == method:
                    return self._server_requests.pop(index)
            return None

        return self._wait(take, timeout, method)

    def discard_notifications(self) -> None:
        """Forget the notifications and server requests received so far."""
        with self._arrived:
            self._notifications.clear()
            self._server_requests.clear()

    def shutdown(self, timeout: float = 30) -> None:
        """End the session politely; the caller reaps the process."""
        self.request("shutdown", None, timeout)
        self.notify("exit", {})
        self._to_server.close()

    def _wait(self, take: Callable[[], Received | None], timeout: float, what: object) -> Received:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = take()
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if self._closed or remaining <= 0:
                    state = "exited" if self._closed else f"sent nothing for {timeout:.0f} s"
                    raise ServerError(f"waiting for {what}: the server {state}")
                self._arrived.wait(remaining)

    def _write(self, message: JsonObject) -> float:
        body = json.dumps(message, separators=(",", ":")).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        with self._write_lock:
            sent_at = time.perf_counter()
            self._to_server.write(frame)
            self._to_server.flush()
        return sent_at

    def _read_forever(self) -> None:
        while (message := _read_message(self._from_server)) is not None:
            received = Received(message, time.perf_counter())
            is_request = "method" in message and "id" in message
            if is_request:
                self._answer_server_request(message)
            with self._arrived:
                if is_request:
                    self._server_requests.append(received)
                elif "method" in message:
                    self._notifications.append(received)
                else:
                    self._responses[message["id"]] = received
                self._arrived.notify_all()
        with self._arrived:
            self._closed = True
            self._arrived.notify_all()

    def _answer_server_request(self, message: JsonObject) -> None:
        """Accept registrations, progress tokens and refresh requests; answer configuration with
        "no settings"."""
        result: object = None
        if message["method"] == "workspace/configuration":
            result = [None for _ in message["params"]["items"]]
        self._write({"jsonrpc": "2.0", "id": message["id"], "result": result})


def _read_message(stream: BinaryIO) -> JsonObject | None:
    length = None
    while True:
        header = stream.readline()
        if not header:
            return None
        if header in (b"\r\n", b"\n"):
            break
        name, _, value = header.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length is None:
        return None
    body = stream.read(length)
    return json.loads(body) if len(body) == length else None


def reap(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait for a server to exit, killing it if it does not."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def resident_memory_mb(pid: int) -> tuple[float, float]:
    """Current and peak resident memory (VmRSS, VmHWM) of a live process, from ``/proc``."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]
