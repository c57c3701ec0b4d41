"""LOOP101: ``asyncio.run()``, ``uvloop.run()``, ``asyncio.Runner().run()`` in loop context."""

from __future__ import annotations

import ast

from looplint.engine.callable_origins import Origin, origin
from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Severity
from looplint.engine.fixes.await_call import offer_await
from looplint.engine.fixes.runner_block import runner_block_fix
from looplint.engine.fixes.titles import quoted
from looplint.engine.names import lookup, qualified_name, sole_binding
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import is_coroutine_function, method_receiver
from looplint.engine.scopes import (
    Assignment,
    ClassDefinition,
    FunctionDefinition,
    Scope,
    WithTarget,
)

CODE = "LOOP101"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"run", "Runner"})
_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"
_STARTERS = {"asyncio.run": "asyncio.run", "uvloop.run": "uvloop.run"}
# What a call must be for this rule to judge it (`extend-loop-starters` aside).
NEEDS = Needs(
    names=frozenset({*_STARTERS, "asyncio.Runner"}),
    kind_methods=frozenset({(Kind.RUNNER, "run")}),
)


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    call = site.call
    scope = site.context.scope
    name = qualified_name(call.func, scope)
    if name in _STARTERS or name in document.settings.extra_loop_starters:
        return _run(site, document, name, user_declared=name not in _STARTERS)
    receiver = method_receiver(call, "run")
    if receiver is not None and kind_of(receiver, scope) is Kind.RUNNER:
        if _entered_runner(receiver, scope):
            return None  # one bug, one finding: the `with asyncio.Runner()` one
        return _runner_run(site, document)
    if name == "asyncio.Runner" and isinstance(site.parent, ast.withitem):
        return _runner_context(site, document)
    made = origin(call.func, scope)
    target = made.partial_of if made is not None else None
    if made is not None and target is not None:
        starter = qualified_name(target, made.scope)
        if starter in _STARTERS:
            return _partial_run(site, document, made, starter)
    return None


def _partial_run(site: CallSite, document: Document, made: Origin, starter: str) -> Draft:
    """``functools.partial(asyncio.run, coro)()``, inline or stored first: ``asyncio.run(coro)``."""
    spelled = document.text(made.call) if not made.stored else document.text(site.call.func)
    message = (
        f"`{spelled}` calls `{starter}()`, which inside a running event loop raises"
        f" `{_RUN_ERROR}`; await the coroutine instead"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    arguments = made.call.args[1:]
    if (
        not made.stored
        and len(arguments) == 1
        and isinstance(arguments[0], ast.Call)
        and not made.call.keywords
        and not site.call.args
        and not site.call.keywords
    ):
        offer_await(
            draft, document, Awaitable(document.text(arguments[0]), arguments[0]), safe=True
        )
    return draft


def _run(site: CallSite, document: Document, name: str, *, user_declared: bool) -> Draft:
    label = name if not user_declared else name.rsplit(".", 1)[-1]
    if user_declared:
        message = (
            f"`{label}()` starts an event loop (declared in `extend-loop-starters`); inside a"
            f" running loop that raises `{_RUN_ERROR}`"
        )
    else:
        message = (
            f"`{label}()` inside a running event loop raises `{_RUN_ERROR}`;"
            " await the coroutine instead"
        )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    _add_await_fixes(draft, document, safe=not user_declared)
    return draft


def _runner_run(site: CallSite, document: Document) -> Draft:
    message = (
        "`Runner.run()` inside a running event loop raises `RuntimeError: Runner.run() cannot"
        " be called from a running event loop`; await the coroutine instead"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    _add_await_fixes(draft, document, safe=True)
    return draft


def _entered_runner(receiver: ast.expr, scope: Scope) -> bool:
    """``r`` of ``with asyncio.Runner() as r:`` (that ``with`` is reported, for both errors)."""
    if not isinstance(receiver, ast.Name):
        return False
    found = sole_binding(receiver.id, scope)
    if found is None or not isinstance(found[0], WithTarget):
        return False
    binding, holder = found
    value = binding.value
    return (
        isinstance(binding.node, ast.With)
        and isinstance(value, ast.Call)
        and qualified_name(value.func, holder) == "asyncio.Runner"
    )


def _runner_context(site: CallSite, document: Document) -> Draft:
    message = (
        "`with asyncio.Runner()` inside a running event loop: its `run()` raises `RuntimeError:"
        " Runner.run() cannot be called from a running event loop`, then closing the runner"
        " raises `RuntimeError: Cannot run the event loop while another loop is running`"
        " (which hides the first); await the coroutines directly instead"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    fix = runner_block_fix(document, site)
    if fix is not None:
        draft.fixes.append(fix)
    return draft


def _names_a_definition(argument: ast.expr, scope: Scope) -> bool:
    if not isinstance(argument, ast.Name):
        return False
    found = lookup(argument.id, scope)
    return found is not None and any(
        isinstance(b, FunctionDefinition | ClassDefinition) for b in found[0]
    )


def _holds_coroutine(argument: ast.expr, scope: Scope) -> bool:
    """A name assigned only from a call: ``coro = main(); asyncio.run(coro)``."""
    if not isinstance(argument, ast.Name):
        return False
    found = lookup(argument.id, scope)
    if found is None:
        return False
    bindings, _ = found
    return all(isinstance(b, Assignment) and isinstance(b.value, ast.Call) for b in bindings)


def _add_await_fixes(draft: Draft, document: Document, *, safe: bool) -> None:
    """``await X`` for ``run(X)``: safe for a single coroutine call and no options."""
    call = draft.site.call
    if not call.args or isinstance(call.args[0], ast.Starred) or len(call.args) > 1:
        return
    argument = call.args[0]
    scope = draft.site.context.scope
    if is_coroutine_function(argument, scope):
        # `asyncio.run(main)`: a function where a coroutine belongs (an error anywhere).
        called = Awaitable(f"{document.text(argument)}()")
        offer_await(draft, document, called, safe=False)
        return
    if _names_a_definition(argument, scope):
        return  # a sync function or class: awaiting it cannot work
    awaitable = Awaitable(document.text(argument), argument)
    dropped = [keyword.arg for keyword in call.keywords]
    if dropped:
        options = ", ".join(f"`{name}=`" for name in dropped if name) or "the keyword arguments"
        title = f"Replace with {quoted(f'await {awaitable.text}')} (drops {options})"
        offer_await(draft, document, awaitable, safe=False, title=title)
    else:
        coroutine = isinstance(argument, ast.Call) or _holds_coroutine(argument, scope)
        offer_await(draft, document, awaitable, safe=safe and coroutine)
