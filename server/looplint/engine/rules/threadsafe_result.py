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
from looplint.engine.rules.call_shapes import method_receiver
from looplint.engine.scopes import Assignment, Scope

CODE = "LOOP105"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"result"})


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    future = method_receiver(site.call, "result")
    scope = site.context.scope
    if future is None or kind_of(future, scope) is not Kind.THREADSAFE_FUTURE:
        return None
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
    spelling = asyncio_prefix(document, scope)
    if spelling is None:
        return draft
    prefix, import_edits = spelling
    wrapped = Awaitable(f"{prefix}wrap_future({document.text(future)})")
    fix = await_fix(document, site, wrapped, safe=not has_timeout and not draft.fixes)
    if fix is not None:
        draft.fixes.append(replace(fix, edits=(*fix.edits, *import_edits)))
    return draft


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
