"""Whatever a client sends (any method, params of any shape, mislabelled lengths, junk between
messages), the server keeps answering, and logs no traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from itertools import count

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from .stdio_client import PULLING_CLIENT, Session

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz`` runs the long version."""

URI = "file:///looplint-tests/fuzz/open.py"
PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(main())\n"
ENDING = {types.EXIT, types.SHUTDOWN}
METHODS = sorted(method for method in types.METHOD_TO_TYPES if method not in ENDING)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
positions = st.fixed_dictionaries({"line": st.integers(-2, 12), "character": st.integers(-2, 60)})
plausible_params = st.fixed_dictionaries(
    {
        "textDocument": st.fixed_dictionaries(
            {
                "uri": st.sampled_from([URI, "file:///elsewhere.py", "untitled:1", ""]),
                "version": st.integers(-1, 10**6),
            }
        ),
        "position": positions,
        "range": st.fixed_dictionaries({"start": positions, "end": positions}),
        "contentChanges": st.lists(
            st.fixed_dictionaries(
                {
                    "range": st.fixed_dictionaries({"start": positions, "end": positions}),
                    "text": st.text(max_size=12),
                }
            ),
            max_size=3,
        ),
        "context": st.fixed_dictionaries({"diagnostics": st.just([])}),
    }
)
_ids = (f"fuzz-{number}" for number in count())


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    """One message as bytes: any method, plausible or arbitrary params, request or
    notification, sometimes with a wrong length or junk before it."""
    message: dict[str, object] = {
        "jsonrpc": "2.0",
        "method": draw(st.sampled_from(METHODS)),
        "params": draw(plausible_params | json_values),
    }
    if draw(st.booleans()):
        message["id"] = next(_ids)
    event("request" if "id" in message else "notification")
    body = json.dumps(message).encode()
    error = draw(st.sampled_from([0, 0, 0, -3, 7]))
    event("wrong Content-Length" if error else "right Content-Length")
    length = len(body) + error
    junk = draw(st.sampled_from([b"", b"", b"\r\n", b"junk\r\n", b"\x00\xff"]))
    return junk + f"Content-Length: {max(length, 0)}\r\n\r\n".encode() + body


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    server = Session({**PULLING_CLIENT, "workspace": {"applyEdit": True}})
    item = {"uri": URI, "languageId": "python", "version": 1, "text": PROGRAM}
    server.notify("textDocument/didOpen", {"textDocument": item})
    yield server
    log = server.close().decode()
    assert raised(log) <= CLIENT_ERRORS
    assert [line for line in log.splitlines() if " ERROR " in line and not client_error(line)] == []


CLIENT_ERRORS = {"pygls.exceptions.JsonRpcMethodNotFound"}
"""What the log may show a traceback of: a method looplint does not serve is the client's
mistake, answered as such (the traceback is the server's error report's)."""


def client_error(line: str) -> bool:
    return "Method Not Found" in line or "unknown method" in line


def raised(log: str) -> set[str]:
    """The exception types of the tracebacks in ``log``."""
    lines = log.splitlines()
    found = set()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            end = next(
                (later for later in lines[number + 1 :] if not later.startswith(" ")),
                "",
            )
            found.add(end.split(":")[0])
    return found


@settings(
    max_examples=1000 if FUZZ else 25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sent=st.lists(messages(), min_size=1, max_size=8))
def test_the_server_keeps_answering_whatever_it_is_sent(
    session: Session, sent: list[bytes]
) -> None:
    session.send_raw(b"".join(sent))
    hover = {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}
    answer = session.request_within(30, "textDocument/hover", hover)
    assert "result" in answer or "error" in answer
