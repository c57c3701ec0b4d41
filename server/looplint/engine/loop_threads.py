"""Event loops that provably run in another thread: waiting on them blocks, but completes.

A loop made with ``new_event_loop()`` and handed to a ``threading.Thread`` — as its target
(``Thread(target=loop.run_forever)``) or as an argument of a target that runs a loop
(``Thread(target=serve, args=(loop,))``) — is not the loop running the code that waits on it,
so ``run_coroutine_threadsafe(c, loop).result()`` is no deadlock.
"""

from __future__ import annotations

import ast

from looplint.engine.catalogue import Kind
from looplint.engine.names import qualified_name, sole_binding
from looplint.engine.receivers import kind_of
from looplint.engine.scopes import Assignment, FunctionDefinition, FunctionScope, Scope

_THREADS = frozenset({"threading.Thread"})
_LOOP_RUNNERS = frozenset({"run_forever", "run_until_complete"})


def runs_in_another_thread(loop: ast.expr, scope: Scope) -> bool:
    """Whether ``loop`` (a name or ``self`` attribute) is a new loop some thread runs."""
    if kind_of(loop, scope) is not Kind.NEW_LOOP:
        return False
    where = _where_bound(loop, scope)
    if where is None:
        return False
    return any(
        isinstance(node, ast.Call)
        and qualified_name(node.func, where) in _THREADS
        and _thread_runs(node, loop, where)
        for node in ast.walk(where.node)
    )


def _where_bound(loop: ast.expr, scope: Scope) -> Scope | None:
    """The scope whose code holds ``loop``'s bindings: its function, or its class."""
    if isinstance(loop, ast.Name):
        found = sole_binding(loop.id, scope)
        return found[1] if found is not None and isinstance(found[0], Assignment) else None
    if isinstance(loop, ast.Attribute) and isinstance(loop.value, ast.Name):
        method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
        if method is not None and loop.value.id == method.first_parameter:
            return method.enclosing_class
    return None


def _thread_runs(thread: ast.Call, loop: ast.expr, where: Scope) -> bool:
    """``Thread(target=loop.run_forever)`` or ``Thread(target=f, args=(loop,))``, ``f``
    running a loop."""
    keywords = {k.arg: k.value for k in thread.keywords if k.arg}
    target = keywords.get("target")
    if target is None:
        return False
    if isinstance(target, ast.Attribute) and target.attr in _LOOP_RUNNERS:
        return _same(target.value, loop)
    arguments = keywords.get("args")
    if not isinstance(arguments, ast.Tuple | ast.List):
        return False
    return any(_same(a, loop) for a in arguments.elts) and _runs_a_loop(target, where)


def _same(expr: ast.expr, loop: ast.expr) -> bool:
    if isinstance(expr, ast.Name) and isinstance(loop, ast.Name):
        return expr.id == loop.id
    if isinstance(expr, ast.Attribute) and isinstance(loop, ast.Attribute):
        return expr.attr == loop.attr and _same(expr.value, loop.value)
    return False


def _runs_a_loop(target: ast.expr, where: Scope) -> bool:
    """A function of the module whose body runs an event loop."""
    if not isinstance(target, ast.Name):
        return False
    found = sole_binding(target.id, where)
    if found is None or not isinstance(found[0], FunctionDefinition):
        return False
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _LOOP_RUNNERS
        for node in ast.walk(found[0].node)
    )
