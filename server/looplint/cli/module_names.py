"""The dotted module name of a file, so ``extend-loop-starters`` can name a project's functions.

The name is the file's path below the nearest folder that is not a package (has no
``__init__.py``): ``src/shop/tasks/sync.py`` with ``shop/__init__.py`` and
``shop/tasks/__init__.py`` is ``shop.tasks.sync``; a script beside no ``__init__.py`` is just
its stem. This is how Python itself would import the file from that folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PYTHON_SUFFIXES = (".py", ".pyi")


def module_name_for(path: Path) -> str | None:
    """``None`` for a notebook, or when a part of the path is not a Python identifier."""
    path = path.absolute()
    if path.suffix not in PYTHON_SUFFIXES:
        return None
    parts = [] if path.stem == "__init__" else [path.stem]
    folder = path.parent
    while _is_package(folder):
        parts.insert(0, folder.name)
        folder = folder.parent
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts)


@lru_cache(maxsize=1024)
def _is_package(folder: Path) -> bool:
    return folder.parent != folder and (folder / "__init__.py").is_file()
