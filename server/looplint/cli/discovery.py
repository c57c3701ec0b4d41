"""Which files ``looplint check`` looks at: Python files and notebooks under the given paths,
minus excluded ones.

A path named on the command line is always checked; exclusions apply to what is found inside
folders. A file or folder is skipped when it matches, gitignore-style:

- ``exclude`` (command line, else pyproject.toml), or when neither sets it ``DEFAULT_EXCLUDES``;
- ``extend-exclude`` from pyproject.toml and from the command line;
- the ``.gitignore`` at the project root (the nearest folder holding ``.git``, else the folder of
  the pyproject.toml configuring looplint).

Patterns from pyproject.toml are relative to its folder; from the command line, to the current
folder. Symbolic links to folders are not followed; a link to a file outside the given paths
is skipped (``LinkLeavingRoots``), so that ``--fix`` never writes outside the checked tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from looplint.cli.project_config import ProjectConfig, ProjectConfigs
from looplint.config.excludes import DEFAULT_EXCLUDES
from looplint.links import target_outside

CHECKED_SUFFIXES = (".py", ".pyi", ".ipynb")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    """As given on the command line, or that path joined with the names found below it."""
    config: ProjectConfig


@dataclass(frozen=True)
class MissingPath:
    path: Path


@dataclass(frozen=True)
class LinkLeavingRoots:
    """A link found inside a given folder, to a file outside every given path."""

    path: Path
    target: Path


def discover(
    paths: Sequence[Path], configs: ProjectConfigs
) -> Iterator[FoundFile | MissingPath | LinkLeavingRoots]:
    """Every file to check under ``paths``, in the order found, every path that is missing,
    and every link skipped because it leads out of ``paths``."""
    cwd = Path.cwd()
    for path in paths:
        if path.is_dir():
            exclusions = _Exclusions(configs, cwd, _project_root(path, configs))
            for found in _walk(path, configs, exclusions):
                # The walk enters no linked folder: only a file that is a link can lead out.
                target = target_outside(found.path, paths) if found.path.is_symlink() else None
                yield found if target is None else LinkLeavingRoots(found.path, target)
        elif path.exists():
            yield FoundFile(path, configs.for_file(path))
        else:
            yield MissingPath(path)


def _walk(folder: Path, configs: ProjectConfigs, exclusions: _Exclusions) -> Iterator[FoundFile]:
    config = configs.for_folder(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = folder / entry.name
        is_folder = entry.is_dir(follow_symlinks=False)
        if not is_folder and not entry.name.endswith(CHECKED_SUFFIXES):
            continue
        if exclusions.excludes(path, is_folder, config):
            continue
        if is_folder:
            yield from _walk(path, configs, exclusions)
        elif entry.is_file():
            yield FoundFile(path, config)


class _Exclusions:
    """The exclusion patterns for each configuration met during one walk, built once each."""

    def __init__(self, configs: ProjectConfigs, cwd: Path, project_root: Path | None) -> None:
        self._command_line = configs.command_line
        self._cwd = cwd
        self._gitignore = _gitignore(project_root)
        self._by_config: dict[Path | None, list[_AnchoredSpec]] = {}

    def excludes(self, path: Path, is_folder: bool, config: ProjectConfig) -> bool:
        specs = self._by_config.get(config.pyproject)
        if specs is None:
            specs = self._specs_for(config)
            self._by_config[config.pyproject] = specs
        absolute = path.absolute()
        return any(spec.matches(absolute, is_folder) for spec in specs)

    def _specs_for(self, config: ProjectConfig) -> list[_AnchoredSpec]:
        command_line, in_file = self._command_line, config.file_options
        file_root = config.root or self._cwd
        if command_line.exclude:
            base = _AnchoredSpec.of(command_line.exclude, self._cwd)
        elif in_file.exclude:
            base = _AnchoredSpec.of(in_file.exclude, file_root)
        else:
            base = _AnchoredSpec.of(DEFAULT_EXCLUDES, self._cwd)
        specs = [
            base,
            _AnchoredSpec.of(in_file.extend_exclude, file_root),
            _AnchoredSpec.of(command_line.extend_exclude, self._cwd),
        ]
        if self._gitignore is not None:
            specs.append(self._gitignore)
        return specs


@dataclass(frozen=True)
class _AnchoredSpec:
    """gitignore-style patterns and the folder they are relative to."""

    spec: pathspec.GitIgnoreSpec
    anchor: Path

    @classmethod
    def of(cls, patterns: Sequence[str], anchor: Path) -> _AnchoredSpec:
        return cls(pathspec.GitIgnoreSpec.from_lines(patterns), anchor.absolute())

    def matches(self, path: Path, is_folder: bool) -> bool:
        # Outside the anchor only patterns without a slash (names) can match, as in git.
        relative = path.relative_to(self.anchor) if path.is_relative_to(self.anchor) else path
        text = relative.as_posix().lstrip("/")
        return self.spec.match_file(text + "/" if is_folder else text)


def _project_root(path: Path, configs: ProjectConfigs) -> Path | None:
    path = path.absolute()
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return configs.for_folder(path).root


def _gitignore(project_root: Path | None) -> _AnchoredSpec | None:
    if project_root is None:
        return None
    try:
        lines = (project_root / ".gitignore").read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _AnchoredSpec.of(lines, project_root)
