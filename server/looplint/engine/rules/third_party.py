"""LOOP104: library calls that start their own event loop, made inside a running one."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from looplint.engine.callable_origins import Origin, origin
from looplint.engine.callgraph import LoopStart
from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Fix, FixKind, RelatedLocation, Severity
from looplint.engine.fixes.await_call import await_edit, offer_await
from looplint.engine.fixes.imports import asyncio_prefix
from looplint.engine.fixes.titles import quoted
from looplint.engine.names import lookup, qualified_name
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import (
    call_with_arguments,
    first_positional,
    is_coroutine_function,
    only_positional,
)

CODE = "LOOP104"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset(
    {
        "run",
        "sync_playwright",
        "run_polling",
        "run_webhook",
        "run_sync",
        "async_to_sync",
        "AsyncToSync",
    }
)
_ASYNCIO_RUN = "`RuntimeError: asyncio.run() cannot be called from a running event loop`"


_FROM_THREAD = (
    "(on the loop's own thread) raises `RuntimeError` (anyio 4.16: `NoEventLoopError: Not running"
    " inside an AnyIO worker thread, and no event loop token was provided`); it is meant for"
    " worker threads"
)
# Calls that reach back into the loop of the thread that handed work to a worker thread: in a
# thread of the caller's own making they have no loop to reach (see ``makes_own_loop``).
_BACK_TO_THE_LOOP = frozenset({"anyio.from_thread.run", "anyio.from_thread.run_sync"})


def makes_own_loop(site: CallSite) -> bool:
    """Whether this rule's loop start runs a loop of its own (``anyio.run()``,
    ``async_to_sync(f)()``), which works again in a plain worker thread."""
    scope = site.context.scope
    name = qualified_name(site.call.func, scope)
    if name in _FUNCTIONS:
        return name not in _BACK_TO_THE_LOOP
    made = origin(site.call.func, scope)
    return made is not None and made.maker in ASYNC_TO_SYNC_NAMES


@dataclass(frozen=True, slots=True)
class _Starter:
    label: str
    effect: str
    blocks_silently: bool = False


_FUNCTIONS = {
    "anyio.run": _Starter(
        "anyio.run()", "raises `RuntimeError: Already running asyncio in this thread`"
    ),
    "trio.run": _Starter(
        "trio.run()", "blocks the running loop until trio finishes (no error is raised)", True
    ),
    "curio.run": _Starter(
        "curio.run()", "blocks the running loop until curio finishes (no error is raised)", True
    ),
    "uvicorn.run": _Starter("uvicorn.run()", f"raises {_ASYNCIO_RUN}"),
    "anyio.from_thread.run": _Starter("anyio.from_thread.run()", _FROM_THREAD),
    "anyio.from_thread.run_sync": _Starter("anyio.from_thread.run_sync()", _FROM_THREAD),
    "playwright.sync_api.sync_playwright": _Starter(
        "sync_playwright()",
        "raises `Error: It looks like you are using Playwright Sync API inside the asyncio loop`;"
        " use `async_playwright()`",
    ),
}
_METHODS = {
    (Kind.DISCORD_CLIENT, "run"): _Starter(
        "Client.run()", f"raises {_ASYNCIO_RUN}; use `await client.start(token)`"
    ),
    (Kind.AIOGRAM_DISPATCHER, "run_polling"): _Starter(
        "Dispatcher.run_polling()", f"raises {_ASYNCIO_RUN}; use `await dp.start_polling(bot)`"
    ),
    (Kind.PTB_APPLICATION, "run_polling"): _Starter(
        "Application.run_polling()", "raises `RuntimeError: This event loop is already running`"
    ),
    (Kind.PTB_APPLICATION, "run_webhook"): _Starter(
        "Application.run_webhook()", "raises `RuntimeError: This event loop is already running`"
    ),
    (Kind.TORNADO_IOLOOP, "run_sync"): _Starter(
        "IOLoop.run_sync()", "raises `RuntimeError: This event loop is already running`"
    ),
}
ASYNC_TO_SYNC_NAMES = frozenset({"asgiref.sync.async_to_sync", "asgiref.sync.AsyncToSync"})
# What a call must be for this rule to judge it (or what made its callee, for the bridges).
NEEDS = Needs(
    names=frozenset({*_FUNCTIONS, *ASYNC_TO_SYNC_NAMES}), kind_methods=frozenset(_METHODS)
)
ASYNC_TO_SYNC_ERROR = (
    "`RuntimeError: You cannot use AsyncToSync in the same thread as an async event loop - just"
    " await the async function directly.`"
)


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    call = site.call
    scope = site.context.scope
    name = qualified_name(call.func, scope)
    if name in _FUNCTIONS and not (name in _BACK_TO_THE_LOOP and _has_token(call)):
        return _function_starter(site, document, name)
    made = origin(call.func, scope)
    if made is not None and made.maker in ASYNC_TO_SYNC_NAMES:
        return _async_to_sync(site, document, made)
    if isinstance(call.func, ast.Attribute):
        kind = kind_of(call.func.value, scope)
        if kind is not None and (kind, call.func.attr) in _METHODS:
            return _method_starter(site, document, kind, _METHODS[kind, call.func.attr])
    return None


def _has_token(call: ast.Call) -> bool:
    """``from_thread.run(f, token=token)``: the caller says which loop to reach."""
    return any(keyword.arg in ("token", None) for keyword in call.keywords)


def _draft(site: CallSite, starter: _Starter) -> Draft:
    severity = Severity.WARNING if starter.blocks_silently else Severity.ERROR
    message = f"`{starter.label}` inside a running event loop {starter.effect}"
    return Draft(CODE, severity, message, site, site.call)


def _function_starter(site: CallSite, document: Document, name: str) -> Draft:
    draft = _draft(site, _FUNCTIONS[name])
    call = site.call
    function = first_positional(call)
    if name == "anyio.from_thread.run" and function is not None and not call.keywords:
        arguments = [document.text(arg) for arg in call.args[1:]]
        awaitable = Awaitable(call_with_arguments(_callee(document, function), arguments))
        offer_await(
            draft, document, awaitable, safe=is_coroutine_function(function, site.context.scope)
        )
    elif name == "anyio.run" and function is not None and not call.keywords:
        arguments = [document.text(arg) for arg in call.args[1:]]
        awaitable = Awaitable(call_with_arguments(_callee(document, function), arguments))
        offer_await(draft, document, awaitable, safe=True)
    elif name in ("trio.run", "curio.run") and site.context.await_allowed:
        spelling = asyncio_prefix(document, site.context.scope)
        if spelling is None:
            return draft
        prefix, import_edits = spelling
        arguments = [document.text(arg) for arg in call.args] + [
            document.text(k) for k in call.keywords
        ]
        in_thread = [document.text(call.func), *arguments]
        awaitable = Awaitable(call_with_arguments(f"{prefix}to_thread", in_thread))
        edit = await_edit(document, site, awaitable)
        title = "Run it in a worker thread"
        draft.fixes.append(Fix(title, False, FixKind.REPLACE, (edit, *import_edits)))
    return draft


def _method_starter(site: CallSite, document: Document, kind: Kind, starter: _Starter) -> Draft:
    draft = _draft(site, starter)
    call = site.call
    func = call.func
    assert isinstance(func, ast.Attribute)
    receiver = document.text(func.value)
    replacements = {
        (Kind.DISCORD_CLIENT, "run"): "start",
        (Kind.AIOGRAM_DISPATCHER, "run_polling"): "start_polling",
    }
    new_method = replacements.get((kind, func.attr))
    if new_method is not None and (kind is not Kind.DISCORD_CLIENT or only_positional(call)):
        arguments = [document.text(a) for a in call.args] + [
            document.text(k) for k in call.keywords
        ]
        awaitable = Awaitable(call_with_arguments(f"{receiver}.{new_method}", arguments))
        title = f"Replace with {quoted(f'await {awaitable.text}')} (skips setup/shutdown)"
        offer_await(draft, document, awaitable, safe=False, title=title)
    if (kind, func.attr) == (Kind.TORNADO_IOLOOP, "run_sync"):
        function = only_positional(call)
        if function is not None and is_coroutine_function(function, site.context.scope):
            awaitable = Awaitable(call_with_arguments(_callee(document, function), []))
            offer_await(draft, document, awaitable, safe=True)
    return draft


def _async_to_sync(site: CallSite, document: Document, made: Origin) -> Draft:
    maker = document.text(made.call.func)
    if made.stored:
        wrapper = document.text(site.call.func)
        message = (
            f"`{wrapper}` is `{maker}(...)`: calling it inside a running event loop raises"
            f" {ASYNC_TO_SYNC_ERROR}"
        )
    else:
        message = f"`{maker}(...)(...)` inside a running event loop raises {ASYNC_TO_SYNC_ERROR}"
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    function = only_positional(made.call)
    if function is not None and _means_the_same_here(function, made, site):
        arguments = [document.text(a) for a in site.call.args]
        arguments += [document.text(k) for k in site.call.keywords]
        awaitable = Awaitable(call_with_arguments(_callee(document, function), arguments))
        safe = is_coroutine_function(function, site.context.scope)
        offer_await(draft, document, awaitable, safe=safe)
    return draft


def _means_the_same_here(function: ast.expr, made: Origin, site: CallSite) -> bool:
    """Whether ``function``, written where the wrapper was made, can be written at the call
    site too: the same scope, or a name that resolves to the same thing from both."""
    if made.scope is site.context.scope:
        return True
    if not isinstance(function, ast.Name):
        return False
    here = lookup(function.id, site.context.scope)
    there = lookup(function.id, made.scope)
    return here is not None and there is not None and here[1] is there[1]


def draft_for_bridged_call(site: CallSite, start: LoopStart) -> Draft:
    """A call, from loop context, of a coroutine function decorated with ``@async_to_sync``."""
    message = (
        f"`{start.name}` is wrapped by `{start.called[:-2]}`: calling it inside a running event"
        f" loop raises {ASYNC_TO_SYNC_ERROR}"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    draft.related = (RelatedLocation(f"`{start.name}` is made here", start.span, start.path),)
    return draft


def _callee(document: Document, function: ast.expr) -> str:
    """The text to call ``function`` with: parenthesised unless it is a name or attribute."""
    text = document.text(function)
    return text if isinstance(function, ast.Name | ast.Attribute) else f"({text})"
