"""What the server could not analyze is said once per document in its log (which reaches the
client as ``window/logMessage``), never as a diagnostic; syntax errors are diagnostics only when
``syntaxErrors`` is on; a bad pyproject.toml leaves the server serving, with defaults.

Each test starts its own server: settings are per session.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from .editor_client import SERVER, EditorClient

PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
BROKEN = PROGRAM + "\n\ndef broken(:\n    pass\n"
# A pulling client (Neovim 0.11) and one that is pushed to (VS Code's capture).
CLIENTS = ["neovim@v0.11.0", "visual-studio-code"]


@pytest_lsp.fixture(config=SERVER, params=CLIENTS)
async def fresh(request: pytest.FixtureRequest, lsp_client: EditorClient):
    lsp_client.preset = request.param
    yield
    await lsp_client.shutdown_session()


async def codes(editor: EditorClient, uri: str) -> list[str]:
    return [str(d.code) for d in await editor.current_diagnostics(uri)]


async def logged(editor: EditorClient, text: str) -> list[str]:
    """The log messages holding ``text``, once the server had time to send them."""
    for _ in range(100):
        found = [m.message for m in editor.log_messages if text in m.message]
        if found:
            return found
        await asyncio.sleep(0.05)
    return []


async def test_a_broken_region_is_logged_once_not_diagnosed(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset)
    uri = "file:///looplint-tests/not-analyzed/broken.py"
    fresh.open(uri, BROKEN)
    assert await codes(fresh, uri) == ["LOOP101"]

    fresh.change(uri, [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), "")])
    fresh.change(
        uri, [types.TextEdit(types.Range(types.Position(1, 0), types.Position(1, 0)), " ")]
    )
    assert await codes(fresh, uri) == ["LOOP101"]

    note = f"{uri}: lines 8-9 not analyzed: SyntaxError: invalid syntax"
    assert await logged(fresh, note) == [f"looplint.lsp.server: {note}"]
    [message] = [m for m in fresh.log_messages if note in m.message]
    assert message.type == types.MessageType.Warning


async def test_syntax_errors_are_diagnostics_when_turned_on(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset, initialization_options={"syntaxErrors": True})
    uri = "file:///looplint-tests/not-analyzed/syntax.py"
    fresh.open(uri, BROKEN)

    diagnostics = await fresh.current_diagnostics(uri)
    assert [d.code for d in diagnostics] == ["LOOP101", "LOOP001"]
    assert diagnostics[1].range.start == types.Position(7, 11)
    assert await logged(fresh, "not analyzed") == []


async def test_a_file_over_the_size_limit_is_logged_not_analyzed(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset, initialization_options={"maxFileSizeMb": 0.00005})
    uri = "file:///looplint-tests/not-analyzed/large.py"
    fresh.open(uri, PROGRAM)

    assert await codes(fresh, uri) == []
    assert (
        await logged(fresh, f"{uri}: not analyzed: 59 bytes is over the size limit of 50 bytes")
        != []
    )


async def test_a_deeply_nested_pyproject_leaves_the_server_serving(
    fresh: EditorClient, tmp_path: Path
) -> None:
    nested = "[" * 500 + "]" * 500
    (tmp_path / "pyproject.toml").write_text(f"[tool.looplint]\nx = {nested}\n")
    await fresh.start_session(fresh.preset, folders=[tmp_path.as_uri()])
    first, second = (tmp_path / "a.py").as_uri(), (tmp_path / "b.py").as_uri()
    fresh.open(first, PROGRAM)
    fresh.open(second, PROGRAM)

    assert await codes(fresh, first) == ["LOOP101"]
    assert await codes(fresh, second) == ["LOOP101"]
    [message] = fresh.messages
    assert message.type == types.MessageType.Error
    assert "invalid TOML: arrays or tables nested too deeply;" in message.message


async def test_a_broken_notebook_cell_is_logged_by_cell(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset)
    uri = "file:///looplint-tests/not-analyzed/nb.ipynb"
    code = types.NotebookCellKind.Code
    cells = fresh.open_notebook(
        uri, [(code, "def f(:\n    pass"), (code, "import asyncio\nasyncio.run(main())")]
    )

    assert await fresh.eventually(cells[1], lambda found: [d.code for d in found] == ["LOOP301"])
    note = f"{uri}: cell 1, lines 1-2 not analyzed: SyntaxError: invalid syntax"
    assert await logged(fresh, note) == [f"looplint.lsp.server: {note}"]


async def test_a_10_mb_document_is_refused_within_seconds(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset)
    uri = "file:///looplint-tests/not-analyzed/huge.py"
    started = time.monotonic()
    fresh.open(uri, PROGRAM + "    " + "y=1;" * 2_500_000 + "\n")

    assert await codes(fresh, uri) == []
    assert await logged(fresh, f"{uri}: not analyzed: 10 MB is over the size limit of 2 MB") != []
    assert time.monotonic() - started < 10
