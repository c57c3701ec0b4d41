"""The lifecycle as the LSP writes it, on the real server over stdio: nothing before
``initialize``, one ``initialize``, nothing but ``exit`` after ``shutdown``, and ``exit``'s
status saying whether ``shutdown`` came first."""

from __future__ import annotations

from .stdio_client import GOODBYE, answers, converse, notification, request, run_server, session

OPEN = {
    "textDocument": {"uri": "file:///early.py", "languageId": "python", "version": 1, "text": ""}
}
HOVER = {"textDocument": {"uri": "file:///nowhere.py"}, "position": {"line": 0, "character": 0}}
SERVER_NOT_INITIALIZED = -32002
INVALID_REQUEST = -32600


def test_a_request_before_initialize_is_refused_as_server_not_initialized() -> None:
    responses, log = converse(
        notification("textDocument/didOpen", OPEN)
        + request(2, "textDocument/hover", HOVER)
        + session()
        + request(3, "textDocument/hover", HOVER),
        until={1, 2, 3},
    )
    assert responses[2]["error"]["code"] == SERVER_NOT_INITIALIZED
    assert "capabilities" in responses[1]["result"]
    assert responses[3]["result"] is None
    assert b"Traceback" not in log


def test_a_second_initialize_is_an_error_and_the_session_goes_on() -> None:
    responses, log = converse(
        session()
        + request(2, "initialize", {"capabilities": {}})
        + request(3, "textDocument/hover", HOVER),
        until={1, 2, 3},
    )
    assert responses[2]["error"]["code"] == INVALID_REQUEST
    assert "result" not in responses[2]
    assert responses[3]["result"] is None
    assert b"Traceback" not in log


def test_requests_after_shutdown_are_invalid_and_exit_then_succeeds() -> None:
    completed = run_server(
        session()
        + request(2, "shutdown")
        + request(3, "textDocument/hover", HOVER)
        + request(4, "shutdown")
        + notification("exit")
    )
    responses = answers(completed.stdout)
    assert responses[2]["result"] is None
    assert responses[3]["error"]["code"] == INVALID_REQUEST
    assert responses[4]["error"]["code"] == INVALID_REQUEST
    assert completed.returncode == 0
    assert b"Traceback" not in completed.stderr


def test_exit_without_shutdown_exits_with_1_and_no_traceback() -> None:
    completed = run_server(
        session() + request(2, "textDocument/hover", HOVER) + notification("exit")
    )
    assert completed.returncode == 1
    assert b"Traceback" not in completed.stderr


def test_exit_after_shutdown_exits_with_0() -> None:
    completed = run_server(session() + GOODBYE)
    assert completed.returncode == 0
    assert b"Traceback" not in completed.stderr
