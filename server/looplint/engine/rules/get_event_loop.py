"""LOOP402: ``asyncio.get_event_loop()`` inside a coroutine, where it means the running loop."""

from __future__ import annotations

import ast

from looplint.engine.checker import CallSite
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind, Severity
from looplint.engine.fixes.imports import asyncio_prefix
from looplint.engine.names import qualified_name
from looplint.engine.rule_needs import Needs

CODE = "LOOP402"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"get_event_loop"})
# What a call must be for this rule to judge it.
NEEDS = Needs(names=frozenset({"asyncio.get_event_loop"}))
_MESSAGE = (
    "`asyncio.get_event_loop()` {where} returns the running loop; say so with"
    " `asyncio.get_running_loop()` (`get_event_loop()` is deprecated outside coroutines and"
    " raises there from Python 3.14)"
)


def check(site: CallSite, document: Document) -> Draft | None:
    call = site.call
    if not site.context.in_loop or call.args or call.keywords:
        return None
    if qualified_name(call.func, site.context.scope) != "asyncio.get_event_loop":
        return None
    where = "in a notebook cell" if site.context.cell_top_level else "inside a coroutine"
    message = _MESSAGE.format(where=where)
    draft = Draft(CODE, Severity.HINT, message, site, call)
    func = call.func
    if isinstance(func, ast.Attribute):
        replacement, import_edits = f"{document.text(func.value)}.get_running_loop", ()
    else:
        spelling = asyncio_prefix(document, site.context.scope)
        if spelling is None:
            return draft
        prefix, import_edits = spelling
        replacement = f"{prefix}get_running_loop"
    edit = Edit(document.span(func), replacement)
    title = f"Replace with `{replacement}()`"
    draft.fixes.append(Fix(title, True, FixKind.REPLACE, (edit, *import_edits)))
    return draft
