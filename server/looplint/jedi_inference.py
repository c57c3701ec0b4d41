"""Asking jedi what a call means, where looplint's own resolution cannot tell (LOOP201).

The engine resolves calls by meaning through imports, scopes, ``self`` and instances it can see
assigned. Past that — ``self.client.load()`` where ``client`` comes from a factory,
``get_client().load()`` — jedi's type inference can. The project index asks only for calls
whose name is that of a known loop starter, and within a time budget.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from looplint.engine.findings import Position
from looplint.engine.project import ProjectModule

if TYPE_CHECKING:
    import jedi

logger = logging.getLogger(__name__)

_ONE_AT_A_TIME = threading.Lock()
"""jedi keeps process-wide caches and is not thread-safe; the server asks it from several
threads (analyses, the index build, memory releases)."""


class JediInference:
    """Resolves a called name to the qualified name of the function it runs."""

    def __init__(self, modules: Sequence[ProjectModule]) -> None:
        """``modules``: the project's, whose folders are where imports are looked up."""
        self._modules = tuple(modules)

    @cached_property
    def _jedi(self) -> tuple[type[jedi.Script], jedi.Project]:
        # Imported and set up on first use: it takes a noticeable part of a second, and most
        # runs never meet a call that only inference can resolve.
        import jedi

        roots = [str(root) for root in import_roots(self._modules)] or ["."]
        project = jedi.Project(roots[0], added_sys_path=roots[1:], load_unsafe_extensions=False)
        return jedi.Script, project

    def __call__(
        self, module: ProjectModule, text: str, position: Position
    ) -> tuple[str, str] | None:
        """The function called at ``position``: the file defining it and its dotted name there."""
        script_type, project = self._jedi
        try:
            with _ONE_AT_A_TIME:
                script = script_type(text, path=module.path, project=project)
                names = script.goto(position.line + 1, position.column, follow_imports=True)
        except Exception as error:  # jedi on broken or unusual code: no answer, never a crash
            logger.debug("jedi could not resolve %s:%s: %s", module.path, position, error)
            return None
        functions = {
            (str(n.module_path), n.full_name[len(n.module_name) + 1 :])
            for n in names
            if n.type == "function"
            and n.module_path is not None
            and n.full_name
            and n.full_name.startswith(f"{n.module_name}.")
        }
        return functions.pop() if len(functions) == 1 else None


def forget_parses() -> None:
    """Drop the parse trees jedi keeps of every module it read (the process's, whichever
    ``JediInference`` asked); inference parses a module again when it needs it."""
    if "jedi" not in sys.modules:
        return  # inference never ran, so nothing was parsed (and importing jedi takes time)
    import jedi.cache

    with _ONE_AT_A_TIME:
        jedi.cache.clear_time_caches(delete_all=True)


def import_roots(modules: Sequence[ProjectModule]) -> list[Path]:
    """The folders the modules are imported from (``src/`` for ``src/pkg/mod.py``)."""
    roots: dict[Path, None] = {}
    for module in modules:
        depth = module.name.count(".") + (1 if module.is_package else 0)
        roots[Path(module.path).absolute().parents[depth]] = None
    return list(roots)
