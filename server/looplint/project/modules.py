"""What each file of a project is called as a module, and where its absolute imports lead.

One rule for ``looplint check`` and the language server (the README's "How looplint reads a
project" says it for users):

- A project has one *root*. In an editor, the workspace folder; for ``looplint check``, the
  nearest folder holding ``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git`` above the
  checked paths, else the current folder when they are below it, else the folder they share.
- A file's module name is its path below the root — below ``<root>/src`` for files there (the
  src layout) — with ``/`` read as ``.``; every folder counts as a package, with or without an
  ``__init__.py`` (PEP 420). ``pkg/__init__.py`` is the package ``pkg``.
- An absolute import is looked up as Python looks it up for that file: first below the folder
  Python puts on ``sys.path`` when the file runs — a script's own folder; for a module of a
  regular package, the folder above its top package — then below each folder above that, up to
  the root. So ``import helpers`` in ``a/jobs.py`` is ``a/helpers.py``, never ``b/helpers.py``.
  These folders are the module's *search prefixes* (``ProjectModule.search``); the project
  index resolves every imported name through them.
- Relative imports are resolved against the module's name, as Python does.

Stubs (``.pyi``) and notebooks are no modules: stubs never run, and nothing imports a notebook.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from looplint.engine.project import ProjectModule

MODULE_SUFFIX = ".py"
SRC_FOLDER = "src"
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
PACKAGE_INIT = "__init__.py"


class ModuleNames:
    """Names the modules below one project root (paths are handled as strings: a check names
    thousands of files, and ``pathlib`` would be most of its cost)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self._root = str(self.root)
        self._src = os.path.join(self._root, SRC_FOLDER)
        self._searches: dict[str, tuple[str, ...]] = {}  # folder → its files' search prefixes
        self._regular_packages: dict[str, bool] = {}
        self._listings: dict[str, frozenset[str]] = {}
        self._prefix_folders: dict[str, tuple[str, ...]] = {}
        self._imported: dict[tuple[str, tuple[str, ...]], Path | None] = {}

    def module_for(self, path: Path) -> ProjectModule | None:
        """The module a file is (its path kept as given); ``None`` for a stub, a notebook, a
        file outside the root, or one whose path cannot be a dotted name (a folder ``v1.2``)."""
        absolute = os.path.abspath(path)
        if not absolute.endswith(MODULE_SUFFIX):
            return None
        parts = self._dotted_parts(absolute[: -len(MODULE_SUFFIX)])
        if not parts:
            return None
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        if not parts:
            return None
        search = self._search(os.path.dirname(absolute))
        return ProjectModule(".".join(parts), str(path), is_package, search)

    def file_imported(self, written: str, search: tuple[str, ...]) -> Path | None:
        """The file below the root that an absolute import of ``written`` (a module, or a name
        in one) reaches from a module searching ``search``, if any: how an import of a file
        that is not checked (excluded, ignored, not given) is still followed."""
        key = (written, search)
        if key not in self._imported:
            self._imported[key] = self._find_imported(written.split("."), search)
        return self._imported[key]

    def _find_imported(self, parts: list[str], search: tuple[str, ...]) -> Path | None:
        for prefix in search:
            for folder in self._folders_of(prefix):
                if not self._entries(folder) & {parts[0], parts[0] + MODULE_SUFFIX}:
                    continue  # most imports (the standard library's) end here, unread
                for end in range(len(parts), 0, -1):
                    place = os.path.join(folder, *parts[:end])
                    for candidate in (place + MODULE_SUFFIX, os.path.join(place, PACKAGE_INIT)):
                        if os.path.isfile(candidate):
                            return Path(candidate)
        return None

    def _folders_of(self, prefix: str) -> tuple[str, ...]:
        if prefix not in self._prefix_folders:
            relative = prefix.split(".") if prefix else []
            bases = (self._src, self._root)
            self._prefix_folders[prefix] = tuple(os.path.join(b, *relative) for b in bases)
        return self._prefix_folders[prefix]

    def _entries(self, folder: str) -> frozenset[str]:
        if folder not in self._listings:
            try:
                self._listings[folder] = frozenset(os.listdir(folder))
            except OSError:
                self._listings[folder] = frozenset()
        return self._listings[folder]

    def _dotted_parts(self, absolute: str) -> list[str] | None:
        """The parts of a name below the root (below ``src/`` there), ``[]`` for the root (or
        ``src/``) itself; ``None`` outside the root or when a part cannot be in a name."""
        for base in (self._src, self._root):
            if absolute == base:
                return []
            if absolute.startswith(base + os.sep):
                parts = absolute[len(base) + 1 :].split(os.sep)
                return parts if all(_nameable(part) for part in parts) else None
        return None

    def _search(self, folder: str) -> tuple[str, ...]:
        """The dotted prefixes an absolute import of a file in ``folder`` is looked up under,
        nearest first (``""``: the root itself)."""
        if folder not in self._searches:
            start = folder
            while start != self._root and self._is_regular_package(start):
                start = os.path.dirname(start)  # a module of a regular package runs from above
            prefixes: dict[str, None] = {}
            current = start
            while True:
                parts = self._dotted_parts(current)
                if parts is not None:
                    prefixes[".".join(parts)] = None
                if not current.startswith(self._root + os.sep):
                    break  # the root itself was the last
                current = os.path.dirname(current)
            self._searches[folder] = tuple(prefixes) or ("",)
        return self._searches[folder]

    def _is_regular_package(self, folder: str) -> bool:
        if folder not in self._regular_packages:
            self._regular_packages[folder] = os.path.isfile(os.path.join(folder, PACKAGE_INIT))
        return self._regular_packages[folder]


def project_root(paths: Sequence[Path], cwd: Path) -> Path:
    """The root ``looplint check`` names the modules of ``paths`` from (see the module doc)."""
    folders = [Path(os.path.abspath(p)) for p in paths]
    folders = [p if p.is_dir() else p.parent for p in folders] or [Path(os.path.abspath(cwd))]
    shared = Path(os.path.commonpath(folders))
    for folder in (shared, *shared.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    cwd = Path(os.path.abspath(cwd))
    return cwd if shared.is_relative_to(cwd) else shared


def unique_modules(
    named: Iterable[tuple[Path, ProjectModule | None]],
) -> dict[Path, ProjectModule]:
    """Each module name once, for the first file (in the order given) that has it: ``pkg.py``
    beside ``pkg/__init__.py``, or ``pkg/`` beside ``src/pkg/``, are one module to Python."""
    taken: set[str] = set()
    found: dict[Path, ProjectModule] = {}
    for path, module in named:
        if module is not None and module.name not in taken:
            taken.add(module.name)
            found[path] = module
    return found


def _nameable(part: str) -> bool:
    """A path part that can stand in a dotted name: no dot in it. (``my-scripts`` cannot be
    imported, but its scripts import their neighbours, so it still names their modules.)"""
    return bool(part) and "." not in part and " " not in part
