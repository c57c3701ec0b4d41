"""The workspace's project index (LOOP201 across modules) and how it stays current.

It is ``None`` until the background build (``index_build``) hands one over; documents are
analyzed without it meanwhile. From then on it is read and changed on the analysis threads:
each change (a module's starters taken in, files refreshed) holds one lock, and the engine's
``ProjectIndex`` serializes its own reads, so no analysis ever sees it half-updated.
``version`` counts the changes of its loop starters: analyses made before a change are stale.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pygls.uris import to_fs_path

from looplint.engine import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.analysis import analyze_module
from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.links import target_outside
from looplint.lsp.file_texts import FileTexts
from looplint.lsp.workspace_settings import FolderSettings
from looplint.project.files import excluded
from looplint.project.modules import ModuleNames
from looplint.project.settle import settle

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IndexedFolder:
    root: Path
    settings: FolderSettings
    names: ModuleNames
    """What its files are called as modules: the folder is their project's root."""


@dataclass(frozen=True, slots=True)
class OpenModule:
    """An open document that is a workspace module, as a candidate dependent."""

    uri: str
    module: ProjectModule
    text: str


class WorkspaceIndex:
    """The project index of the workspace folders, once built."""

    def __init__(self, files: FileTexts) -> None:
        self._files = files
        self._folders: tuple[IndexedFolder, ...] = ()
        self._exports: dict[str, dict[str, str]] = {}
        self.project: ProjectIndex | None = None
        self.version = 0
        """Incremented (on an analysis thread) whenever the loop starters change."""
        self._lock = threading.RLock()
        """Held by every change, so that changes and the version move together."""

    def set_folders(self, folders: Iterable[IndexedFolder]) -> None:
        self._folders = tuple(folders)

    def load(self, module: ProjectModule) -> str | None:
        """A module's current text, for the engine: the open document's, else the file's."""
        return self._files.text(module.path)

    def module_of(self, uri: str) -> ProjectModule | None:
        """The workspace module at ``uri``; ``None`` outside the folders, not importable, or a
        link to a file outside them (never read nor edited as a module)."""
        path = to_fs_path(uri)
        if path is None:
            return None
        roots = [folder.root for folder in self._folders]
        folder = self._folder_of(Path(path))
        if folder is None or target_outside(Path(path), roots) is not None:
            return None
        return folder.names.module_for(Path(path))

    def settings_of(self, module: ProjectModule) -> RuleSettings | None:
        """The rule settings of the module's file; ``None`` if the index skips the file."""
        path = Path(module.path)
        folder = self._folder_of(path)
        if folder is None or not folder.settings.enabled:
            return None
        configs = folder.settings.configs
        followed = self.project is not None and self.project.holds(module.name)
        if excluded(path, folder.root, configs) and not followed:
            return None  # an excluded module is indexed only when a member imports it
        return configs.for_file(path).settings

    def take_over(self, project: ProjectIndex) -> None:
        """The build finished: analyses use ``project`` from now on."""
        with self._lock:
            self.project = project
            self._exports.clear()
            self.version += 1
        logger.info("Workspace index ready: %d loop starters", len(project))

    def forget(self, module: ProjectModule) -> None:
        """A module's text is about to be analyzed anew: drop what came from the old one."""
        with self._lock:
            if self.project is not None:
                self.project.forget_text(module.name)

    def take(
        self,
        module: ProjectModule,
        starters: Mapping[str, LoopStart],
        exports: Mapping[str, str],
        attribute_classes: Mapping[str, Mapping[str, str]] | None = None,
    ) -> bool:
        """Take in a module's loop starters, re-exports and (when its analysis had the
        tree) its classes' attribute classes from its latest analysis (analysis thread).
        Returns whether they changed; only then can other modules' findings have changed,
        and the index is settled again.
        """
        with self._lock:
            return self._take(module, starters, exports, attribute_classes)

    def _take(
        self,
        module: ProjectModule,
        starters: Mapping[str, LoopStart],
        exports: Mapping[str, str],
        attribute_classes: Mapping[str, Mapping[str, str]] | None = None,
    ) -> bool:
        project = self.project
        if project is None:
            return False
        starters_changed = project.add_module(module, starters, attribute_classes=attribute_classes)
        exports_changed = self._exports.get(module.name, {}) != exports  # none before: none
        self._exports[module.name] = dict(exports)
        if not (starters_changed or exports_changed):
            return False
        settle(project, self._settings_for)
        project.renew_inference_budget()
        self.version += 1
        logger.info("Index: %s changed what other modules may call", module.name)
        return True

    def update(self, module: ProjectModule, text: str) -> bool:
        """A module's text changed on disk: analyze it for the index; as ``take``."""
        with self._lock:
            return self._update(module, text)

    def _update(self, module: ProjectModule, text: str) -> bool:
        settings = self.settings_of(module)
        if self.project is None or settings is None:
            return False
        self.forget(module)
        summary = analyze_module(
            text,
            settings,
            module_name=module.name,
            is_package=module.is_package,
            project=self.project,
            summary_only=True,
        )
        return self._take(module, summary.starters, summary.exports)

    def refresh_from_disk(self, paths: Sequence[str]) -> bool:
        """Files changed, appeared or vanished on disk (analysis thread); as ``update``."""
        with self._lock:
            return self._refresh(paths)

    def _refresh(self, paths: Sequence[str]) -> bool:
        changed = False
        for path in paths:
            module = self.module_of(self._files.uri_of(path))
            if module is None or self.project is None:
                continue
            text = self._files.text(path)
            if text is None:
                changed |= self._remove(module)
            else:
                changed |= self._update(module, text)
        return changed

    def dependents(self, candidates: Sequence[OpenModule]) -> list[str]:
        """The URIs of the candidates whose findings depend on other modules' starters."""
        project = self.project
        if project is None:
            return []
        return [
            candidate.uri
            for candidate in candidates
            if project.mentions_other_starters(candidate.module, candidate.text)
        ]

    def _remove(self, module: ProjectModule) -> bool:
        project = self.project
        if project is None:
            return False
        before = dict(project)
        keys_changed = project.remove_module(module.name)
        had_exports = bool(self._exports.pop(module.name, None))
        settle(project, self._settings_for)
        logger.info("Index: %s removed", module.name)
        if before == dict(project) and not had_exports and not keys_changed:
            return False
        self.version += 1
        return True

    def _settings_for(self, module: ProjectModule) -> RuleSettings:
        settings = self.settings_of(module)
        return DEFAULT_SETTINGS if settings is None else settings

    def _folder_of(self, path: Path) -> IndexedFolder | None:
        return max(
            (folder for folder in self._folders if path.is_relative_to(folder.root)),
            key=lambda folder: len(folder.root.parts),
            default=None,
        )
