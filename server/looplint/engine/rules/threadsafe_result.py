"""LOOP105: ``run_coroutine_threadsafe(C, loop).result()`` waiting on the running loop."""

from __future__ import annotations

import ast
from dataclasses import replace

from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Severity
from looplint.engine.fixes.await_call import await_fix, offer_await
from looplint.engine.fixes.imports import asyncio_prefix
from looplint.engine.loop_threads import runs_in_another_thread
from looplint.engine.names import qualified_name, sole_binding
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import method_receiver
from looplint.engine.scopes import Assignment, Scope

CODE = "LOOP105"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"result"})
_FUTURES = frozenset({"concurrent.futures.Future", "concurrent.futures._base.Future"})
_SCHEDULERS = frozenset({"call_soon_threadsafe", "call_soon"})
_COMPLETIONS = frozenset({"set_result", "set_exception"})
_LOOKS = frozenset({"result", "done", "cancelled", "exception"})
# What a call must be for this rule to judge it.
NEEDS = Needs(
    names=_FUTURES,
    kind_methods=frozenset({(Kind.THREADSAFE_FUTURE, "result")}),
)


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    future = method_receiver(site.call, "result")
    scope = site.context.scope
    if future is None:
        return None
    if kind_of(future, scope) is not Kind.THREADSAFE_FUTURE:
        return _same_loop_future(site, document, future)
    submission = _submission(future, scope)
    loop = _loop_argument(submission) if submission is not None else None
    if loop is not None and runs_in_another_thread(loop, scope):
        return None  # it blocks until the other thread's loop ran the coroutine: it completes
    on_running_loop = loop is not None and kind_of(loop, scope) is Kind.CURRENT_LOOP
    if on_running_loop:
        message = (
            "`run_coroutine_threadsafe(...).result()` on the running loop blocks forever: the"
            " loop cannot run the coroutine while it waits for it; await the coroutine instead"
        )
        severity = Severity.ERROR
    else:
        message = (
            "`run_coroutine_threadsafe(...).result()` blocks the running event loop (forever, if"
            " the future belongs to this loop); await `asyncio.wrap_future(...)` instead"
        )
        severity = Severity.WARNING
    draft = Draft(CODE, severity, message, site, site.call)
    has_timeout = bool(site.call.args or site.call.keywords)
    if on_running_loop and submission is future and submission.args:
        coroutine = submission.args[0]
        offer_await(
            draft, document, Awaitable(document.text(coroutine), coroutine), safe=not has_timeout
        )
    _offer_wrap_future(draft, document, future, safe=not has_timeout and not draft.fixes)
    return draft


def _offer_wrap_future(draft: Draft, document: Document, future: ast.expr, *, safe: bool) -> None:
    """``await asyncio.wrap_future(future)``: waits without blocking the loop's thread."""
    site = draft.site
    spelling = asyncio_prefix(document, site.context.scope)
    if spelling is None:
        return
    prefix, import_edits = spelling
    wrapped = Awaitable(f"{prefix}wrap_future({document.text(future)})")
    fix = await_fix(document, site, wrapped, safe=safe)
    if fix is not None:
        draft.fixes.append(replace(fix, edits=(*fix.edits, *import_edits)))


def _same_loop_future(site: CallSite, document: Document, future: ast.expr) -> Draft | None:
    """``fut.result()`` on a ``concurrent.futures.Future`` of the coroutine that only a
    callback scheduled on the running loop completes: the loop cannot run the callback while
    its thread waits, so it waits forever."""
    if not isinstance(future, ast.Name) or site.context.sync_function is not None:
        return None
    scope = site.context.scope
    found = sole_binding(future.id, scope)
    if found is None or found[1] is not scope or not isinstance(found[0], Assignment):
        return None
    value = found[0].value
    if not isinstance(value, ast.Call) or qualified_name(value.func, scope) not in _FUTURES:
        return None
    completions = _completions_on_running_loop(scope, future.id)
    if not completions:
        return None
    scheduled = document.text(completions[0])
    message = (
        f"`{future.id}.result()` waits for a future that only a callback on this loop completes"
        f" (`{scheduled}`): the loop cannot run the callback while its thread waits, so this"
        f" blocks forever; await `asyncio.wrap_future({future.id})` instead"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    has_timeout = bool(site.call.args or site.call.keywords)
    _offer_wrap_future(draft, document, future, safe=not has_timeout)
    return draft


def _completions_on_running_loop(scope: Scope, name: str) -> list[ast.Call]:
    """The ``loop.call_soon_threadsafe(fut.set_result, ...)`` calls (on the running loop) that
    complete the future ``name``; empty when anything else may touch it (it is passed on, or
    handed to another loop or thread)."""
    completions: list[ast.Call] = []
    pending: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [
        (stmt, ()) for stmt in getattr(scope.node, "body", [])
    ]
    while pending:
        node, parents = pending.pop()
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            use = _use_of_future(node, parents, scope)
            if use is None:
                return []
            if isinstance(use, ast.Call):
                completions.append(use)
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        pending.extend((child, (*parents, node)) for child in ast.iter_child_nodes(node))
    return sorted(completions, key=lambda call: (call.lineno, call.col_offset))


def _use_of_future(
    node: ast.Name, parents: tuple[ast.AST, ...], scope: Scope
) -> ast.Call | bool | None:
    """What a reference to the future does: ``True`` for a harmless look (``.result()``,
    ``.done()``), the scheduling call for ``fut.set_result`` handed to the running loop
    (also inside a ``lambda: fut.set_result(...)``), ``None`` for anything else."""
    attribute = parents[-1] if parents else None
    if not isinstance(attribute, ast.Attribute) or attribute.value is not node:
        return None
    if attribute.attr in _LOOKS:
        return True
    if attribute.attr not in _COMPLETIONS:
        return None
    rest = parents[:-1]
    inner = rest[-1] if rest else None
    if len(rest) >= 3 and isinstance(rest[-2], ast.Lambda) and isinstance(inner, ast.Call):
        if inner.func is not attribute:
            return None
        callback: ast.AST = rest[-2]
        rest = rest[:-2]
    else:
        callback = attribute
    scheduler = rest[-1] if rest else None
    if not (
        isinstance(scheduler, ast.Call)
        and isinstance(scheduler.func, ast.Attribute)
        and scheduler.func.attr in _SCHEDULERS
        and scheduler.args
        and scheduler.args[0] is callback
    ):
        return None
    loop = scheduler.func.value
    return scheduler if kind_of(loop, scope) is Kind.CURRENT_LOOP else None


def _submission(future: ast.expr, scope: Scope) -> ast.Call | None:
    """The ``run_coroutine_threadsafe(...)`` call that made ``future``."""
    if isinstance(future, ast.Call):
        return future
    found = sole_binding(future.id, scope) if isinstance(future, ast.Name) else None
    if found is not None and isinstance(found[0], Assignment):
        value, holder = found[0].value, found[1]
        if isinstance(value, ast.Call) and qualified_name(value.func, holder) == (
            "asyncio.run_coroutine_threadsafe"
        ):
            return value
    return None


def _loop_argument(submission: ast.Call) -> ast.expr | None:
    if len(submission.args) >= 2:
        return submission.args[1]
    return next((k.value for k in submission.keywords if k.arg == "loop"), None)
