"""A pytest-lsp client that behaves like an editor: it keeps its own copy of each document
(and notebook cell), applies edits the way an editor does (then tells the server with
``didChange``, or ``notebookDocument/didChange`` for a cell), and gets diagnostics the way its
capabilities allow: pulling them, or waiting for a publish.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.protocol import default_converter
from pygls.uris import to_fs_path
from pygls.workspace import PositionCodec, TextDocument
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REFRESHING = "+diagnostic-refresh"
"""Suffix of a preset whose client also takes ``workspace/diagnostic/refresh`` requests."""

PRESETS = [
    "visual-studio-code",
    "neovim@v0.11.0",
    "neovim@v0.7.0",
    "emacs",
    f"neovim@v0.11.0{REFRESHING}",
]
"""Capability captures of real clients: VS Code and Emacs push-only (these captures),
Neovim 0.11 pulls but cannot be asked to pull again (so it is pushed to) and speaks utf-8,
Neovim 0.7 pushes; and one client that pulls and can be asked to pull again (as VS Code's
language client does), so that the pull channel is tested too."""

TIMEOUT = 15.0

_converter = get_converter()


class EditorClient(LanguageClient):
    """pytest-lsp's client plus an editor's document state."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents: dict[str, TextDocument] = {}
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []
        self.encoding = "utf-16"
        self.pulls = False
        self.notebooks: dict[str, types.NotebookDocument] = {}
        self.cell_notebooks: dict[str, str] = {}
        """The notebook URI of each open cell URI."""

    @classmethod
    def create(cls) -> EditorClient:
        client = cls(converter_factory=default_converter)
        register_lsp_features(
            client,
            {
                **DEFAULT_CLIENT_FEATURES,
                types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_publish,
                types.WORKSPACE_APPLY_EDIT: _apply_edit,
                types.CLIENT_REGISTER_CAPABILITY: _record_registration,
            },
        )
        return client

    async def start_session(
        self,
        preset: str,
        *,
        folders: list[str] = (),  # type: ignore[assignment]
        initialization_options: object = None,
    ) -> types.InitializeResult:
        """``initialize`` as the client of ``preset`` would, with these folders and options."""
        result = await self.initialize_session(
            types.InitializeParams(
                capabilities=capabilities_of(preset),
                workspace_folders=[
                    types.WorkspaceFolder(uri=uri, name=f"folder{index}")
                    for index, uri in enumerate(folders)
                ]
                or None,
                root_uri=folders[0] if folders else None,
                initialization_options=initialization_options,
            )
        )
        encoding = result.capabilities.position_encoding or "utf-16"
        self.encoding = str(getattr(encoding, "value", encoding))
        self.pulls = result.capabilities.diagnostic_provider is not None
        return result

    def open(self, uri: str, text: str) -> TextDocument:
        document = TextDocument(uri, text, version=1, position_codec=PositionCodec(self.encoding))
        self.documents[uri] = document
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
            )
        )
        return document

    def open_notebook(self, uri: str, cells: list[tuple[types.NotebookCellKind, str]]) -> list[str]:
        """Open a notebook as VS Code does: every cell listed, Python cells synced as documents.

        Returns the cell URIs in order.
        """
        # Cell URIs as VS Code makes them: its own scheme, and a quoted fragment.
        path = uri.removeprefix("file://")
        cell_uris = [
            f"vscode-notebook-cell:{path}#W{index}sZmlsZQ%3D%3D" for index in range(len(cells))
        ]
        notebook = types.NotebookDocument(
            uri=uri,
            notebook_type="jupyter-notebook",
            version=1,
            cells=[
                types.NotebookCell(kind=kind, document=cell_uri)
                for cell_uri, (kind, _) in zip(cell_uris, cells, strict=True)
            ],
        )
        self.notebooks[uri] = notebook
        synced = []
        for cell_uri, (kind, text) in zip(cell_uris, cells, strict=True):
            if kind == types.NotebookCellKind.Code:
                self.documents[cell_uri] = TextDocument(
                    cell_uri, text, version=1, position_codec=PositionCodec(self.encoding)
                )
                self.cell_notebooks[cell_uri] = uri
                synced.append(
                    types.TextDocumentItem(uri=cell_uri, language_id="python", version=1, text=text)
                )
        self.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=notebook, cell_text_documents=synced
            )
        )
        return cell_uris

    def close(self, uri: str) -> None:
        del self.documents[uri]
        self.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
        )

    def change(self, uri: str, edits: list[types.TextEdit]) -> None:
        """Apply ``edits`` (all relative to the current text) and send them incrementally."""
        document = self.documents[uri]
        ordered = sorted(
            edits,
            key=lambda edit: (edit.range.start.line, edit.range.start.character),
            reverse=True,
        )
        changes = [
            types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            for edit in ordered
        ]
        for change in changes:
            document.apply_change(change)
        document.version = (document.version or 0) + 1
        if uri in self.cell_notebooks:
            self._change_cell(uri, document.version, changes)
            return
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=document.version
                ),
                content_changes=changes,
            )
        )

    def _change_cell(
        self, uri: str, version: int, changes: list[types.TextDocumentContentChangePartial]
    ) -> None:
        notebook = self.notebooks[self.cell_notebooks[uri]]
        notebook.version += 1
        self.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    version=notebook.version, uri=notebook.uri
                ),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(
                        text_content=[
                            types.NotebookDocumentCellContentChanges(
                                document=types.VersionedTextDocumentIdentifier(
                                    version=version, uri=uri
                                ),
                                changes=list(changes),
                            )
                        ]
                    )
                ),
            )
        )

    def apply(self, edit: types.WorkspaceEdit) -> None:
        """Apply a workspace edit from the server, as an editor does.

        A file that is not open is opened first (from disk), as VS Code does.
        """
        for document_edit in edit.document_changes or []:
            assert isinstance(document_edit, types.TextDocumentEdit)
            uri = document_edit.text_document.uri
            if document_edit.text_document.version is None:
                assert uri not in self.documents
                self.open_from_disk(uri)
            assert document_edit.text_document.version in (None, self.documents[uri].version)
            self.change(uri, list(document_edit.edits))
        for uri, edits in (edit.changes or {}).items():
            if uri not in self.documents:
                self.open_from_disk(uri)
            self.change(uri, list(edits))

    def open_from_disk(self, uri: str) -> TextDocument:
        return self.open(uri, Path(to_fs_path(uri) or uri).read_text(encoding="utf-8"))

    async def current_diagnostics(self, uri: str, *, newer_than: int = 0) -> list[types.Diagnostic]:
        """The diagnostics for the document's current version: pulled, or the published ones.

        ``newer_than`` skips that many earlier publishes (to wait for a re-publish).
        """
        if self.pulls:
            report = await self.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
            )
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            return list(report.items)
        version = self.documents[uri].version if uri in self.documents else None
        deadline = asyncio.get_running_loop().time() + TIMEOUT
        while asyncio.get_running_loop().time() < deadline:
            for params in reversed(self.published[newer_than:]):
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)
        raise TimeoutError(f"no diagnostics published for {uri} version {version}")

    async def eventually(
        self,
        uri: str,
        accept: Callable[[list[types.Diagnostic]], bool],
        *,
        timeout: float = TIMEOUT,
    ) -> list[types.Diagnostic]:
        """The document's diagnostics once ``accept`` takes them: pulled again and again, or
        the latest published for its current version (the server may publish the same version
        again when another file changed)."""
        deadline = asyncio.get_running_loop().time() + timeout
        seen: list[types.Diagnostic] = []
        while asyncio.get_running_loop().time() < deadline:
            seen = await self.current_diagnostics(uri)
            if accept(seen):
                return seen
            await asyncio.sleep(0.05)
        raise AssertionError(f"diagnostics of {uri} never accepted; last: {seen}")

    async def refreshed(self, *, after: int) -> None:
        """Wait until the server asks to pull diagnostics again (more than ``after`` times)."""
        deadline = asyncio.get_running_loop().time() + TIMEOUT
        while self.diagnostic_refresh_count <= after:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError("the server never asked to pull diagnostics again")
            await asyncio.sleep(0.02)

    async def indexed(self) -> list[Any]:
        """Wait until the server has finished indexing the workspace; its progress values."""
        deadline = asyncio.get_running_loop().time() + TIMEOUT
        while asyncio.get_running_loop().time() < deadline:
            for values in self.progress_reports.values():
                if values and isinstance(values[-1], types.WorkDoneProgressEnd):
                    return values
            await asyncio.sleep(0.02)
        raise TimeoutError("the server never finished indexing")

    def publishes_for(self, uri: str) -> list[types.PublishDiagnosticsParams]:
        return [params for params in self.published if params.uri == uri]

    def text(self, uri: str) -> str:
        return self.documents[uri].source


def _record_publish(client: EditorClient, params: types.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _apply_edit(
    client: EditorClient, params: types.ApplyWorkspaceEditParams
) -> types.ApplyWorkspaceEditResult:
    client.apply(params.edit)
    return types.ApplyWorkspaceEditResult(applied=True)


def _record_registration(client: EditorClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def capabilities_of(preset: str) -> types.ClientCapabilities:
    """A preset's captured capabilities; with ``REFRESHING``, plus diagnostic refresh."""
    capabilities = client_capabilities(preset.removesuffix(REFRESHING))
    if preset.endswith(REFRESHING):
        assert capabilities.workspace is not None
        capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return capabilities


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "looplint", "server"],
    client_factory=EditorClient.create,
)
"""The real server over stdio, started as editors start it."""


def fix_edits(fix: dict[str, Any]) -> list[types.TextEdit]:
    """The edits of one fix as carried in ``Diagnostic.data``."""
    return [_converter.structure(edit, types.TextEdit) for edit in fix["edits"]]


def text_edits(edit: types.WorkspaceEdit) -> list[list[types.TextEdit]]:
    """The edits per document of a workspace edit, whichever form the server chose."""
    documents = [list(change.edits) for change in edit.document_changes or []]  # type: ignore[union-attr]
    return documents + [list(edits) for edits in (edit.changes or {}).values()]
