"""Symbolic links that lead out of the folders being checked.

A file inside a checked folder may be a link to a file elsewhere (``passwd.py`` →
``/etc/passwd``). Reading it would index what nobody asked to check, and writing a fix would
change a file outside the tree. Both front ends skip such a file, and say so: the CLI on
stderr, the server in its log. A link that stays inside the roots is an ordinary file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def target_outside(path: Path, roots: Iterable[Path]) -> Path | None:
    """The real file behind ``path`` when ``path`` is in one of ``roots`` but that file is in
    none of them (links in the roots' own paths followed too); else ``None``."""
    roots = list(roots)
    if not any(path.absolute().is_relative_to(root.absolute()) for root in roots):
        return None
    target = _real(path)
    if any(target.is_relative_to(_real(root)) for root in roots):
        return None
    return target


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: taken as it is
        return path.absolute()
