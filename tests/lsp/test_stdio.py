"""`looplint server` on stdio: messages are read on the event loop when stdin is a pipe or a
socket, through pygls's reader thread otherwise, and junk between messages never stops it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import pytest

SERVER = [sys.executable, "-m", "looplint", "server", "--log-level", "debug"]
ON_THE_LOOP = b"Reading stdin on the event loop"
THROUGH_PYGLS = b"Reading stdin through pygls's reader thread"
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


def test_a_pipe_is_read_on_the_event_loop() -> None:
    completed = run_server(session() + GOODBYE)
    assert ON_THE_LOOP in completed.stderr
    assert "capabilities" in answers(completed.stdout)[1]["result"]
    assert 99 in answers(completed.stdout)
    assert completed.returncode == 0
    assert b"Traceback" not in completed.stderr


def test_stdin_from_a_file_is_read_by_pygls(tmp_path: Path) -> None:
    script = tmp_path / "messages"
    script.write_bytes(session() + GOODBYE)
    with script.open("rb") as stdin:
        completed = subprocess.run(
            SERVER, stdin=stdin, capture_output=True, timeout=60, check=False
        )
    assert THROUGH_PYGLS in completed.stderr
    assert "capabilities" in answers(completed.stdout)[1]["result"]
    assert b"Traceback" not in completed.stderr


def test_one_socket_for_stdin_and_stdout_keeps_pygls_reader() -> None:
    """Watching stdin would make the shared socket non-blocking for stdout's writes too."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        server = subprocess.Popen(SERVER, stdin=theirs, stdout=theirs, stderr=subprocess.PIPE)
        theirs.close()
        ours.sendall(session())
        reader = ours.makefile("rb")
        first = next(m for m in messages(reader) if m.get("id") == 1)
        ours.sendall(GOODBYE)
        ours.shutdown(socket.SHUT_WR)
        _, stderr = server.communicate(timeout=60)
    assert "capabilities" in first["result"]
    assert THROUGH_PYGLS in stderr


def test_junk_and_an_overlong_line_between_messages_are_skipped() -> None:
    junk = b"\x00\xff garbage\r\nX-Nonsense: 1\r\n" + b"y" * 200_000 + b"\r\n"
    completed = run_server(junk + session() + b"z" * 100_000 + b"\r\n" + GOODBYE)
    responses = answers(completed.stdout)
    assert "capabilities" in responses[1]["result"]
    assert responses[99]["result"] is None
    assert b"Skipped an overlong line" in completed.stderr
    assert b"Traceback" not in completed.stderr


def test_a_message_larger_than_the_read_buffer_arrives_whole(tmp_path: Path) -> None:
    uri = (tmp_path / "big.py").as_uri()
    filler = "x = 1\n" * 200_000  # 1.2 MB: many times asyncio's 64 KiB stream limit
    text = filler + "import asyncio\n\nasync def main():\n    asyncio.run(main())\n"
    opened = {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}
    server = subprocess.Popen(
        SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(session(PULLING_CLIENT) + notification("textDocument/didOpen", opened))
    server.stdin.write(request(2, "textDocument/diagnostic", {"textDocument": {"uri": uri}}))
    server.stdin.flush()
    report = next(m for m in messages(server.stdout) if m.get("id") == 2)
    server.stdin.write(GOODBYE)
    server.stdin.close()
    server.wait(timeout=60)
    assert [item["code"] for item in report["result"]["items"]] == ["LOOP101"]
    assert report["result"]["items"][0]["range"]["start"]["line"] == 200_003


@pytest.mark.parametrize("cut", [b"Content-Length: 50\r\n\r\n{", b"Content-Length: 50\r\n"])
def test_input_ending_inside_a_message_ends_the_server_cleanly(cut: bytes) -> None:
    completed = run_server(session() + cut)
    assert "capabilities" in answers(completed.stdout)[1]["result"]
    assert completed.returncode == 0
    assert b"Traceback" not in completed.stderr
