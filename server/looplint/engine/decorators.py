"""What a decorator makes of the function it decorates: a name is judged by what it is after.

``@async_to_sync async def f`` is a sync function (one that runs a coroutine on an event loop of
its own when called), ``@sync_to_async def f`` a coroutine function. ``functools.wraps``-style
wrappers of the module, ``functools.cache``, ``staticmethod`` and ``classmethod`` leave a function
what it was. Any other decorator may make it anything: then nothing is known about the name.
"""

from __future__ import annotations

import ast
from enum import Enum

from looplint.engine.names import lookup, qualified_name
from looplint.engine.scopes import FunctionDefinition, FunctionNode, Scope


class Made(Enum):
    """What a decorated function is."""

    COROUTINE_FUNCTION = "coroutine function"
    SYNC_FUNCTION = "sync function"
    LOOP_STARTER = "sync function that starts an event loop"  # asgiref ``async_to_sync``
    UNKNOWN = "unknown"


_TRANSPARENT = frozenset(
    {"functools.cache", "functools.lru_cache", "functools.wraps", "staticmethod", "classmethod"}
)
_MAKERS = {
    "asgiref.sync.async_to_sync": Made.LOOP_STARTER,
    "asgiref.sync.AsyncToSync": Made.LOOP_STARTER,
    "asgiref.sync.sync_to_async": Made.COROUTINE_FUNCTION,
    "asgiref.sync.SyncToAsync": Made.COROUTINE_FUNCTION,
}


def what_decorators_make(function: FunctionNode, holder: Scope) -> Made:
    """What ``function`` (defined in ``holder``) is once its decorators have been applied."""
    made = (
        Made.COROUTINE_FUNCTION
        if isinstance(function, ast.AsyncFunctionDef)
        else Made.SYNC_FUNCTION
    )
    for decorator in reversed(function.decorator_list):  # the innermost is applied first
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        maker = _MAKERS.get(qualified_name(target, holder) or "")
        if maker is not None:
            made = maker
        elif not is_transparent(decorator, holder):
            return Made.UNKNOWN
    return made


def is_transparent(decorator: ast.expr, holder: Scope) -> bool:
    """``functools.cache``-like, builtin ``staticmethod``/``classmethod``, or a decorator of the
    module that wraps with ``functools.wraps`` or returns the function itself."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if qualified_name(target, holder) in _TRANSPARENT:
        return True
    if not isinstance(target, ast.Name):
        return False
    found = lookup(target.id, holder)
    if found is None:
        return target.id in ("staticmethod", "classmethod")
    bindings, decorator_holder = found
    if len(bindings) != 1 or not isinstance(bindings[0], FunctionDefinition):
        return False
    definition = bindings[0].node
    parameters = [a.arg for a in definition.args.args]
    for stmt in definition.body:
        if isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Name):
            return stmt.value.id in parameters
        if isinstance(stmt, ast.FunctionDef) and any(
            qualified_name(d.func if isinstance(d, ast.Call) else d, decorator_holder)
            == "functools.wraps"
            for d in stmt.decorator_list
        ):
            return True
    return False
