"""The child's branch after ``os.fork()``: no event loop runs there.

Forking inside a coroutine copies the process, but not its running loop: asyncio forgets it in
the child (every version records the loop with the pid that set it; 3.12+ also resets it at
fork), so a loop start there is correct. The child is the branch where ``fork()`` returned 0:
``if os.fork() == 0:``, ``if pid == 0:`` / ``if not pid:`` for ``pid = os.fork()`` (and the
``else`` of ``if pid:`` / ``if pid != 0:`` / ``if pid > 0:``).
"""

from __future__ import annotations

import ast

from looplint.engine.names import lookup, qualified_name
from looplint.engine.scopes import Assignment, Scope

_FORKS = frozenset({"os.fork", "posix.fork"})


def means_fork_child(test: ast.expr, scope: Scope) -> bool | None:
    """True if ``test`` is true exactly in a fork's child, False if exactly in its parent,
    ``None`` if it is no such test."""
    if _is_fork_result(test, scope):
        return False  # the child's pid is 0: falsy
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, operator, right = test.left, test.ops[0], test.comparators[0]
    if _is_zero(left):
        left, right = right, left
        operator = _MIRRORED.get(type(operator), operator)
    if not _is_zero(right) or not _is_fork_result(left, scope):
        return None
    if isinstance(operator, ast.Eq | ast.Is):
        return True
    if isinstance(operator, ast.NotEq | ast.IsNot | ast.Gt):
        return False
    return None


_MIRRORED: dict[type[ast.cmpop], ast.cmpop] = {ast.Gt: ast.Lt(), ast.Lt: ast.Gt()}


def _is_zero(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value == 0 and not isinstance(expr.value, bool)


def _is_fork_result(expr: ast.expr, scope: Scope) -> bool:
    """``os.fork()``, or a name bound only to its result."""
    if isinstance(expr, ast.Call):
        return not expr.args and qualified_name(expr.func, scope) in _FORKS
    if not isinstance(expr, ast.Name):
        return False
    found = lookup(expr.id, scope)
    if found is None:
        return False
    bindings, holder = found
    return all(
        isinstance(b, Assignment)
        and isinstance(b.value, ast.Call)
        and _is_fork_result(b.value, holder)
        for b in bindings
    )
