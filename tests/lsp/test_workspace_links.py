"""A link in a workspace folder to a file outside every folder is neither indexed nor edited:
its target's loop starters stay unknown (the log says why), and a document opened through it
gets its findings but no code action. A link that stays inside the workspace keeps working.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path

from .editor_client import REFRESHING, SERVER, EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

STARTER = "import asyncio\n\n\ndef load_config():\n    return asyncio.run(fetch())\n"
FLAGGED = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
CALLER = "from {module} import load_config\n\n\nasync def handler():\n    load_config()\n"


@pytest_lsp.fixture(config=SERVER, scope="module")
async def editor(
    lsp_client: EditorClient, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[None]:
    root = tmp_path_factory.mktemp("links")
    (root / "outside").mkdir()
    (root / "outside" / "helpers.py").write_text(STARTER, encoding="utf-8")
    (root / "outside" / "flagged.py").write_text(FLAGGED, encoding="utf-8")
    folder = root / "workspace"
    (folder / "pkg").mkdir(parents=True)
    (folder / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "pkg" / "real.py").write_text(STARTER, encoding="utf-8")
    (folder / "pkg" / "flagged.py").write_text(FLAGGED, encoding="utf-8")
    (folder / "passwd.py").symlink_to(root / "outside" / "helpers.py")
    (folder / "flagged.py").symlink_to(root / "outside" / "flagged.py")
    (folder / "alias.py").symlink_to(folder / "pkg" / "real.py")
    for module in ("passwd", "alias"):
        (folder / f"uses_{module}.py").write_text(CALLER.format(module=module), encoding="utf-8")
    lsp_client.folder = folder
    await lsp_client.start_session(
        f"neovim@v0.11.0{REFRESHING}",
        folders=[from_fs_path(str(folder))],
        initialization_options={"logLevel": "debug"},
    )
    await lsp_client.indexed()
    yield
    await lsp_client.shutdown_session()


def open_file(editor: EditorClient, name: str) -> str:
    path: Path = editor.folder / name  # type: ignore[attr-defined]
    uri = from_fs_path(str(path))
    editor.open(uri, path.read_text(encoding="utf-8"))
    return uri


async def actions_on_its_finding(
    editor: EditorClient, uri: str
) -> tuple[types.Diagnostic, list[types.CodeAction | types.Command]]:
    """The document's one diagnostic, and the code actions offered on it."""
    [diagnostic] = await editor.current_diagnostics(uri)
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diagnostic.range,
            types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return diagnostic, list(actions or [])


async def test_a_link_out_of_the_workspace_is_not_indexed_and_the_log_says_so(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "uses_passwd.py")

    assert await editor.current_diagnostics(uri) == []
    [logged] = [log.message for log in editor.log_messages if "passwd.py: a link" in log.message]
    assert logged.startswith("looplint.lsp.index_build: Not indexing")
    assert logged.endswith("outside the workspace")


async def test_a_link_inside_the_workspace_is_indexed_like_any_file(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "uses_alias.py")

    diagnostics = await editor.eventually(uri, lambda found: bool(found))

    assert [d.code for d in diagnostics] == ["LOOP201"]


async def test_a_document_opened_through_a_link_out_gets_findings_but_no_edits(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "flagged.py")

    diagnostic, actions = await actions_on_its_finding(editor, uri)

    assert diagnostic.code == "LOOP101"
    assert actions == []
    assert any("No edits for" in log.message for log in editor.log_messages)


async def test_a_document_inside_the_workspace_still_gets_its_fixes(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "pkg/flagged.py")

    diagnostic, actions = await actions_on_its_finding(editor, uri)

    assert diagnostic.code == "LOOP101"
    assert actions
