"""A client that names no workspace folder (Neovim in a folder without a root marker) gets the
folder of each file it opens indexed instead, so LOOP201 follows calls into the files beside
it, as ``looplint check`` run in that folder does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from pygls.uris import from_fs_path

from .editor_client import SERVER, EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="function")

HELPERS = "import asyncio\n\n\ndef load_config(path):\n    return asyncio.run(fetch(path))\n"
APP = 'from helpers import load_config\n\n\nasync def handler():\n    load_config("x")\n'


@pytest_lsp.fixture(config=SERVER, params=["neovim@v0.11.0", "emacs"])
async def editor(
    request: pytest.FixtureRequest, lsp_client: EditorClient, tmp_path: Path
) -> AsyncIterator[None]:
    (tmp_path / "helpers.py").write_text(HELPERS, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    lsp_client.folder = tmp_path
    # No folder, no root; what it indexes is logged at info.
    await lsp_client.start_session(request.param, initialization_options={"logLevel": "info"})
    yield
    await lsp_client.shutdown_session()


async def test_the_opened_files_folder_is_indexed_and_loop201_follows_calls_into_it(
    editor: EditorClient,
) -> None:
    folder: Path = editor.folder  # type: ignore[attr-defined]
    uri = from_fs_path(str(folder / "app.py"))
    editor.open(uri, APP)

    diagnostics = await editor.eventually(uri, lambda found: bool(found))

    assert [d.code for d in diagnostics] == ["LOOP201"]
    assert any("from the client: indexing" in log.message for log in editor.log_messages)


async def test_an_unsaved_document_outside_any_folder_on_disk_indexes_nothing(
    editor: EditorClient,
) -> None:
    uri = "file:///looplint-tests/nowhere/app.py"
    editor.open(uri, APP)

    assert await editor.current_diagnostics(uri) == []
    assert not any("from the client: indexing" in log.message for log in editor.log_messages)
