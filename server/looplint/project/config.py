"""Which settings govern each folder: its nearest pyproject.toml, under the options given on top
(the command line's, or an editor's for its workspace folder)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from looplint.config import ConfigError, Options, load_pyproject
from looplint.config.pyproject import pyproject_in
from looplint.engine import RuleSettings


@dataclass(frozen=True)
class ProjectConfig:
    """The configuration file that governs a folder, and what it amounts to."""

    pyproject: Path | None
    """The pyproject.toml with ``[tool.looplint]``, or ``None`` when there is none."""
    file_options: Options
    """The options written in ``pyproject`` (defaults when there is none)."""
    settings: RuleSettings
    """The engine settings: the options on top over ``file_options``."""

    @property
    def root(self) -> Path | None:
        """The folder of ``pyproject``: relative patterns in it are relative to this folder."""
        return None if self.pyproject is None else self.pyproject.parent


class ProjectConfigs:
    """Looks up each folder's configuration once; files in one folder share it.

    A bad pyproject.toml raises ``ConfigError`` (from ``load_pyproject``) the first time it
    governs a folder — or, given ``on_error``, is reported there and read as empty.
    """

    def __init__(
        self,
        top: Options,
        anchor: Path | None = None,
        on_error: Callable[[ConfigError], None] | None = None,
    ) -> None:
        self.top = top
        """The options over every pyproject.toml's."""
        self.anchor = (anchor or Path.cwd()).absolute()
        """The folder the patterns of ``top`` are relative to."""
        self._on_error = on_error
        self._by_folder: dict[Path, ProjectConfig] = {}
        self._by_pyproject: dict[Path | None, ProjectConfig] = {}

    def for_folder(self, folder: Path) -> ProjectConfig:
        folder = folder.absolute()
        config = self._by_folder.get(folder)
        if config is None:
            own = pyproject_in(folder)
            if own is not None or folder.parent == folder:
                config = self._for_pyproject(own)
            else:
                config = self.for_folder(folder.parent)  # as find_pyproject would, step by step
            self._by_folder[folder] = config
        return config

    def for_file(self, path: Path) -> ProjectConfig:
        return self.for_folder(path.absolute().parent)

    def _for_pyproject(self, pyproject: Path | None) -> ProjectConfig:
        config = self._by_pyproject.get(pyproject)
        if config is None:
            file_options = Options() if pyproject is None else self._read(pyproject)
            settings = self.top.merged_over(file_options).rule_settings()
            config = ProjectConfig(pyproject, file_options, settings)
            self._by_pyproject[pyproject] = config
        return config

    def _read(self, pyproject: Path) -> Options:
        try:
            return load_pyproject(pyproject)
        except ConfigError as error:
            if self._on_error is None:
                raise
            self._on_error(error)
            return Options()
