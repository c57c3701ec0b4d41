"""LOOP102: ``loop.run_until_complete(X)`` in loop context."""

from __future__ import annotations

import ast

from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Severity
from looplint.engine.fixes.await_call import offer_await
from looplint.engine.names import qualified_name
from looplint.engine.not_loops import is_not_a_loop
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import method_receiver, only_positional

CODE = "LOOP102"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"run_until_complete"})
# What a call must be for this rule to judge it: on an unknown receiver too.
NEEDS = Needs(methods=frozenset({"run_until_complete"}))
ALREADY_RUNNING = "RuntimeError: This event loop is already running"
ANOTHER_RUNNING = "RuntimeError: Cannot run the event loop while another loop is running"


# Where the loop being started is, relative to the one that runs the code.
LOOP_PLACE = {
    Kind.CURRENT_LOOP: "on the loop that is already running",
    Kind.NEW_LOOP: "on a new event loop while another one runs",
    Kind.ANY_LOOP: "on an event loop while one is already running",
}


def loop_error(kind: Kind) -> str:
    """The error a loop of ``kind`` raises when started inside a running loop."""
    if kind is Kind.CURRENT_LOOP:
        return f"`{ALREADY_RUNNING}`"
    if kind is Kind.NEW_LOOP:
        return f"`{ANOTHER_RUNNING}`"
    return f"`{ALREADY_RUNNING}` (or, for another loop, `{ANOTHER_RUNNING}`)"


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    receiver = method_receiver(site.call, "run_until_complete")
    if receiver is None:
        return None
    kind = kind_of(receiver, site.context.scope)
    if kind is not None and not kind.is_loop:
        return None
    if kind is None and is_not_a_loop(site, receiver, "run_until_complete"):
        return None
    receiver_text = document.text(receiver)
    if kind is None:
        message = (
            f"`{receiver_text}.run_until_complete()` inside a running event loop raises"
            f" `{ALREADY_RUNNING}` if `{receiver_text}` is an event loop; await the awaitable"
            " instead"
        )
        severity = Severity.WARNING
    else:
        message = (
            f"`run_until_complete()` {LOOP_PLACE[kind]} raises {loop_error(kind)};"
            " await the awaitable instead"
        )
        severity = Severity.ERROR
    draft = Draft(CODE, severity, message, site, site.call)
    argument = only_positional(site.call)
    if argument is not None:
        awaitable = Awaitable(document.text(argument), argument)
        safe = kind is not None and _awaits_same(argument, site)
        offer_await(draft, document, awaitable, safe=safe)
    return draft


def _awaits_same(argument: ast.expr, site: CallSite) -> bool:
    """``await X`` does what ``run_until_complete(X)`` did, except for ``asyncio.wait([...])``
    of bare coroutines, which Python 3.11+ rejects when awaited."""
    if isinstance(argument, ast.Name):
        return True
    if not isinstance(argument, ast.Call):
        return False
    return qualified_name(argument.func, site.context.scope) != "asyncio.wait"
