"""LOOP403: ``loop.close()`` on the loop that is running the code."""

from __future__ import annotations

from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Severity
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import method_receiver

CODE = "LOOP403"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"close"})
# What a call must be for this rule to judge it.
NEEDS = Needs(kind_methods=frozenset({(Kind.CURRENT_LOOP, "close")}))


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop or site.call.args or site.call.keywords:
        return None
    receiver = method_receiver(site.call, "close")
    if receiver is None or kind_of(receiver, site.context.scope) is not Kind.CURRENT_LOOP:
        return None
    message = (
        "`close()` on the running event loop raises `RuntimeError: Cannot close a running"
        " event loop`; the code that started the loop closes it"
    )
    return Draft(CODE, Severity.ERROR, message, site, site.call)
