"""Spelling ``asyncio.`` in a fix: reuse the module's import, or add ``import asyncio``."""

from __future__ import annotations

import ast

from looplint.engine.document import Document
from looplint.engine.findings import Edit, Position, Span
from looplint.engine.names import lookup, qualified_name
from looplint.engine.scopes import ModuleImport, Scope


def asyncio_prefix(document: Document, scope: Scope) -> tuple[str, tuple[Edit, ...]] | None:
    """How to spell asyncio names at ``scope``: the prefix (``"aio."`` after ``import asyncio
    as aio``) and any edit that adds the import. ``None`` when no spelling would mean the
    module there (a parameter named ``asyncio``, say). The import goes before the module's
    first import (``asyncio`` sorts early in the standard-library block), or after the
    docstring and ``__future__`` imports.
    """
    bindings = document.module_scope.bindings
    aliases = sorted(
        name
        for name, found in bindings.items()
        if all(isinstance(b, ModuleImport) and b.module == "asyncio" for b in found)
    )
    for name in sorted(aliases, key=lambda alias: alias != "asyncio"):
        if qualified_name(ast.Name(name), scope) == "asyncio":
            return f"{name}.", ()
    if lookup("asyncio", scope) is not None:
        return None
    return "asyncio.", (import_insertion(document, "import asyncio\n"),)


def import_insertion(document: Document, statement: str) -> Edit:
    """An edit inserting an import statement where new top-level imports belong."""
    position = Position(_import_line(document.tree), 0)
    return Edit(Span(position, position), statement.replace("\n", document.source.newline))


def _import_line(tree: ast.Module) -> int:
    """0-based line where a new top-level import belongs."""
    body = tree.body
    index = 0
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        index = 1 if isinstance(first.value.value, str) else 0
    while index < len(body) and _is_future_import(body[index]):
        index += 1
    if index < len(body):
        return body[index].lineno - 1
    return body[-1].end_lineno if body else 0  # type: ignore[return-value]


def _is_future_import(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
