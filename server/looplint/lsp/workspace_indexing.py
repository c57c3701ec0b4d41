"""Keeping the workspace index current, and the diagnostics that depend on it.

The index is built in the background after ``initialized`` (and again when workspace folders
change), with ``$/progress``; open documents that call into other modules are then analyzed
again, with it. It then follows every change: an open document's text on each
analysis (so edits are debounced with the diagnostics), files saved, created or deleted on
disk (watched files, a closed document's buffer being dropped). When the loop starters change,
other open documents whose findings depend on them are analyzed again: republished to push
clients; pull clients are asked to pull again when they can be.

A client that names no workspace folder at all (Neovim in a folder without a root marker)
gets single-file workspaces: the folder of each file it opens is indexed as if it were one.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pygls.uris import from_fs_path, to_fs_path

from looplint.lsp.index_build import build_project_index
from looplint.lsp.index_progress import IndexProgress
from looplint.lsp.workspace_index import IndexedFolder, OpenModule
from looplint.project.modules import ModuleNames

if TYPE_CHECKING:
    from looplint.lsp.server import LoopLintServer

logger = logging.getLogger(__name__)


class WorkspaceIndexing:
    """Builds the server's ``WorkspaceIndex`` and reacts to its changes."""

    def __init__(self, server: LoopLintServer) -> None:
        self._server = server
        self._stop = threading.Event()
        self._building = False
        self._changed_while_building: set[str] = set()
        self._seen_version = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self.folders_of_opened_files = False
        """Set when the client named no workspace folder: opened files' folders stand in."""

    def start(self) -> None:
        """(Re)build the index of the current workspace folders in the background."""
        self._stop.set()
        self._stop = threading.Event()
        self._spawn(self._build(self._stop))

    def cover(self, uri: str) -> None:
        """A document was opened: without folders from the client, index the folder holding
        it on disk (unless one already holds it), so that LOOP201 follows calls into its
        neighbours."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self._server.settings
        if not self.folders_of_opened_files or path is None or settings.folder_of(uri):
            return
        folder = from_fs_path(str(Path(path).parent))
        if folder is None or not Path(path).parent.is_dir():
            return
        logger.info("No workspace folder from the client: indexing %s, where %s is", folder, uri)
        settings.set_folders([*settings.folders, folder])
        self.start()

    def stop(self) -> None:
        """The server shuts down: stop the build, drop pending updates."""
        self._stop.set()
        for task in list(self._tasks):
            task.cancel()

    def files_changed(self, paths: Iterable[str]) -> None:
        """Files changed on disk (or a buffer was dropped): index their text on disk."""
        paths = list(paths)
        if self._building:
            self._changed_while_building.update(paths)
        elif paths:
            self._spawn(self._refresh(paths))

    def check_for_changes(self, origin: str | None) -> None:
        """After an analysis or a refresh: if the loop starters changed, update the dependents.

        ``origin``: a document just analyzed with the index as it is now, which needs no
        second analysis (a document analyzed before the latest change is a candidate again).
        """
        version = self._server.index.version
        if version != self._seen_version:
            self._seen_version = version
            self._spawn(self._update_dependents(origin))

    async def _build(self, stop: threading.Event) -> None:
        server = self._server
        folders = [
            IndexedFolder(Path(path), server.settings.for_folder(uri), ModuleNames(Path(path)))
            for uri in server.settings.folders
            if (path := to_fs_path(uri))
        ]
        server.index.set_folders(folders)
        if not folders:
            logger.info("No workspace folder: LOOP201 follows calls within each file only")
            return
        self._building = True
        progress = IndexProgress(server, supported=server.client.work_done_progress)
        await progress.begin()
        loop = asyncio.get_running_loop()

        def report(done: int, total: int) -> None:
            loop.call_soon_threadsafe(progress.report, done, total)

        try:
            project = await loop.run_in_executor(
                server.index_executor,
                build_project_index,
                folders,
                server.index.load,
                report,
                stop,
            )
        finally:
            if stop is self._stop:
                self._building = False
        if project is None:
            progress.end("Stopped")
            return
        await loop.run_in_executor(server.executor, server.index.take_over, project)
        server.memory.release_soon()
        progress.end(f"{len(project)} functions start an event loop")
        changed, self._changed_while_building = self._changed_while_building, set()
        if changed:
            await self._refresh(sorted(changed))
        self.check_for_changes(None)

    async def _refresh(self, paths: list[str]) -> None:
        server = self._server
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(server.executor, server.index.refresh_from_disk, paths)
        self.check_for_changes(None)

    async def _update_dependents(self, origin: str | None) -> None:
        """Analyze again the open documents whose findings may have changed with the index."""
        server = self._server
        candidates = []
        flagged = []
        for uri, document in list(server.workspace.text_documents.items()):
            module = server.index.module_of(uri)
            if uri == origin or module is None or server.notebook_of(uri) is not None:
                continue
            candidates.append(OpenModule(uri, module, document.source))
            last = server.analyses.last(uri)
            if last is not None and last.depends_on_project:
                flagged.append(uri)
        loop = asyncio.get_running_loop()
        mentioning = await loop.run_in_executor(
            server.executor, server.index.dependents, candidates
        )
        dependents = sorted({*flagged, *mentioning})
        logger.info(
            "Loop starters changed: analyzing again %s", ", ".join(dependents) or "no document"
        )
        for uri in dependents:
            server.analyses.schedule(uri)
        server.ask_client_to_pull()

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("Workspace indexing failed", exc_info=task.exception())
