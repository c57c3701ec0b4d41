"""Branches that run only when no event loop is running, so a loop start there is fine.

Recognised checks that a loop is running:

- ``try: asyncio.get_running_loop()`` — its ``except RuntimeError`` handlers run without one;
- ``if not loop.is_running():`` (or the ``else`` of ``if loop.is_running():``);
- ``if asyncio._get_running_loop() is None:``;
- a name set from ``get_running_loop()`` in a ``try`` and to ``None`` in its handler:
  ``if loop is None:`` / ``if not loop:`` (or the ``else`` of ``if loop:``);
- the child's branch after ``os.fork()`` (``forks``).
"""

from __future__ import annotations

import ast

from looplint.engine.forks import means_fork_child
from looplint.engine.names import lookup, qualified_name
from looplint.engine.scopes import Assignment, Scope

_RUNNING_LOOP_PROBES = frozenset({"asyncio.get_running_loop", "asyncio._get_running_loop"})
_CAUGHT = frozenset({"RuntimeError", "Exception", "BaseException"})


def no_loop_handlers(node: ast.Try, scope: Scope) -> bool:
    """Whether ``node``'s ``except RuntimeError`` handlers run only when no loop is running."""
    return _probes_running_loop(node.body, scope) and all(
        _catches_runtime_error(handler) for handler in node.handlers
    )


def guarded_branch(node: ast.If, scope: Scope) -> str | None:
    """``"body"`` or ``"orelse"``: the branch of ``node`` that runs only without a loop."""
    test, negated = node.test, False
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, negated = test.operand, not negated
    running = _means_loop_running(test, scope)
    if running is None:
        child = means_fork_child(test, scope)
        if child is None:
            return None
        running = not child  # the child of os.fork() runs no loop
    return "orelse" if running != negated else "body"


def _means_loop_running(test: ast.expr, scope: Scope) -> bool | None:
    """True if ``test`` is true exactly when a loop runs, False if exactly when none does."""
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "is_running"
        and not test.args
    ):
        return True
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is | ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and _is_loop_probe(test.left, scope)
    ):
        return isinstance(test.ops[0], ast.IsNot)
    if _is_loop_probe(test, scope):
        return True
    return None


def _is_loop_probe(expr: ast.expr, scope: Scope) -> bool:
    """``asyncio._get_running_loop()``, or a name holding ``get_running_loop()``-or-None."""
    if isinstance(expr, ast.Call):
        return qualified_name(expr.func, scope) in _RUNNING_LOOP_PROBES
    if isinstance(expr, ast.Name):
        found = lookup(expr.id, scope)
        if found is None:
            return False
        bindings, holder = found
        values = [b.value for b in bindings if isinstance(b, Assignment)]
        if len(values) != len(bindings) or not values:
            return False
        probes = [
            v
            for v in values
            if isinstance(v, ast.Call) and qualified_name(v.func, holder) in _RUNNING_LOOP_PROBES
        ]
        nones = [v for v in values if isinstance(v, ast.Constant) and v.value is None]
        return bool(probes) and len(probes) + len(nones) == len(values)
    return False


def _probes_running_loop(body: list[ast.stmt], scope: Scope) -> bool:
    for stmt in body:
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Call)
                and qualified_name(node.func, scope) in _RUNNING_LOOP_PROBES
            ):
                return True
    return False


def _catches_runtime_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return True
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in _CAUGHT for n in names)
