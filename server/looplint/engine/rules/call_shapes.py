"""Small questions the rules ask about a call's shape and callee."""

from __future__ import annotations

import ast

from looplint.engine.catalogue import COROUTINE_FUNCTIONS
from looplint.engine.decorators import Made, what_decorators_make
from looplint.engine.names import qualified_name, sole_binding
from looplint.engine.scopes import Binding, FunctionDefinition, FunctionScope, Scope


def method_receiver(call: ast.Call, *names: str) -> ast.expr | None:
    """``x`` for a call ``x.name(...)`` whose method is one of ``names``."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in names:
        return func.value
    return None


def only_positional(call: ast.Call) -> ast.expr | None:
    """The argument of a call with exactly one positional argument and no keywords."""
    if len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return None


def first_positional(call: ast.Call) -> ast.expr | None:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return None


def is_coroutine_function(expr: ast.expr, scope: Scope) -> bool:
    """Whether ``expr`` names a coroutine function (a function, or a method through ``self``):
    an ``async def`` its decorators leave one, or a sync one they make one."""
    if isinstance(expr, ast.Name):
        found = sole_binding(expr.id, scope)
        if found is not None:
            return _is_coroutine_definition(*found)
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
        klass = method.enclosing_class if method is not None else None
        if klass is not None and expr.value.id == method.first_parameter:  # type: ignore[union-attr]
            bindings = klass.bindings.get(expr.attr, [])
            return len(bindings) == 1 and _is_coroutine_definition(bindings[0], klass)
    return qualified_name(expr, scope) in COROUTINE_FUNCTIONS


def _is_coroutine_definition(binding: Binding, holder: Scope) -> bool:
    return (
        isinstance(binding, FunctionDefinition)
        and what_decorators_make(binding.node, holder) is Made.COROUTINE_FUNCTION
    )


def call_with_arguments(callee: str, arguments: list[str]) -> str:
    """``callee(a, b)``."""
    return f"{callee}({', '.join(arguments)})"
