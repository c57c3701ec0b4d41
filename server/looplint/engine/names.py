"""Resolve an expression to the qualified name it means, through imports, aliases and scopes.

``aio.run`` after ``import asyncio as aio``, ``arun`` after ``from asyncio import run as arun``,
and ``asyncio.runners.run`` all resolve to ``asyncio.run``; a parameter or local named
``asyncio`` resolves to nothing, so a call through it is never mistaken for the real one.
"""

from __future__ import annotations

import ast

from looplint.engine.catalogue import ASYNCIO_STAR_EXPORTS, canonical
from looplint.engine.scopes import (
    Assignment,
    Binding,
    ClassDefinition,
    ClassScope,
    FunctionDefinition,
    ImportedName,
    ModuleImport,
    ModuleScope,
    Scope,
)

_MAX_ALIAS_DEPTH = 6


def lookup(name: str, scope: Scope) -> tuple[list[Binding], Scope] | None:
    """The bindings of ``name`` visible from ``scope``, and the scope that holds them.

    Follows Python's rules: class bodies are skipped for code nested in them, names declared
    ``global`` resolve in the module and names declared ``nonlocal`` in an enclosing function.
    ``None`` means a builtin or an undefined name.
    """
    for candidate in scope.chain():
        if candidate is not scope and isinstance(candidate, ClassScope):
            continue
        if name in candidate.nonlocal_names:
            continue
        if name in candidate.global_names:
            candidate = candidate.module
        bindings = candidate.bindings.get(name)
        if bindings:
            return bindings, candidate
    return None


def sole_binding(name: str, scope: Scope) -> tuple[Binding, Scope] | None:
    """The one binding of ``name`` visible from ``scope`` and its scope; ``None`` when the
    name is unbound or bound more than one way (then nothing is certain about it)."""
    found = lookup(name, scope)
    if found is None or len(found[0]) != 1:
        return None
    return found[0][0], found[1]


def qualified_name(expr: ast.expr, scope: Scope, depth: int = 0) -> str | None:
    """The canonical dotted name ``expr`` refers to, or ``None`` when it cannot be known."""
    if depth > _MAX_ALIAS_DEPTH:
        return None
    if isinstance(expr, ast.Attribute):
        base = qualified_name(expr.value, scope, depth + 1)
        return canonical(f"{base}.{expr.attr}") if base else None
    if not isinstance(expr, ast.Name):
        return None
    found = lookup(expr.id, scope)
    if found is None:
        module = scope.module
        for star_module in module.star_imports:
            if star_module == "asyncio" and expr.id in ASYNCIO_STAR_EXPORTS:
                return f"asyncio.{expr.id}"
        return None
    bindings, holder = found
    names = {_binding_name(b, holder, depth) for b in bindings if not _is_none_assignment(b)}
    if len(names) != 1:
        return None
    return names.pop()


def _binding_name(binding: Binding, holder: Scope, depth: int) -> str | None:
    if isinstance(binding, ModuleImport):
        return binding.module
    if isinstance(binding, ImportedName):
        return canonical(absolute_name(binding.qualified_name, holder.module))
    if isinstance(binding, Assignment) and binding.value is not None:
        return qualified_name(binding.value, holder, depth + 1)
    if isinstance(binding, FunctionDefinition | ClassDefinition) and isinstance(
        holder, ModuleScope
    ):
        module_name = holder.module_name
        return f"{module_name}.{binding.name}" if module_name else f"<module>.{binding.name}"
    return None


def absolute_name(name: str, module: ModuleScope) -> str:
    """Resolve a relative ``from .x import y`` against the analyzed module's name."""
    if not name.startswith("."):
        return name
    level = len(name) - len(name.lstrip("."))
    rest = name[level:].lstrip(".")
    if not module.module_name:
        return f"<relative>.{rest}"
    parts = module.module_name.split(".")
    if module.is_package:
        parts.append("__init__")
    package = parts[:-level]
    return ".".join([*package, rest]) if package else rest


def _is_none_assignment(binding: Binding) -> bool:
    """``x = None``: a placeholder (``try: import uvloop / except: uvloop = None``)."""
    return (
        isinstance(binding, Assignment)
        and isinstance(binding.value, ast.Constant)
        and binding.value.value is None
    )
