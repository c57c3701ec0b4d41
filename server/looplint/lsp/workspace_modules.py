"""Which module a workspace file is: its dotted name, as an import would spell it.

The rule: take the file's path relative to its workspace folder — or to the folder's ``src/``
when the file is below it (the src layout) — drop ``.py`` and read ``/`` as ``.``:
``pkg/helpers.py`` is ``pkg.helpers`` and ``src/pkg/helpers.py`` too. ``pkg/__init__.py`` is
the package ``pkg``. A path with a part that is not an identifier (``my-scripts/run.py``)
cannot be imported, so it is no module; nor is a file outside every workspace folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from looplint.engine.project import ProjectModule

SRC_FOLDER = "src"


def module_for_path(path: Path, folders: Sequence[Path]) -> ProjectModule | None:
    """The module ``path`` is in the innermost of ``folders`` holding it, if it is one."""
    if path.suffix != ".py":
        return None
    root = max(
        (folder for folder in folders if path.is_relative_to(folder)),
        key=lambda folder: len(folder.parts),
        default=None,
    )
    if root is None:
        return None
    parts = list(path.relative_to(root).with_suffix("").parts)
    if len(parts) > 1 and parts[0] == SRC_FOLDER:
        parts = parts[1:]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ProjectModule(".".join(parts), str(path), is_package)
