"""A burst of edits to a large file ends with the diagnostics of the final version, quickly,
without a backlog of analyses of versions already gone."""

from __future__ import annotations

import pytest
from lsprotocol import types

from .editor_client import EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

FILLER = "".join(f"def helper_{n}(value):\n    return value + {n}\n\n\n" for n in range(1250))
PROGRAM = "import asyncio\n\n\n" + FILLER + "async def main():\n    asyncio.run(first())\n"
TYPED = "    asyncio.run(second())  # typed by the user, one character at a time, in a burst"


async def test_a_burst_of_200_edits_ends_with_the_final_versions_diagnostics(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/responsiveness/large.py"
    assert PROGRAM.count("\n") > 5000
    editor.open(uri, PROGRAM)
    assert len(await editor.current_diagnostics(uri)) == 1
    published = len(editor.published)
    end_line = PROGRAM.count("\n")

    text = (TYPED * 3)[:200]
    for column, character in enumerate(text):
        at = types.Position(end_line, column)
        editor.change(uri, [types.TextEdit(types.Range(at, at), character)])
    diagnostics = await editor.current_diagnostics(uri, newer_than=published)

    assert editor.documents[uri].version == 201
    assert [d.range.start.line for d in diagnostics] == [end_line - 1, end_line]
    versions = [params.version for params in editor.publishes_for(uri)[1:]]
    assert versions == sorted(versions)
    assert len(versions) <= 10
