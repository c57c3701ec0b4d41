"""looplint as a pylsp plugin: python-lsp-server, run over stdio as an editor runs it, reports
looplint's findings and offers its fixes, with looplint's settings and rule codes."""

from __future__ import annotations

import sys
from pathlib import Path

import cattrs
import pytest_lsp
from lsp.editor_client import EditorClient
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig


def pylsp_converter() -> cattrs.Converter:
    """pygls's converter, reading pylsp's ``notebookDocumentSync`` (its selector lacks the
    ``notebook`` field the protocol requires) as absent: these tests use no notebook sync."""
    converter = default_converter()
    converter.register_structure_hook(types.NotebookDocumentSyncOptions, lambda *_: None)
    return converter


def pylsp_client() -> EditorClient:
    client = EditorClient.create()
    client.protocol._converter = pylsp_converter()  # before any message is read
    return client


PYLSP = ClientServerConfig(
    server_command=[sys.executable, "-m", "pylsp"], client_factory=pylsp_client
)
COROUTINE = "import asyncio\n\n\nasync def handler():\n    return asyncio.run(fetch())\n"


@pytest_lsp.fixture(config=PYLSP)
async def pylsp(lsp_client: EditorClient, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n')
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / "pyproject.toml").write_text('[tool.looplint]\nignore = ["LOOP101"]\n')
    await lsp_client.start_session("visual-studio-code", folders=[from_fs_path(str(tmp_path))])
    yield
    await lsp_client.shutdown_session()


def uri_in(tmp_path: Path, name: str) -> str:
    return from_fs_path(str(tmp_path / name)) or name


async def looplint_diagnostics(pylsp: EditorClient, uri: str) -> list[types.Diagnostic]:
    """The document's diagnostics from looplint (pylsp publishes every plugin's together)."""
    return [d for d in await pylsp.current_diagnostics(uri) if d.source == "looplint"]


async def test_a_finding_is_published_with_its_code_and_link(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    uri = uri_in(tmp_path, "handlers.py")
    pylsp.open(uri, COROUTINE)

    [diagnostic] = await looplint_diagnostics(pylsp, uri)

    assert diagnostic.code == "LOOP101"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range == types.Range(types.Position(4, 11), types.Position(4, 31))
    assert diagnostic.code_description is not None
    assert "#loop101" in diagnostic.code_description.href


async def test_columns_are_utf16_code_units_as_the_protocol_defaults(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    uri = uri_in(tmp_path, "emoji.py")
    pylsp.open(uri, COROUTINE.replace("return asyncio", "s = '🎉'; asyncio"))

    [diagnostic] = await looplint_diagnostics(pylsp, uri)

    assert diagnostic.range.start == types.Position(4, 14)  # 🎉 is two UTF-16 code units


async def test_the_safe_fix_is_the_preferred_quick_fix_and_removes_the_finding(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    uri = uri_in(tmp_path, "fixed.py")
    pylsp.open(uri, COROUTINE)
    [diagnostic] = await looplint_diagnostics(pylsp, uri)

    actions = await pylsp.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    looplint_actions = [a for a in actions or [] if a.title.startswith("looplint")]
    [preferred] = [
        a for a in looplint_actions if isinstance(a, types.CodeAction) and a.is_preferred
    ]
    assert preferred.title == "looplint (LOOP101): Replace with `await fetch()`"
    assert preferred.edit is not None
    pylsp.apply(preferred.edit)

    assert pylsp.text(uri) == COROUTINE.replace("asyncio.run(fetch())", "await fetch()")
    assert await looplint_diagnostics(pylsp, uri) == []


async def test_pyproject_settings_apply_below_their_folder(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    uri = uri_in(tmp_path, "quiet/handlers.py")
    pylsp.open(uri, COROUTINE)

    assert await looplint_diagnostics(pylsp, uri) == []


async def test_pylsp_plugin_settings_are_looplints_settings(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    uri = uri_in(tmp_path, "configured.py")
    pylsp.open(uri, COROUTINE)
    assert len(await looplint_diagnostics(pylsp, uri)) == 1
    published = len(pylsp.published)

    pylsp.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"pylsp": {"plugins": {"looplint": {"severity": {"LOOP101": "hint"}}}}}
        )
    )

    [diagnostic] = await looplint_diagnostics_after(pylsp, uri, published)
    assert diagnostic.severity == types.DiagnosticSeverity.Hint


async def test_an_invalid_setting_is_one_message_naming_it(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    pylsp.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"pylsp": {"plugins": {"looplint": {"select": ["NOPE1"]}}}}
        )
    )
    for name in ("one.py", "two.py"):
        uri = uri_in(tmp_path, name)
        pylsp.open(uri, COROUTINE)
        assert len(await looplint_diagnostics(pylsp, uri)) == 1  # defaults meanwhile

    errors = [m.message for m in pylsp.messages if "looplint" in m.message]
    assert len(errors) == 1
    assert "pylsp.plugins.looplint" in errors[0] and "NOPE1" in errors[0]


async def test_a_notebook_joined_by_jupyterlab_lsp_is_analyzed_as_cells(
    pylsp: EditorClient, tmp_path: Path
) -> None:
    joined = "import asyncio\nasync def main():\n    return 1\n\n\nasyncio.run(main())\n"
    notebook = uri_in(tmp_path, ".virtual_documents/demo.ipynb")
    script = uri_in(tmp_path, "demo.py")
    pylsp.open(notebook, joined)
    pylsp.open(script, joined)

    [diagnostic] = await looplint_diagnostics(pylsp, notebook)
    assert diagnostic.code == "LOOP301"
    assert await looplint_diagnostics(pylsp, script) == []


async def looplint_diagnostics_after(
    pylsp: EditorClient, uri: str, published: int
) -> list[types.Diagnostic]:
    """looplint's diagnostics of the first publish after the first ``published`` ones."""
    return [
        d
        for d in await pylsp.current_diagnostics(uri, newer_than=published)
        if d.source == "looplint"
    ]
