"""The settings that apply to one document: editor settings over pyproject.toml over defaults.

Precedence is per setting (like ruff's ``editorFirst``): a setting given in the editor wins;
one the editor leaves unset comes from the nearest ``[tool.looplint]``; the rest are defaults.
Each workspace folder has its own editor settings and its own pyproject.toml.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pygls.uris import to_fs_path

from looplint.config import ConfigError, Options, find_pyproject, load_pyproject
from looplint.engine import RuleSettings
from looplint.engine.rules import invalid_syntax
from looplint.lsp.editor_settings import EditorSettings, SettingsProblem
from looplint.lsp.initialization_options import InitialSettings
from looplint.project.config import ProjectConfigs
from looplint.project.files import excluded

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """What the server does with one document."""

    rule_settings: RuleSettings
    enabled: bool
    """False when the editor disabled looplint or the file matches an ``exclude`` pattern."""
    fix_all: bool
    """Whether ``source.fixAll.looplint`` is offered."""


@dataclass(frozen=True, slots=True)
class FolderSettings:
    """What the project index does with one workspace folder."""

    enabled: bool
    configs: ProjectConfigs
    """The settings of each of its files: the editor's over the nearest pyproject.toml's, and
    which files are excluded (as ``looplint check`` finds them, ``looplint.project.files``)."""


class WorkspaceSettings:
    """Editor settings per workspace folder and pyproject.toml files, resolved per document.

    Invalid settings are replaced by defaults and reported through ``report_error``: once per
    mistake, however many routes (initializationOptions, global and per-folder pulls) bring it.
    """

    def __init__(self, report_error: Callable[[str], None]) -> None:
        self._report_error = report_error
        self._reported: set[str] = set()
        self._initial = InitialSettings()
        self._pulled: dict[str | None, EditorSettings] = {}
        self._folders: list[str] = []
        self._pyprojects: dict[Path, tuple[int, Options]] = {}
        self._configs: dict[str | None, tuple[Options, ProjectConfigs]] = {}

    @property
    def folders(self) -> list[str]:
        return list(self._folders)

    def set_folders(self, folder_uris: Iterable[str]) -> None:
        self._folders = sorted({uri.rstrip("/") for uri in folder_uris}, key=len, reverse=True)

    def set_initial(self, initial: InitialSettings) -> None:
        self._initial = initial
        self.report(initial.errors)

    def set_pulled(self, scope_uri: str | None, settings: EditorSettings) -> None:
        """Settings the client sent for a folder (or globally, ``None``) after initialization."""
        self._pulled[scope_uri.rstrip("/") if scope_uri else None] = settings

    def forget_files(self) -> None:
        """Re-read every pyproject.toml and report problems again (a file or setting changed)."""
        self._pyprojects.clear()
        self._configs.clear()
        self._reported.clear()

    def report(self, problems: Iterable[SettingsProblem]) -> None:
        """Report each new mistake once, naming the workspace folder it applies to."""
        for problem in problems:
            if problem.message in self._reported:
                continue
            self._reported.add(problem.message)
            where = f" (folder {_folder_name(problem.folder)})" if problem.folder else ""
            text = f"{problem.message}{where}; using the defaults instead"
            logger.error("Invalid settings: %s", text)
            self._report_error(text)

    def editor_settings(self, uri: str | None) -> EditorSettings:
        """The editor's settings for a document (``None``: outside every folder), layered."""
        folder = self.folder_of(uri) if uri else None
        layers = [
            self._initial.global_settings,
            self._initial.folder_settings.get(folder or "", EditorSettings()),
            self._pulled.get(None, EditorSettings()),
            self._pulled.get(folder, EditorSettings()) if folder else EditorSettings(),
        ]
        settings = EditorSettings()
        for layer in layers:
            settings = layer.merged_over(settings)
        return settings

    def for_document(self, uri: str) -> DocumentSettings:
        """Resolve the settings for the document at ``uri``."""
        editor = self.editor_settings(uri)
        path = _path_of(uri)
        folder = self.folder_of(uri)
        folder_path = _path_of(folder) if folder else None
        search_from = path.parent if path else folder_path
        project_file = find_pyproject(search_from) if search_from else None
        options = editor.options.merged_over(self._pyproject_options(project_file))
        root = folder_path or (path.parent if path else None)
        is_excluded = (
            path is not None
            and root is not None
            and excluded(path, root, self._configs_of(folder, editor.options))
        )
        if is_excluded:
            logger.debug("%s matches an exclude pattern: not checked", uri)
        rule_settings = options.rule_settings()
        if not editor.syntax_errors:
            enabled = rule_settings.enabled - {invalid_syntax.CODE}
            rule_settings = replace(rule_settings, enabled=enabled)
        return DocumentSettings(
            rule_settings=rule_settings,
            enabled=editor.enable is not False and not is_excluded,
            fix_all=editor.fix_all is not False,
        )

    def for_folder(self, folder_uri: str) -> FolderSettings:
        """The settings of a workspace folder's files, for the project index."""
        editor = self.editor_settings(folder_uri)
        return FolderSettings(
            enabled=editor.enable is not False,
            configs=self._configs_of(folder_uri, editor.options),
        )

    def _configs_of(self, folder_uri: str | None, options: Options) -> ProjectConfigs:
        """The files' settings below a workspace folder, the editor's ``options`` on top
        (their patterns relative to the folder); kept until a setting or file changes."""
        kept = self._configs.get(folder_uri)
        if kept is None or kept[0] != options:
            anchor = _path_of(folder_uri) if folder_uri else None
            configs = ProjectConfigs(
                options,
                anchor,
                on_error=lambda error: self.report([SettingsProblem(str(error))]),
            )
            kept = self._configs[folder_uri] = (options, configs)
        return kept[1]

    def folder_of(self, uri: str) -> str | None:
        """The innermost workspace folder holding ``uri``."""
        return next(
            (folder for folder in self._folders if uri == folder or uri.startswith(folder + "/")),
            None,
        )

    def _pyproject_options(self, path: Path | None) -> Options:
        if path is None:
            return Options()
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            mtime = -1
        cached = self._pyprojects.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            options = load_pyproject(path)
            logger.info("Read settings from %s", path)
        except ConfigError as error:
            self.report([SettingsProblem(str(error))])
            options = Options()
        self._pyprojects[path] = (mtime, options)
        return options


def _path_of(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def _folder_name(uri: str) -> str:
    """What an editor calls a workspace folder: the last part of its path."""
    path = _path_of(uri)
    return path.name if path else uri
