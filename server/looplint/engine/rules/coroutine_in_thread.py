"""LOOP106: an ``async def`` handed to a worker thread, where it is never awaited."""

from __future__ import annotations

import ast

from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind, Severity
from looplint.engine.fixes.titles import quoted
from looplint.engine.names import qualified_name
from looplint.engine.receivers import kind_of
from looplint.engine.rule_needs import Needs
from looplint.engine.rules.call_shapes import call_with_arguments, is_coroutine_function

CODE = "LOOP106"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"to_thread", "run_sync", "run_in_executor", "submit"})
_NEVER_AWAITED = (
    "returns an un-awaited coroutine (`RuntimeWarning: coroutine ... was never awaited`)"
)
_NOT_CALLABLE = "raises `TypeError: 'coroutine' object is not callable`"
_THREAD_FUNCTIONS = {"asyncio.to_thread", "anyio.to_thread.run_sync"}
# What a call must be for this rule to judge it.
NEEDS = Needs(
    names=frozenset(_THREAD_FUNCTIONS),
    methods=frozenset({"run_in_executor"}),
    kind_methods=frozenset({(Kind.EXECUTOR, "submit")}),
)


def check(site: CallSite, document: Document) -> Draft | None:
    if not site.context.in_loop:
        return None
    call = site.call
    scope = site.context.scope
    name = qualified_name(call.func, scope)
    if name in _THREAD_FUNCTIONS:
        handed, rest, label = call.args[:1], call.args[1:], f"{name.rsplit('.', 1)[-1]}()"
        returns_coroutine = name == "asyncio.to_thread"
    elif isinstance(call.func, ast.Attribute) and call.func.attr == "run_in_executor":
        kind = kind_of(call.func.value, scope)
        if kind is not None and not kind.is_loop:
            return None
        handed, rest, label = call.args[1:2], call.args[2:], "run_in_executor()"
        returns_coroutine = False
    elif isinstance(call.func, ast.Attribute) and call.func.attr == "submit":
        if kind_of(call.func.value, scope) is not Kind.EXECUTOR:
            return None
        handed, rest, label = call.args[:1], call.args[1:], "Executor.submit()"
        returns_coroutine = False
    else:
        return None
    if not handed or isinstance(handed[0], ast.Starred):
        return None
    function = handed[0]
    if is_coroutine_function(function, scope):
        effect, direct = (
            _NEVER_AWAITED,
            call_with_arguments(
                document.text(function),
                [document.text(a) for a in rest] + [document.text(k) for k in call.keywords],
            ),
        )
    elif isinstance(function, ast.Call) and is_coroutine_function(function.func, scope):
        effect, direct = _NOT_CALLABLE, document.text(function)
    else:
        return None
    message = (
        f"`{label}` given the coroutine function `{document.text(function)}` {effect}: the"
        " thread only creates the coroutine; await it on the loop instead"
    )
    draft = Draft(CODE, Severity.ERROR, message, site, call)
    # `to_thread(F, x)` and `F(x)` are both coroutines; an executor's Future can be replaced
    # only where it is awaited at once (elsewhere the coroutine would never be awaited).
    if returns_coroutine or isinstance(site.parent, ast.Await):
        title = f"Call it on the loop: {quoted(direct)}"
        edit = Edit(document.span(call), direct)
        draft.fixes.append(Fix(title, True, FixKind.REPLACE, (edit,)))
    return draft
