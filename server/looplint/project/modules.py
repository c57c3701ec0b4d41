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
    """Names the modules below one project root."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self._src = self.root / SRC_FOLDER
        self._regular_packages: dict[Path, bool] = {}
        self._listings: dict[Path, frozenset[str]] = {}

    def module_for(self, path: Path) -> ProjectModule | None:
        """The module a file is (its path kept as given); ``None`` for a stub, a notebook, a
        file outside the root, or one whose path cannot be a dotted name (a folder ``v1.2``)."""
        given, path = path, Path(os.path.abspath(path))
        if path.suffix != MODULE_SUFFIX or not path.is_relative_to(self.root):
            return None
        parts = self._dotted_parts(path.with_suffix(""))
        if parts is None:
            return None
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        if not parts:
            return None
        return ProjectModule(".".join(parts), str(given), is_package, self._search(path))

    def file_imported(self, written: str, search: tuple[str, ...]) -> Path | None:
        """The file below the root that an absolute import of ``written`` (a module, or a name
        in one) reaches from a module searching ``search``, if any: how an import of a file
        that is not checked (excluded, ignored, not given) is still followed."""
        parts = written.split(".")
        for prefix in search:
            for folder in self._folders_of(prefix):
                if not self._entries(folder) & {parts[0], parts[0] + MODULE_SUFFIX}:
                    continue  # most imports (the standard library's) end here, unread
                for end in range(len(parts), 0, -1):
                    place = folder.joinpath(*parts[:end])
                    for candidate in (
                        place.with_name(place.name + MODULE_SUFFIX),
                        place / PACKAGE_INIT,
                    ):
                        if candidate.is_file():
                            return candidate
        return None

    def _folders_of(self, prefix: str) -> list[Path]:
        relative = prefix.split(".") if prefix else []
        return [base.joinpath(*relative) for base in (self._src, self.root)]

    def _entries(self, folder: Path) -> frozenset[str]:
        if folder not in self._listings:
            try:
                self._listings[folder] = frozenset(os.listdir(folder))
            except OSError:
                self._listings[folder] = frozenset()
        return self._listings[folder]

    def _dotted_parts(self, path: Path) -> list[str] | None:
        base = self._src if path.is_relative_to(self._src) and path != self._src else self.root
        parts = list(path.relative_to(base).parts)
        if not parts or not all(_nameable(part) for part in parts):
            return None
        return parts

    def _search(self, path: Path) -> tuple[str, ...]:
        """The dotted prefixes an absolute import of the file at ``path`` is looked up under,
        nearest first (``""``: the root itself)."""
        folder = path.parent
        while folder != self.root and self._is_regular_package(folder):
            folder = folder.parent  # a module of a regular package runs from above its top
        prefixes: dict[str, None] = {}
        while True:
            parts = self._dotted_parts(folder) if folder not in (self.root, self._src) else []
            if parts is not None:
                prefixes[".".join(parts)] = None
            if folder == self.root or not folder.is_relative_to(self.root):
                break
            folder = folder.parent
        return tuple(prefixes) or ("",)

    def _is_regular_package(self, folder: Path) -> bool:
        if folder not in self._regular_packages:
            self._regular_packages[folder] = (folder / PACKAGE_INIT).is_file()
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
