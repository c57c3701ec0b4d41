"""LOOP201: a call, from loop context, to a sync function that starts an event loop."""

from __future__ import annotations

import ast

from looplint.engine.callgraph import LoopStart, function_name, scope_key
from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind, RelatedLocation, Severity
from looplint.engine.fixes.await_call import await_edit, offer_await
from looplint.engine.fixes.imports import asyncio_prefix, import_insertion
from looplint.engine.fixes.titles import quoted
from looplint.engine.names import qualified_name
from looplint.engine.rules.call_shapes import call_with_arguments
from looplint.engine.scopes import FunctionScope, ImportedName, ModuleImport, ModuleScope

CODE = "LOOP201"


def draft_for_call(site: CallSite, document: Document, start: LoopStart) -> Draft:
    """The finding for a call, in loop context, of a function that starts a loop."""
    steps = start.chain()
    chain = " → ".join([_caller(site), *(s.name for s in steps), steps[-1].called])
    message = (
        f"`{start.name}()` starts an event loop ({chain}), which inside a running loop raises"
        f" {steps[-1].error}"
    )
    draft = Draft(CODE, Severity.WARNING, message, site, site.call)
    draft.related = _related(steps)
    _add_fixes(draft, document, start)
    return draft


def draft_for_callback(site: CallSite, document: Document, start: LoopStart) -> Draft:
    """The finding for registering, as a loop callback, a function that starts a loop."""
    steps = start.chain()
    chain = " → ".join([s.name for s in steps] + [steps[-1].called])
    message = (
        f"`{start.name}` runs as a callback on the event loop and starts a loop ({chain}),"
        f" which raises {steps[-1].error}"
    )
    draft = Draft(CODE, Severity.WARNING, message, site, site.call)
    draft.related = _related(steps)
    return draft


def _related(steps: list[LoopStart]) -> tuple[RelatedLocation, ...]:
    return tuple(RelatedLocation(f"`{s.name}` calls `{s.called}`", s.span, s.path) for s in steps)


def _caller(site: CallSite) -> str:
    scope = next((s for s in site.context.scope.chain() if isinstance(s, FunctionScope)), None)
    if scope is None or isinstance(site.context.scope, ModuleScope):
        return "cell" if site.context.cell_top_level else "module"
    return function_name(scope_key(scope))


def _add_fixes(draft: Draft, document: Document, start: LoopStart) -> None:
    site = draft.site
    if start.wrapper is not None:
        unwrapped = _unwrapped(site, document, start)
        if unwrapped is not None:
            text, import_edits = unwrapped
            # Safe only if nothing the call evaluated is dropped: `get_client().load(x)`
            # would no longer call `get_client()`.
            safe = not _drops_calls(site.call, text, document)
            offer_await(draft, document, Awaitable(text, edits=import_edits), safe=safe)
    spelling = asyncio_prefix(document, site.context.scope)
    in_thread = start.works_in_a_thread and site.context.await_allowed
    if in_thread and not site.context.in_generator and spelling is not None:
        prefix, import_edits = spelling
        call = site.call
        arguments = [document.text(call.func)] + [document.text(a) for a in call.args]
        arguments += [document.text(k) for k in call.keywords]
        awaitable = Awaitable(call_with_arguments(f"{prefix}to_thread", arguments))
        edit = await_edit(document, site, awaitable)
        title = f"Run {quoted(start.name)} in a worker thread"
        draft.fixes.append(Fix(title, False, FixKind.REPLACE, (edit, *import_edits)))


def _unwrapped(
    site: CallSite, document: Document, start: LoopStart
) -> tuple[str, tuple[Edit, ...]] | None:
    """``helper(x)`` where ``def helper(a): return asyncio.run(fetch(a))`` → ``fetch(x)``."""
    wrapper = start.wrapper
    assert wrapper is not None
    call = site.call
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    if len(call.args) > len(wrapper.parameters):
        return None
    values = dict(zip(wrapper.parameters, (document.text(a) for a in call.args), strict=False))
    for keyword in call.keywords:
        if keyword.arg not in wrapper.parameters or keyword.arg in values:
            return None
        values[keyword.arg] = document.text(keyword.value)
    for parameter, default in wrapper.defaults:
        values.setdefault(parameter, default)
    if set(values) != set(wrapper.parameters):
        return None
    text = wrapper.awaited
    for start_offset, end_offset, parameter in sorted(wrapper.parameter_uses, reverse=True):
        value = values[parameter]
        replacement = value if value.isidentifier() or _is_atom(value) else f"({value})"
        text = text[:start_offset] + replacement + text[end_offset:]
    callee_name = wrapper.awaited_callee.rsplit(".", 1)[-1]
    head = text.split("(", 1)[0]
    if "." in head:
        return None  # `client.fetch(...)`: the receiver is the helper's, not reachable here
    seen = qualified_name(ast.Name(callee_name), site.context.scope)
    if seen == wrapper.awaited_callee:
        return text, ()
    if seen is not None or callee_name in document.module_scope.bindings:
        return None
    module = wrapper.awaited_callee.rsplit(".", 1)[0]
    if module.startswith("<"):
        return None
    module = _spelled_as_imported(module, document)
    return text, (import_insertion(document, f"from {module} import {callee_name}\n"),)


def _spelled_as_imported(module: str, document: Document) -> str:
    """``module`` as the caller's own imports spell it: the project names ``a/helpers.py``
    ``a.helpers``, but the script ``a/jobs.py`` beside it imports it as ``helpers`` (its folder
    is on ``sys.path`` when it runs), and so must the import the fix adds."""
    imported = {
        binding.module
        if isinstance(binding, ModuleImport)
        else binding.qualified_name.rsplit(".", 1)[0]
        for bindings in document.module_scope.bindings.values()
        for binding in bindings
        if isinstance(binding, ModuleImport | ImportedName)
    }
    parts = module.split(".")
    spellings = (".".join(parts[start:]) for start in range(len(parts)))
    return next((spelling for spelling in spellings if spelling in imported), module)


def _drops_calls(call: ast.Call, replacement: str, document: Document) -> bool:
    """Whether a call in the original's receiver or arguments is missing from its rewrite."""
    evaluated = [call.func.value] if isinstance(call.func, ast.Attribute) else []
    evaluated += [*call.args, *(k.value for k in call.keywords)]
    return any(
        isinstance(node, ast.Call) and document.text(node) not in replacement
        for expression in evaluated
        for node in ast.walk(expression)
    )


def _is_atom(text: str) -> bool:
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return False
    atoms = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.JoinedStr)
    return isinstance(node, atoms)
