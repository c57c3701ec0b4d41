"""The "make it async" choice for LOOP201: turn a sync starter into a coroutine function.

``def helper(): return asyncio.run(fetch())`` becomes ``async def helper(): return await
fetch()``, and every call ``helper()`` becomes ``await helper()``, in every module of the
project. It is offered only when the whole change is known to be right: every loop start in
the helper has an ``await`` form, the helper calls no other starter, and every reference to it
anywhere in the project is a call from code that can ``await`` (a sync caller, or the function
passed around, rules it out). The project index keeps each helper's fix until a starter or a
module's text changes.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from looplint.engine.callgraph import callee_key, caller_key, function_name
from looplint.engine.checker import CallSite, Reference, walk_calls
from looplint.engine.detectors import TRIGGER_NAMES
from looplint.engine.document import Awaitable
from looplint.engine.findings import Edit, Fix, FixKind, Position, Span
from looplint.engine.fixes.await_call import await_edit
from looplint.engine.fixes.titles import counted
from looplint.engine.module_pass import ModulePass
from looplint.engine.parsing import parse_module
from looplint.engine.prefilter import aliases_of, candidate_lines, lines_mentioning
from looplint.engine.scopes import ModuleScope
from looplint.engine.settings import DEFAULT_SETTINGS
from looplint.engine.source import SourceText

if TYPE_CHECKING:
    from looplint.engine.project import ProjectIndex, ProjectModule


def conversion_fix(index: ProjectIndex, key: str) -> Fix | None:
    """ "Make ``helper`` async and await it", with its call sites in every module of the
    index, or ``None`` (computed once, then kept by the index while it stays right)."""
    return index.cached_conversion(key, partial(_conversion, index))


def _conversion(index: ProjectIndex, key: str) -> Fix | None:
    module = index.owner_of(key)
    if module is None or key.endswith(".__init__") or ".<locals>." in key:
        return None
    source = index.text_of(module)
    if source is None:
        return None
    own = definition_edits(source, key, module_name=module.name, is_package=module.is_package)
    if own is None:
        return None
    edits = [_at(module, e) for e in own]
    names = {key.rsplit(".", 1)[-1]}
    callers = 0
    for other in index.modules():
        text = source if other is module else index.text_of(other)
        if text is None or not lines_mentioning(text, names):
            continue
        found = call_site_edits(
            text,
            lambda k, o=other: (s := index.seen_from(o, k)) is not None and s.function == key,
            names,
            module_name=other.name,
            is_package=other.is_package,
        )
        if found is None:
            return None
        callers += len(found)
        edits.extend(_at(other, e) for e in found)
    if callers == 0:
        return None
    name = function_name(key)
    title = f"Make `{name}` async and await it ({counted(callers, 'call site')})"
    return Fix(title, False, FixKind.MAKE_ASYNC, tuple(edits), unsafe=True)


def _at(module: ProjectModule, edit: Edit) -> Edit:
    """An edit of another module's text, placed in its file."""
    return Edit(edit.span, edit.new_text, edit.cell, module.path)


def definition_edits(
    source: str, key: str, *, module_name: str, is_package: bool = False
) -> list[Edit] | None:
    """Edits in the helper's own module: ``def`` → ``async def``, loop starts → ``await``."""
    module_pass = _module_pass(source, module_name, is_package)
    if module_pass is None:
        return None
    module_pass.run(candidate_lines(module_pass.document.source.code, TRIGGER_NAMES))
    drafts = module_pass.direct.get(key)
    start = module_pass.local.get(key)
    if not drafts or start is None or start.next is not None:
        return None
    if any(
        caller_key(site.context) == key and module_pass.starter(callee) is not None
        for site, callee in module_pass.calls.values()
    ):
        return None  # it also calls another starter: async alone would not be enough
    function = drafts[0].site.context.sync_function
    if not isinstance(function, ast.FunctionDef) or _is_generator(function):
        return None
    at_def = _def_position(function, module_pass.document.source)
    edits = [Edit(Span(at_def, at_def), "async ")]
    for draft in drafts:
        if draft.awaitable is None:
            return None
        edits.append(await_edit(module_pass.document, draft.site, draft.awaitable))
    return edits


def call_site_edits(
    source: str,
    means_helper: Callable[[str], bool],
    names: Iterable[str],
    *,
    module_name: str,
    is_package: bool = False,
) -> list[Edit] | None:
    """``helper(...)`` → ``await helper(...)`` for every reference in a module; ``None`` if a
    reference is anything but a call where ``await`` is legal."""
    helper_names = set(names)
    lines = lines_mentioning(source, helper_names | aliases_of(source, helper_names))
    if not lines:
        return []
    module_pass = _module_pass(source, module_name, is_package)
    if module_pass is None:
        return None
    references: list[Reference] = []
    unknown: list[Reference] = []  # `client.load()` with `client` of unknown type

    def keep(reference: Reference) -> None:
        node = reference.node
        key = callee_key(node, reference.context.scope)
        if key is not None and means_helper(key):
            references.append(reference)
        elif (
            key is None
            and (node.attr if isinstance(node, ast.Attribute) else node.id) in helper_names
        ):
            unknown.append(reference)

    walk_calls(
        module_pass.document.tree,
        module_pass.document.module_scope,
        notebook=False,
        candidate_lines=lines,
        visit=lambda site: None,
        visit_reference=keep,
    )
    if unknown:
        return None  # it might be the helper, called from code we cannot convert
    edits = []
    for reference in references:
        call = reference.ancestors[-1]
        context = reference.context
        if not (isinstance(call, ast.Call) and call.func is reference.node):
            return None
        if not context.await_allowed or context.in_generator or context.sync_function:
            return None
        site = CallSite(call, reference.ancestors[:-1], context)
        awaitable = Awaitable(module_pass.document.text(call), call)
        edits.append(await_edit(module_pass.document, site, awaitable))
    return edits


def _module_pass(source: str, module_name: str, is_package: bool) -> ModulePass | None:
    text = SourceText(source)
    parsed = parse_module(text.code)
    if parsed is None:
        return None
    scope = ModuleScope(parsed.tree, module_name, is_package=is_package)
    return ModulePass(text, scope, DEFAULT_SETTINGS, {}, None, notebook=False)


def _def_position(function: ast.FunctionDef, text: SourceText) -> Position:
    return Position(function.lineno - 1, text.column(function.lineno, function.col_offset))


def _is_generator(function: ast.FunctionDef) -> bool:
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return False
