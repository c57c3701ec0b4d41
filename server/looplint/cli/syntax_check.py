"""Whether Python accepts a text: ``--add-noqa`` writes only to files that parse."""

from __future__ import annotations

import ast
import warnings
from collections.abc import Sequence

from looplint.engine.notebook import mask_ipython


def python_accepts(text: str, *, top_level_await: bool = False) -> bool:
    """Whether this interpreter parses ``text`` (a notebook cell may ``await`` at top level)."""
    flags = ast.PyCF_ONLY_AST | (ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if top_level_await else 0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            compile(text, "<looplint>", "exec", flags, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def notebook_accepted(cells: Sequence[str | None]) -> bool:
    """Whether every code cell parses, IPython lines (``%magic``, ``!cmd``) set aside."""
    return all(
        python_accepts(mask_ipython(cell), top_level_await=True)
        for cell in cells
        if cell is not None
    )
