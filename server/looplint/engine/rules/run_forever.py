"""LOOP103: ``loop.run_forever()``, tornado ``IOLoop.start()``, twisted ``reactor.run()``."""

from __future__ import annotations

import ast

from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind, Severity
from looplint.engine.fixes.imports import asyncio_prefix
from looplint.engine.not_loops import is_not_a_loop
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import method_receiver
from looplint.engine.rules.run_until_complete import ALREADY_RUNNING, LOOP_PLACE, loop_error

CODE = "LOOP103"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"run_forever", "start", "run"})
# What a call must be for this rule to judge it.
NEEDS = Needs(
    methods=frozenset({"run_forever"}),
    kind_methods=frozenset({(Kind.TORNADO_IOLOOP, "start"), (Kind.TWISTED_REACTOR, "run")}),
)


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop or site.call.args or site.call.keywords:
        return None
    scope = site.context.scope
    if (receiver := method_receiver(site.call, "run_forever")) is not None:
        kind = kind_of(receiver, scope)
        if kind is None and is_not_a_loop(site, receiver, "run_forever"):
            return None
        if kind is None:
            text = document.text(receiver)
            message = (
                f"`{text}.run_forever()` inside a running event loop raises `{ALREADY_RUNNING}`"
                f" if `{text}` is an event loop"
            )
            draft = Draft(CODE, Severity.WARNING, message, site, site.call)
        elif kind.is_loop:
            message = f"`run_forever()` {LOOP_PLACE[kind]} raises {loop_error(kind)}"
            draft = Draft(CODE, Severity.ERROR, message, site, site.call)
        else:
            return None
    elif (receiver := method_receiver(site.call, "start")) is not None:
        if kind_of(receiver, scope) is not Kind.TORNADO_IOLOOP:
            return None
        message = (
            "`IOLoop.start()` inside a running asyncio event loop raises"
            f" `{ALREADY_RUNNING}`: tornado already runs on this loop"
        )
        draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    elif (receiver := method_receiver(site.call, "run")) is not None:
        if kind_of(receiver, scope) is not Kind.TWISTED_REACTOR:
            return None
        message = (
            "`reactor.run()` inside a running asyncio event loop blocks it until the reactor"
            f" stops (with the asyncio reactor it raises `{ALREADY_RUNNING}`)"
        )
        draft = Draft(CODE, Severity.ERROR, message, site, site.call)
    else:
        return None
    _add_wait_forever(draft, document)
    return draft


def _add_wait_forever(draft: Draft, document: Document) -> None:
    """Choice: keep serving on the running loop with ``await asyncio.Event().wait()``."""
    site = draft.site
    if not site.context.await_allowed or not isinstance(site.parent, ast.Expr):
        return
    spelling = asyncio_prefix(document, site.context.scope)
    if spelling is None:
        return
    prefix, import_edits = spelling
    replacement = f"await {prefix}Event().wait()"
    edit = Edit(document.span(site.call), replacement)
    title = f"Wait on the running loop instead: `{replacement}`"
    draft.fixes.append(Fix(title, False, FixKind.REPLACE, (edit, *import_edits)))
