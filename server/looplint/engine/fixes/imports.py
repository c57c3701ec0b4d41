"""Spelling ``asyncio.`` in a fix: reuse the module's import, or add ``import asyncio``."""

from __future__ import annotations

import ast

from looplint.engine.document import Document
from looplint.engine.findings import Edit, Position, Span
from looplint.engine.scopes import ModuleImport


def asyncio_prefix(document: Document) -> tuple[str, tuple[Edit, ...]]:
    """The prefix for asyncio names (``"aio."`` after ``import asyncio as aio``) and any edit
    that adds the import. The import goes before the module's first import (``asyncio`` sorts
    early in the standard-library block), or after the docstring and ``__future__`` imports.
    """
    bindings = document.module_scope.bindings
    aliases = [
        name
        for name, found in bindings.items()
        if all(isinstance(b, ModuleImport) and b.module == "asyncio" for b in found)
    ]
    if aliases:
        name = "asyncio" if "asyncio" in aliases else sorted(aliases)[0]
        return f"{name}.", ()
    line = _import_line(document.tree)
    position = Position(line, 0)
    return "asyncio.", (Edit(Span(position, position), "import asyncio\n"),)


def _import_line(tree: ast.Module) -> int:
    """0-based line where a new top-level import belongs."""
    body = tree.body
    index = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        if isinstance(body[0].value.value, str):
            index = 1
    while index < len(body) and _is_future_import(body[index]):
        index += 1
    if index < len(body):
        return body[index].lineno - 1
    return body[-1].end_lineno if body else 0  # type: ignore[return-value]


def _is_future_import(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
