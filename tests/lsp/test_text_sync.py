"""The server's text is always the client's: after any incremental edits (line breaks of every
kind, characters ``str.splitlines`` breaks at, emoji, positions past a line's end, reversed
ranges), the diagnostics of the edited document equal those of the same text opened afresh.

The expected text comes from ``edited``, a plain model of the LSP's rules written here: lines
end only at ``\\n``, ``\\r\\n`` and ``\\r``; a character offset counts the negotiated encoding's
units; a position past a line's end means its end, past the last line the document's end.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from itertools import count

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .stdio_client import PULLING_CLIENT, Session

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz`` runs the long version."""

ENCODINGS = ["utf-16", "utf-8", "utf-32"]
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TRICKY = ["\n", "\r", "\r\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
INSERTS = st.lists(st.sampled_from([*TRICKY, "a", " ", "é", "中", "😀"]), max_size=6).map("".join)

HEAD = 'import asyncio\n\n\nasync def main():\n    x = """'
TAIL = '"""; asyncio.run(main())\n'
"""Edits land between the two, inside a string: the program stays valid, and the finding's
line and column depend on every line break and every character before it on its line."""

_uris = (f"file:///looplint-tests/text-sync/{number}.py" for number in count())


def units(char: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(char.encode("utf-8"))
    if encoding == "utf-16":
        return 2 if ord(char) > 0xFFFF else 1
    return 1


def line_spans(text: str) -> list[tuple[int, int]]:
    """Each line's start and end (before its line break)."""
    starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    ends = [match.start() for match in LINE_BREAK.finditer(text)] + [len(text)]
    return list(zip(starts, ends, strict=True))


def offset_at(text: str, line: int, character: int, encoding: str) -> int:
    spans = line_spans(text)
    if line >= len(spans):
        return len(text)
    offset, end = spans[line]
    counted = 0
    while offset < end and counted < character:
        counted += units(text[offset], encoding)
        offset += 1
    return offset


def edited(text: str, change: dict, encoding: str) -> str:
    start = offset_at(
        text, change["range"]["start"]["line"], change["range"]["start"]["character"], encoding
    )
    end = offset_at(
        text, change["range"]["end"]["line"], change["range"]["end"]["character"], encoding
    )
    start, end = min(start, end), max(start, end)
    return text[:start] + change["text"] + text[end:]


def change_of(line: int, character: int, end_line: int, end_character: int, text: str) -> dict:
    return {
        "range": {
            "start": {"line": line, "character": character},
            "end": {"line": end_line, "character": end_character},
        },
        "text": text,
    }


@pytest.fixture(scope="module", params=ENCODINGS)
def session(request: pytest.FixtureRequest) -> Iterator[tuple[Session, str]]:
    capabilities = {**PULLING_CLIENT, "general": {"positionEncodings": [request.param]}}
    server = Session(capabilities)
    assert server.initialize_result["result"]["capabilities"]["positionEncoding"] == request.param
    yield server, request.param
    log = server.close()
    assert b"Traceback" not in log


def diagnostics(server: Session, uri: str) -> list[tuple[str, dict]]:
    report = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    return [(item["code"], item["range"]) for item in report["result"]["items"]]


def open_document(server: Session, text: str) -> str:
    uri = next(_uris)
    item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    server.notify("textDocument/didOpen", {"textDocument": item})
    return uri


def send_changes(server: Session, uri: str, version: int, changes: list[dict]) -> None:
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
    )


def assert_in_sync(server: Session, uri: str, expected: str) -> list[tuple[str, dict]]:
    """The edited document's diagnostics are those of ``expected`` opened afresh."""
    found = diagnostics(server, uri)
    assert found == diagnostics(server, open_document(server, expected))
    return found


@st.composite
def edit_scripts(draw: st.DrawFn, encoding: str) -> tuple[str, list[list[dict]], str]:
    """A starting text, batches of changes within the string between HEAD and TAIL (some
    reaching past the end of a line), and the text they make."""
    start = text = HEAD + draw(INSERTS) + TAIL
    first_line = HEAD.count("\n")
    batches = []
    for _ in range(draw(st.integers(1, 4))):
        batch = []
        for _ in range(draw(st.integers(1, 3))):
            string_end = len(text) - len(TAIL)
            last_line = first_line + len(line_spans(text[len(HEAD) : string_end])) - 1
            ends = []
            for _ in range(2):
                line = draw(st.integers(first_line, last_line))
                line_start, line_end = line_spans(text)[line]
                if line == last_line:
                    limit = sum(units(char, encoding) for char in text[line_start:string_end])
                else:
                    limit = sum(units(char, encoding) for char in text[line_start:line_end]) + 3
                lowest = len(HEAD) - HEAD.rindex("\n") - 1 if line == first_line else 0
                ends += [line, draw(st.integers(lowest, limit))]
            change = change_of(*ends, draw(INSERTS))
            text = edited(text, change, encoding)
            batch.append(change)
        batches.append(batch)
    return start, batches, text


@settings(
    max_examples=400 if FUZZ else 20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_edits_keep_the_servers_text_the_clients(
    session: tuple[Session, str], data: st.DataObject
) -> None:
    server, encoding = session
    start, batches, text = data.draw(edit_scripts(encoding))
    uri = open_document(server, start)
    for version, batch in enumerate(batches, start=2):
        send_changes(server, uri, version, batch)
    found = assert_in_sync(server, uri, text)
    event(f"{encoding}: {'a finding compared' if found else 'no finding'}")


PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(main()"
"""Its last line lacks a newline and its closing parenthesis."""


@pytest.fixture(scope="module")
def utf16() -> Iterator[Session]:
    server = Session(PULLING_CLIENT)
    yield server
    assert b"Traceback" not in server.close()


def test_a_form_feed_is_no_line_break(utf16: Session) -> None:
    text = "import asyncio\n# \f page two\n\nasync def main():\n    pass\n"
    uri = open_document(utf16, text)
    send_changes(utf16, uri, 2, [change_of(4, 4, 4, 8, "asyncio.run(main())")])
    found = assert_in_sync(utf16, uri, text.replace("pass", "asyncio.run(main())"))
    assert [(code, span["start"]["line"]) for code, span in found] == [("LOOP101", 4)]


def test_an_insert_past_the_end_of_the_last_line_lands_at_its_end(utf16: Session) -> None:
    uri = open_document(utf16, PROGRAM)
    send_changes(utf16, uri, 2, [change_of(4, 500, 4, 500, ")")])
    assert [code for code, _ in assert_in_sync(utf16, uri, PROGRAM + ")")] == ["LOOP101"]


def test_an_insert_past_the_last_line_lands_at_the_end(utf16: Session) -> None:
    uri = open_document(utf16, PROGRAM)
    send_changes(utf16, uri, 2, [change_of(40, 0, 41, 3, ")\n")])
    assert [code for code, _ in assert_in_sync(utf16, uri, PROGRAM + ")\n")] == ["LOOP101"]


def test_a_reversed_range_is_put_in_order(utf16: Session) -> None:
    text = PROGRAM + ")\n"
    uri = open_document(utf16, text)
    send_changes(utf16, uri, 2, [change_of(4, 15, 4, 4, "trio")])  # "asyncio" -> "trio"
    assert assert_in_sync(utf16, uri, text.replace("    asyncio.run", "    trio.run")) == []


def test_a_change_whose_text_is_null_is_ignored_not_inserted_as_none(utf16: Session) -> None:
    text = PROGRAM + ")\n"
    uri = open_document(utf16, text)
    send_changes(utf16, uri, 2, [change_of(4, 4, 4, 4, None)])  # type: ignore[arg-type]
    assert [code for code, _ in assert_in_sync(utf16, uri, text)] == ["LOOP101"]


def test_a_change_to_a_document_that_is_not_open_is_ignored() -> None:
    server = Session(PULLING_CLIENT)
    uri = "file:///looplint-tests/text-sync/never-opened.py"
    send_changes(server, uri, 2, [change_of(0, 0, 0, 0, "x")])
    assert diagnostics(server, uri) == []
    log = server.close()
    assert b"Ignored a change to file:///looplint-tests/text-sync/never-opened.py" in log
    assert b" ERROR " not in log
