"""Typing in a document: after every edit, its diagnostics are those of the text as it is now.

The server re-analyzes only what an edit touched (one function's body, a comment line) and
keeps the rest; these edits go through each of those paths and through a whole-module one.
"""

from __future__ import annotations

import pytest
from looplint.engine import analyze
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = """\
import asyncio


def load():
    return asyncio.run(fetch())


async def handler():
    config = load()
    return config


# the second handler


async def other():
    return 1
"""


def replace_on_line(editor: EditorClient, uri: str, line: int, old: str, new: str) -> None:
    text = editor.documents[uri].lines[line]
    start = text.index(old)
    edit_range = types.Range(types.Position(line, start), types.Position(line, start + len(old)))
    editor.change(uri, [types.TextEdit(edit_range, new)])


async def diagnostics_are_those_of_the_current_text(editor: EditorClient, uri: str) -> list[str]:
    diagnostics = await editor.current_diagnostics(uri)
    expected = analyze(editor.documents[uri].source)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [
        (f.code, f.span.start.line) for f in expected
    ]
    return [str(d.code) for d in diagnostics]


async def test_every_edit_ends_with_the_current_texts_diagnostics(editor: EditorClient) -> None:
    uri = "file:///looplint-tests/edits/typing.py"
    editor.open(uri, PROGRAM)
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == ["LOOP201"]

    replace_on_line(editor, uri, 16, "return 1", "asyncio.run(fetch())")  # in a body
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == ["LOOP201", "LOOP101"]

    replace_on_line(editor, uri, 12, "the second", "the other")  # a comment line
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == ["LOOP201", "LOOP101"]

    replace_on_line(editor, uri, 8, "config = load()", "config = {}")  # the caller's body
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == ["LOOP101"]

    replace_on_line(editor, uri, 4, "asyncio.run(fetch())", "{}")  # the helper's loop start
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == ["LOOP101"]

    replace_on_line(editor, uri, 16, "asyncio.run(fetch())", "asyncio.run(fetch()")  # broken
    assert await diagnostics_are_those_of_the_current_text(editor, uri) == []
