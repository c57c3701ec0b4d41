"""`looplint server` on stdio: messages are read on the event loop when stdin is a pipe or a
socket, on a thread otherwise, and junk between messages never stops it."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import pytest

from .stdio_client import (
    GOODBYE,
    PULLING_CLIENT,
    SERVER,
    answers,
    converse,
    messages,
    notification,
    request,
    run_server,
    session,
)

ON_THE_LOOP = b"Reading stdin on the event loop"
ON_A_THREAD = b"Reading stdin on a thread"


def test_a_pipe_is_read_on_the_event_loop() -> None:
    completed = run_server(session() + GOODBYE)
    assert ON_THE_LOOP in completed.stderr
    assert "capabilities" in answers(completed.stdout)[1]["result"]
    assert 99 in answers(completed.stdout)
    assert completed.returncode == 0
    assert b"Traceback" not in completed.stderr


def test_stdin_from_a_file_is_read_on_a_thread(tmp_path: Path) -> None:
    script = tmp_path / "messages"
    script.write_bytes(session() + GOODBYE)
    with script.open("rb") as stdin:
        completed = subprocess.run(
            SERVER, stdin=stdin, capture_output=True, timeout=60, check=False
        )
    assert ON_A_THREAD in completed.stderr
    assert "capabilities" in answers(completed.stdout)[1]["result"]
    assert b"Traceback" not in completed.stderr


def test_one_socket_for_stdin_and_stdout_is_read_on_a_thread() -> None:
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
    assert ON_A_THREAD in stderr


def test_junk_and_an_overlong_line_between_messages_are_skipped() -> None:
    junk = b"\x00\xff garbage\r\nX-Nonsense: 1\r\n" + b"y" * 200_000 + b"\r\n"
    completed = run_server(junk + session() + b"z" * 100_000 + b"\r\n" + GOODBYE)
    responses = answers(completed.stdout)
    assert "capabilities" in responses[1]["result"]
    assert responses[99]["result"] is None
    assert b"Skipped 200029 bytes that are not a message" in completed.stderr
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


def mislabelled(message: bytes, length: int) -> bytes:
    """``message`` (framed) with its ``Content-Length`` replaced by ``length``."""
    body = message.split(b"\r\n\r\n", 1)[1]
    return f"Content-Length: {length}\r\n\r\n".encode() + body


HOVER = {"textDocument": {"uri": "file:///nowhere.py"}, "position": {"line": 0, "character": 0}}


@pytest.mark.parametrize("error", [+40, -10, +100_000], ids=["too-long", "too-short", "huge"])
def test_a_wrong_content_length_costs_no_later_message(error: int) -> None:
    wrong = request(2, "textDocument/hover", HOVER)
    body_length = len(wrong.split(b"\r\n\r\n", 1)[1])
    responses, stderr = converse(
        session()
        + mislabelled(wrong, body_length + error)
        + request(3, "textDocument/hover", HOVER),
        until={1, 2, 3},
    )
    assert responses[2]["result"] is None  # read as the JSON value it is
    assert responses[3]["result"] is None
    assert b"declared Content-Length" in stderr
    assert b"Traceback" not in stderr


def test_a_message_without_content_length_is_skipped_up_to_the_next_header() -> None:
    headerless = (
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n"
        + json.dumps(
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": HOVER}
        ).encode()
    )
    responses, stderr = converse(
        session() + headerless + request(3, "textDocument/hover", HOVER), until={1, 3}
    )
    assert 2 not in responses
    assert responses[3]["result"] is None
    assert b"Skipped" in stderr


def test_a_body_that_is_not_json_costs_only_itself() -> None:
    garbage = b"Content-Length: 12\r\n\r\n{not json!!}"
    responses, stderr = converse(
        session() + garbage + request(3, "textDocument/hover", HOVER), until={1, 3}
    )
    assert responses[3]["result"] is None
    assert b"Skipped a message that is not JSON" in stderr


def test_a_declared_length_longer_than_what_is_sent_is_answered_without_waiting() -> None:
    """The client sends one request with too long a length and waits for the answer."""
    wrong = request(2, "textDocument/hover", HOVER)
    responses, _ = converse(session() + mislabelled(wrong, 10_000), until={1, 2})
    assert responses[2]["result"] is None
