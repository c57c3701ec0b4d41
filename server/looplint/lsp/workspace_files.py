"""The Python files of a workspace folder that the project index reads.

Excluded, gitignore-style and relative to the folder: the folder's ``exclude`` patterns (or,
when it sets none, ``DEFAULT_EXCLUDES``: environments, caches, build output) and its
``extend-exclude`` patterns. Excluded folders are not entered; links to folders are not
followed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pathspec


def python_files(root: Path, exclude: tuple[str, ...]) -> Iterator[Path]:
    """Every ``.py`` file below ``root`` that no pattern of ``exclude`` matches."""
    spec = _spec(exclude)
    for folder, subfolders, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        subfolders[:] = sorted(
            name for name in subfolders if not spec.match_file(f"{(relative / name).as_posix()}/")
        )
        for name in sorted(files):
            if name.endswith(".py") and not spec.match_file((relative / name).as_posix()):
                yield Path(folder, name)


def is_excluded(path: Path, root: Path, exclude: tuple[str, ...]) -> bool:
    """Whether ``path`` (below ``root``) or one of its folders matches ``exclude``."""
    return _spec(exclude).match_file(path.relative_to(root).as_posix())


@lru_cache(maxsize=16)
def _spec(exclude: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(exclude)
