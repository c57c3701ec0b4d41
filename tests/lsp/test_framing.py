"""Cutting the client's bytes into messages: whatever the chunking, and whatever one message's
``Content-Length`` says, every other message arrives whole."""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st
from looplint.lsp.framing import MessageFramer

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz`` runs the long versions."""
EXAMPLES = settings(max_examples=5000 if FUZZ else 100)

json_texts = st.text(st.characters(exclude_categories=("Cs",)))
messages = st.lists(
    st.fixed_dictionaries(
        {"jsonrpc": st.just("2.0"), "id": st.integers(0, 10**6), "text": json_texts}
    ),
    min_size=1,
    max_size=6,
)


def framed(message: object, length_error: int = 0) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode()
    return f"Content-Length: {max(len(body) + length_error, 0)}\r\n\r\n".encode() + body


def read_in_chunks(data: bytes, cuts: list[int]) -> list[object]:
    framer = MessageFramer()
    values: list[object] = []
    start = 0
    for cut in [*sorted({min(cut, len(data)) for cut in cuts}), len(data)]:
        values += framer.feed(data[start:cut])
        start = cut
    framer.close()
    return values


@EXAMPLES
@given(messages, st.lists(st.integers(0, 5000)))
def test_messages_arrive_whole_however_the_bytes_are_cut(
    sent: list[dict[str, object]], cuts: list[int]
) -> None:
    data = b"".join(framed(message) for message in sent)
    assert read_in_chunks(data, cuts) == sent


@EXAMPLES
@given(messages, st.data())
def test_one_wrong_length_costs_no_message(sent: list[dict[str, object]], data: st.DataObject):
    wrong = data.draw(st.integers(0, len(sent) - 1), label="wrong")
    error = data.draw(st.integers(-30, 30).filter(bool), label="error")
    cuts = data.draw(st.lists(st.integers(0, 5000)), label="cuts")
    stream = b"".join(
        framed(message, error if index == wrong else 0) for index, message in enumerate(sent)
    )
    assert read_in_chunks(stream, cuts) == sent


def test_other_headers_and_junk_between_messages_are_passed_over() -> None:
    first, second = {"jsonrpc": "2.0", "id": 1}, {"jsonrpc": "2.0", "id": 2}
    body = json.dumps(first).encode()
    stream = (
        b"\x00 junk \xff\r\n"
        + b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n".encode()
        + b"X-Other: 1\r\n\r\n"
        + body
        + b"\r\nmore junk"
        + framed(second)
    )
    assert read_in_chunks(stream, []) == [first, second]


def test_a_body_that_is_not_json_is_skipped_up_to_the_next_header() -> None:
    stream = b"Content-Length: 7\r\n\r\n{oops!}" + framed({"id": 2})
    assert read_in_chunks(stream, []) == [{"id": 2}]


def test_a_header_without_its_blank_line_is_skipped() -> None:
    stream = b'Content-Length: 9\r\n{"id": 1}' + framed({"id": 2})
    assert read_in_chunks(stream, []) == [{"id": 2}]


def test_a_message_still_arriving_is_waited_for() -> None:
    framer = MessageFramer()
    whole = framed({"id": 1, "text": "Content-Length: 3\r\n\r\n}"})
    assert framer.feed(whole[:-5]) == []
    assert framer.feed(whole[-5:]) == [{"id": 1, "text": "Content-Length: 3\r\n\r\n}"}]
