"""Which files belong to a project: Python files, stubs and notebooks under the given paths,
minus excluded ones. ``looplint check`` checks them; the language server indexes them.

A path given explicitly is always taken; exclusions apply to what is found inside folders. A
file or folder is skipped when it matches, gitignore-style:

- ``exclude`` (the options on top — command line or editor — else pyproject.toml), or when
  neither sets it ``DEFAULT_EXCLUDES``;
- ``extend-exclude`` from pyproject.toml and from the options on top;
- the ``.gitignore`` at the project root (the nearest folder holding ``.git``, else the folder of
  the pyproject.toml configuring looplint).

Patterns from pyproject.toml are relative to its folder; those on top, to their anchor (the
current folder for the command line, the workspace folder for an editor). Symbolic links to
folders are not followed; a link to a file outside the given paths is skipped
(``LinkLeavingRoots``), so that ``--fix`` never writes outside the checked tree.

An excluded module is still read when a checked one imports it (``looplint.project.following``):
excluded means "not reported", not "not there".
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from looplint.config.excludes import DEFAULT_EXCLUDES
from looplint.links import target_outside
from looplint.project.config import ProjectConfig, ProjectConfigs

CHECKED_SUFFIXES = (".py", ".pyi", ".ipynb")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    """As given on the command line, or that path joined with the names found below it."""
    config: ProjectConfig
    walked_through_a_link: bool = False
    """Found in a walk, as a symbolic link (only a link can lead out of the walked folder,
    or to a file the walk meets twice: folders' links are not followed)."""


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
    for path in paths:
        if path.is_dir():
            exclusions = _Exclusions(configs, _project_root(path, configs))
            for found in _walk(path, os.path.abspath(path), configs, exclusions):
                link = found.walked_through_a_link
                target = target_outside(found.path, paths) if link else None
                yield found if target is None else LinkLeavingRoots(found.path, target)
        elif path.exists():
            yield FoundFile(path, configs.for_file(path))
        else:
            yield MissingPath(path)


def _walk(
    folder: Path, absolute: str, configs: ProjectConfigs, exclusions: _Exclusions
) -> Iterator[FoundFile]:
    """The files below ``folder`` (``absolute``: the same, absolute)."""
    config = configs.for_folder(folder)
    try:
        entries = sorted(os.scandir(absolute), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        is_folder = entry.is_dir(follow_symlinks=False)
        if not is_folder and not entry.name.endswith(CHECKED_SUFFIXES):
            continue
        if exclusions.excludes(entry.path, is_folder, config):
            continue
        if is_folder:
            yield from _walk(folder / entry.name, entry.path, configs, exclusions)
        elif entry.is_file():
            yield FoundFile(folder / entry.name, config, entry.is_symlink())


class _Exclusions:
    """The exclusion patterns for each configuration met during one walk, built once each."""

    def __init__(self, configs: ProjectConfigs, project_root: Path | None) -> None:
        self._top = configs.top
        self._anchor = configs.anchor
        self._gitignore = _gitignore(project_root)
        self._by_config: dict[Path | None, list[_AnchoredSpec]] = {}

    def excludes(self, absolute: str, is_folder: bool, config: ProjectConfig) -> bool:
        """Whether the file or folder at the ``absolute`` path is excluded."""
        specs = self._by_config.get(config.pyproject)
        if specs is None:
            specs = self._specs_for(config)
            self._by_config[config.pyproject] = specs
        return any(spec.matches(absolute, is_folder) for spec in specs)

    def _specs_for(self, config: ProjectConfig) -> list[_AnchoredSpec]:
        top, in_file = self._top, config.file_options
        file_root = config.root or self._anchor
        if top.exclude:
            base = _AnchoredSpec.of(top.exclude, self._anchor)
        elif in_file.exclude:
            base = _AnchoredSpec.of(in_file.exclude, file_root)
        else:
            base = _AnchoredSpec.of(DEFAULT_EXCLUDES, self._anchor)
        specs = [
            base,
            _AnchoredSpec.of(in_file.extend_exclude, file_root),
            _AnchoredSpec.of(top.extend_exclude, self._anchor),
            self._gitignore,
        ]
        return [spec for spec in specs if spec is not None and spec.spec.patterns]


@dataclass(frozen=True)
class _AnchoredSpec:
    """gitignore-style patterns and the folder they are relative to."""

    spec: pathspec.GitIgnoreSpec
    anchor: str
    """Absolute, ending with the path separator."""

    @classmethod
    def of(cls, patterns: Sequence[str], anchor: Path) -> _AnchoredSpec:
        spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        return cls(spec, os.path.join(os.path.abspath(anchor), ""))

    def matches(self, absolute: str, is_folder: bool) -> bool:
        # Outside the anchor only patterns without a slash (names) can match, as in git.
        inside = absolute.startswith(self.anchor)
        relative = absolute[len(self.anchor) :] if inside else absolute.lstrip(os.sep)
        text = relative.replace(os.sep, "/")
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


def excluded(path: Path, root: Path, configs: ProjectConfigs) -> bool:
    """Whether a walk of ``root`` would skip ``path``: it, or a folder between them, is
    excluded (how an editor learns that a document it opens is not the project's)."""
    path, root = path.absolute(), root.absolute()
    if not path.is_relative_to(root) or path == root:
        return False
    exclusions = _Exclusions(configs, _project_root(root, configs))
    folder = root
    for part in path.relative_to(root).parts[:-1]:
        folder = folder / part
        if exclusions.excludes(str(folder), True, configs.for_folder(folder.parent)):
            return True
    return exclusions.excludes(str(path), False, configs.for_folder(path.parent))
