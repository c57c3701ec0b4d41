"""The language server object: the state every handler shares.

Handlers live in ``looplint.lsp.handlers``, one module per LSP method; this class holds what
they have in common: the client's resolved capabilities, the settings, the open documents'
and notebooks' analyses, the workspace index, and the way diagnostics reach the client
(pulled, or pushed to clients that cannot pull, never both).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from looplint import __version__
from looplint.engine.attribute_classes import attribute_classes_in
from looplint.engine.project import ProjectModule
from looplint.engine.skipped import SkippedRegion
from looplint.links import target_outside
from looplint.lsp.analysis_scheduler import AnalysisScheduler
from looplint.lsp.capabilities import ResolvedClientCapabilities
from looplint.lsp.document_analysis import AnalysisResult, DocumentSnapshot, analyze_snapshot
from looplint.lsp.file_texts import FileTexts
from looplint.lsp.joined_notebooks import is_joined_notebook
from looplint.lsp.logs import DEFAULT_LEVEL, set_log_level
from looplint.lsp.memory_release import MemoryRelease
from looplint.lsp.notebook_analysis import (
    NotebookAnalysisResult,
    NotebookSnapshot,
    analyze_notebook_snapshot,
)
from looplint.lsp.notebook_documents import NOTEBOOK_SYNC, notebook_cells, notebook_uri_of
from looplint.lsp.protocol import LoopLintProtocol, strict_converter
from looplint.lsp.recent_analyses import RecentAnalyses
from looplint.lsp.workspace_index import WorkspaceIndex
from looplint.lsp.workspace_indexing import WorkspaceIndexing
from looplint.lsp.workspace_settings import WorkspaceSettings

logger = logging.getLogger(__name__)

SERVER_NAME = "looplint"

ANALYSIS_THREADS = 4
"""Documents analyzed side by side: a slow one never holds up the others' diagnostics."""

DEFAULT_ANALYSIS_TIME_LIMIT = 10.0
"""Seconds of processor time one analysis may take (setting ``analysisTimeLimit``) before it
is stopped: some 20 times what a 15,000-line module takes."""


class LoopLintServer(LanguageServer):
    """looplint's pygls server."""

    client: ResolvedClientCapabilities
    """Set while handling ``initialize``; every capability-dependent choice reads it."""

    protocol: LoopLintProtocol

    def __init__(self) -> None:
        super().__init__(
            SERVER_NAME,
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=NOTEBOOK_SYNC,
            protocol_cls=LoopLintProtocol,
            converter_factory=strict_converter,
        )
        self.settings = WorkspaceSettings(report_error=self.show_settings_error)
        self.files = FileTexts(self.open_document)
        self.index = WorkspaceIndex(self.files)
        self.indexing = WorkspaceIndexing(self)
        self.executor = ThreadPoolExecutor(
            max_workers=ANALYSIS_THREADS, thread_name_prefix="looplint-analysis"
        )
        self.index_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="looplint-index")
        self.memory = MemoryRelease(self.executor)
        self.recent = RecentAnalyses()
        self.analyses: AnalysisScheduler[DocumentSnapshot, AnalysisResult] = AnalysisScheduler(
            self.executor,
            self.snapshot,
            self.analyze_document,
            self.deliver,
            self.analysis_time_limit,
        )
        self.notebook_analyses: AnalysisScheduler[NotebookSnapshot, NotebookAnalysisResult] = (
            AnalysisScheduler(
                self.executor,
                self.notebook_snapshot,
                analyze_notebook_snapshot,
                self.deliver_notebook,
                self.analysis_time_limit,
            )
        )
        self.not_analyzed_said: dict[str, frozenset[str]] = {}
        """Per document, the "not analyzed" notes already said (each is said once)."""
        self.default_log_level = DEFAULT_LEVEL
        """The ``--log-level`` the server was started with; the editor's ``logLevel`` wins."""
        self._internal_error_shown = False

    def open_document(self, uri: str) -> TextDocument | None:
        """The open document (or notebook cell) at ``uri``; ``None`` if it is not open."""
        return self.workspace.text_documents.get(unquote(uri))

    def link_out_of_the_workspace(self, uri: str) -> Path | None:
        """The real file behind ``uri`` when it is a link in a workspace folder to a file
        outside every folder: such a document gets findings, but never an edit."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return None
        roots = [Path(root) for folder in self.settings.folders if (root := to_fs_path(folder))]
        target = target_outside(Path(path), roots)
        if target is not None:
            logger.debug("No edits for %s: a link to %s, outside the workspace", uri, target)
        return target

    def notebook_of(self, cell_uri: str) -> str | None:
        """The URI of the notebook holding the cell ``cell_uri``; ``None`` for other documents."""
        return notebook_uri_of(self.workspace, cell_uri)

    def snapshot(self, uri: str) -> DocumentSnapshot | None:
        """The document's current text, version and settings, for an analysis.

        Notebook cells have none: they are analyzed with their notebook.
        """
        document = self.open_document(uri)
        if document is None or self.notebook_of(uri) is not None:
            return None
        joined_notebook = is_joined_notebook(uri)  # no module: its cells are no import target
        return DocumentSnapshot(
            uri=uri,
            version=document.version or 0,
            text=document.source,
            settings=self.settings.for_document(uri),
            encoding=self.client.position_encoding,
            related_information=self.client.related_information,
            module=None if joined_notebook else self.index.module_of(uri),
            project=None if joined_notebook else self.index.project,
            project_generation=self.index.version,
            joined_notebook=joined_notebook,
        )

    def analysis_time_limit(self) -> float:
        """The editor's ``analysisTimeLimit``, read as each analysis is scheduled."""
        return self.settings.editor_settings(None).analysis_time_limit or (
            DEFAULT_ANALYSIS_TIME_LIMIT
        )

    def analyze_document(self, snapshot: DocumentSnapshot) -> AnalysisResult:
        """On an analysis thread: analyze the document, and let the workspace index take in
        what the same analysis learned about it (its loop starters and re-exports); a stopped
        analysis learned nothing."""
        indexed = snapshot.project is not None and snapshot.module is not None
        if indexed:
            self.index.forget(snapshot.module)  # type: ignore[arg-type]
        incremental = self.recent.of(snapshot.uri)
        result = analyze_snapshot(snapshot, self.files, incremental)
        if indexed and not result.stopped:
            module: ProjectModule = snapshot.module  # type: ignore[assignment]
            tree = incremental.tree
            attributes = (
                None
                if tree is None
                else attribute_classes_in(tree, module.name, is_package=module.is_package)
            )
            self.index.take(module, result.starters, result.exports, attributes)
        return replace(result, index_version=self.index.version)

    def notebook_snapshot(self, uri: str) -> NotebookSnapshot | None:
        """The notebook's cells and settings, for an analysis."""
        notebook = self.workspace.get_notebook_document(notebook_uri=uri)
        cells = notebook_cells(self.workspace, uri)
        if notebook is None or cells is None:
            return None
        return NotebookSnapshot(
            uri=uri,
            version=notebook.version,
            cells=cells,
            settings=self.settings.for_document(uri),
            encoding=self.client.position_encoding,
            related_information=self.client.related_information,
        )

    async def analysis_of(self, uri: str) -> AnalysisResult | None:
        """The current analysis of a document or notebook cell; ``None`` if not open."""
        notebook = self.notebook_of(uri)
        if notebook is None:
            return await self.analyses.current(uri)
        result = await self.notebook_analyses.current(notebook)
        return result.cell(uri) if result else None

    def deliver(self, result: AnalysisResult) -> None:
        """Push a finished analysis to a client that cannot pull; follow index changes; count
        the source analyzed towards the next memory release."""
        if not self.client.pull_diagnostics:
            self.publish(result.snapshot.uri, result.version, list(result.diagnostics))
        self.say_not_analyzed(result.snapshot.uri, result.skipped)
        analyzed_with_latest_index = result.index_version == self.index.version
        self.indexing.check_for_changes(result.snapshot.uri if analyzed_with_latest_index else None)
        self.memory.analyzed(len(result.snapshot.text))

    def say_not_analyzed(self, uri: str, skipped: Iterable[SkippedRegion]) -> None:
        """Say what the engine could not analyze in a document (or notebook), once per document
        and note, in the log (which reaches the client as ``window/logMessage``): never as a
        diagnostic."""
        said = self.not_analyzed_said.get(uri, frozenset())
        notes = frozenset(region.describe() for region in skipped)
        self.not_analyzed_said[uri] = said | notes
        for note in sorted(notes - said):
            logger.warning("%s: %s", uri, note)

    def deliver_notebook(self, result: NotebookAnalysisResult) -> None:
        """Push each code cell's diagnostics (empty ones too: they clear old ones), even to a
        client that pulls: clients pull the documents of their text editors, and a notebook's
        cells are not that (VS Code's language client 9 never pulls them). A pull for a cell is
        still answered, with the same diagnostics."""
        for cell in result.cells:
            self.publish(cell.snapshot.uri, cell.version, list(cell.diagnostics))
        self.say_not_analyzed(result.snapshot.uri, result.skipped)
        self.memory.analyzed(sum(len(cell.snapshot.text) for cell in result.cells))

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    async def update_settings(self, update: Awaitable[None]) -> None:
        """Re-read settings with ``update``, then analyze every open document again.

        Requests that arrive meanwhile wait for the new settings instead of being answered
        with results of the old ones.
        """
        self.analyses.hold()
        self.notebook_analyses.hold()
        try:
            await update
        finally:
            self.reanalyze_all()
            self.analyses.resume()
            self.notebook_analyses.resume()

    def reanalyze_all(self) -> None:
        """Settings or the index changed: analyze every open document and notebook again."""
        logger.debug("Analyzing every open document and notebook again")
        for uri in list(self.workspace.text_documents):
            if self.notebook_of(uri) is None:
                self.analyses.schedule(uri)
        for uri in list(self.workspace.notebook_documents):
            self.notebook_analyses.schedule(uri)
        self.ask_client_to_pull()

    def ask_client_to_pull(self) -> None:
        """Diagnostics changed without an edit: a pulling client is asked to pull again."""
        if self.client.pull_diagnostics and self.client.diagnostic_refresh:
            logger.debug("Asking the client to pull diagnostics again")
            self.workspace_diagnostic_refresh(None)

    def apply_log_level(self) -> None:
        """Log at the editor's ``logLevel`` when it sets one, else at the command line's."""
        set_log_level(self.settings.editor_settings(None).log_level or self.default_log_level)

    def show_settings_error(self, message: str) -> None:
        """One pop-up per mistake; the message names the setting (``looplint.select``)."""
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=message)
        )

    def report_server_error(
        self, error: Exception, source: type[Exception] | type[JsonRpcException]
    ) -> None:
        """Log every internal error; show one pop-up per session, never one per keystroke.

        Failed requests are answered with an error already, and unreadable messages are the
        client's problem: both are only logged.
        """
        logger.error("Internal error (%s): %s", source.__name__, error, exc_info=error)
        if source in (FeatureRequestError, JsonRpcException) or self._internal_error_shown:
            return
        self._internal_error_shown = True
        self.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"looplint hit an internal error: {error}. See the server log.",
            )
        )
