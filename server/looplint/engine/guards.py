"""Branches that run only when no event loop is running, so a loop start there is fine.

Recognised checks that a loop is running:

- ``try: asyncio.get_running_loop()`` — its ``except RuntimeError`` handlers run without one;
  so do those of a ``try`` that takes ``asyncio.get_event_loop()`` and checks
  ``loop.is_running()`` before starting it (in a running loop ``get_event_loop()`` returns it,
  and the check keeps the body from raising: llama-index's ``asyncio_run``);
- ``if not loop.is_running():`` (or the ``else`` of ``if loop.is_running():``);
- ``if asyncio._get_running_loop() is None:``;
- a name set from ``get_running_loop()`` in a ``try`` and to ``None`` in its handler:
  ``if loop is None:`` / ``if not loop:`` (or the ``else`` of ``if loop:``);
- a flag set ``True`` right after ``get_running_loop()`` succeeds in a ``try`` and ``False``
  otherwise: ``if not running:``;
- any of these as a conditional expression (``coro if loop.is_running() else
  loop.run_until_complete(coro)``), or as an early exit (``if loop.is_running(): return``
  guards the rest of the block);
- the child's branch after ``os.fork()`` (``forks``).

A ``try`` whose body starts a loop after the probe guards nothing: the start raises
``RuntimeError`` exactly when a loop runs, and the handler then runs with the loop running.
"""

from __future__ import annotations

import ast
from bisect import bisect_right

from looplint.engine.forks import means_fork_child
from looplint.engine.names import lookup, qualified_name
from looplint.engine.scopes import Assignment, Scope

_RUNNING_LOOP_PROBES = frozenset({"asyncio.get_running_loop", "asyncio._get_running_loop"})
_CAUGHT = frozenset({"RuntimeError", "Exception", "BaseException"})
_LOOP_STARTING_METHODS = frozenset({"run_until_complete", "run_forever"})
_LOOP_STARTING_FUNCTIONS = frozenset({"asyncio.run", "uvloop.run"})
_CURRENT_LOOP = "asyncio.get_event_loop"


def no_loop_handlers(node: ast.Try, scope: Scope) -> bool:
    """Whether ``node``'s ``except RuntimeError`` handlers run only when no loop is running:
    its body probes for one, and starts none (a loop start there raises ``RuntimeError``
    exactly when the probe found a running loop, and the handler then runs with it)."""
    return (
        (_probes_running_loop(node.body, scope) or _dispatches_on_the_loop(node.body, scope))
        and all(_catches_runtime_error(handler) for handler in node.handlers)
        and not _starts_a_loop(node.body, scope)
    )


def exits_when_loop_running(node: ast.stmt, scope: Scope) -> bool:
    """``if loop.is_running(): return ...`` (no ``else``): what follows it in the block runs
    only when no loop is running."""
    if not isinstance(node, ast.If) or node.orelse or guarded_branch(node, scope) != "orelse":
        return False
    return isinstance(node.body[-1], ast.Return | ast.Raise)


def guarded_branch(node: ast.If | ast.IfExp, scope: Scope) -> str | None:
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
        if probes:
            return len(probes) + len(nones) == len(values)
        return _is_loop_flag([b for b in bindings if isinstance(b, Assignment)], holder)
    return False


def _is_loop_flag(assignments: list[Assignment], holder: Scope) -> bool:
    """A name set ``True`` only right after a probe succeeded in a ``try`` (whose handlers
    catch ``RuntimeError``), and ``False`` otherwise: true exactly when a loop runs."""
    flags = [a.value.value for a in assignments if isinstance(a.value, ast.Constant)]
    if len(flags) != len(assignments) or not all(isinstance(flag, bool) for flag in flags):
        return False
    raised = [a for a, flag in zip(assignments, flags, strict=True) if flag is True]
    if not raised or len(raised) == len(flags):
        return False
    return all(_set_after_probe(assignment, holder) for assignment in raised)


def _set_after_probe(assignment: Assignment, holder: Scope) -> bool:
    """Whether ``assignment`` is a statement of a (top-level) ``try`` body, after a probe."""
    line = assignment.node.lineno  # type: ignore[attr-defined]
    statement = _statement_at(getattr(holder.node, "body", []), line)
    if not isinstance(statement, ast.Try) or not statement.handlers:
        return False
    if not all(_catches_runtime_error(handler) for handler in statement.handlers):
        return False
    found = _statement_at(statement.body, line)
    if not isinstance(found, ast.Assign):
        return False
    return _probes_running_loop(statement.body[: statement.body.index(found)], holder)


def _statement_at(body: list[ast.stmt], line: int) -> ast.stmt | None:
    """The statement of ``body`` that spans ``line`` (found by bisection: bodies are ordered)."""
    index = bisect_right(body, line, key=lambda stmt: stmt.lineno) - 1
    if index < 0 or line > (body[index].end_lineno or body[index].lineno):
        return None
    return body[index]


def _starts_a_loop(body: list[ast.stmt], scope: Scope) -> bool:
    """A loop start in ``body`` (outside nested functions, and outside branches that run only
    without a loop): it raises when a loop runs."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.If | ast.IfExp) and (branch := guarded_branch(node, scope)):
            unguarded = node.body if branch == "orelse" else node.orelse
            pending.extend(
                [node.test, *(unguarded if isinstance(unguarded, list) else [unguarded])]
            )
            continue
        if isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Attribute) and node.func.attr in _LOOP_STARTING_METHODS)
            or qualified_name(node.func, scope) in _LOOP_STARTING_FUNCTIONS
        ):
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def _dispatches_on_the_loop(body: list[ast.stmt], scope: Scope) -> bool:
    """``loop = asyncio.get_event_loop()``, then ``if loop.is_running(): ...`` in ``body``."""
    nodes = [node for stmt in body for node in ast.walk(stmt)]
    takes_the_loop = any(
        isinstance(node, ast.Call) and qualified_name(node.func, scope) == _CURRENT_LOOP
        for node in nodes
    )
    return takes_the_loop and any(
        isinstance(node, ast.If | ast.IfExp) and guarded_branch(node, scope) is not None
        for node in nodes
    )


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
