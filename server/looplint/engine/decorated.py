"""Functions that a decorator turns into loop starters, and names bound to such wrappers.

``@async_to_sync`` (asgiref) makes a coroutine function a sync callable that runs it on a loop
of its own; so does a decorator of the module whose wrapper starts a loop
(``def runs(fn): def wrapper(*a, **k): return asyncio.run(fn(*a, **k)); return wrapper``). The
decorated name, and a name assigned from such a decorator's call (``sync = runs(fetch)``), is
then a loop starter: calling it from loop context raises. The call graph keys them like any
function (``callgraph._definition_key``, ``binding_key``); this module finds them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from looplint.engine.callgraph import LoopStart, binding_key, callee_key, function_name, scope_key
from looplint.engine.checker import CallSite, Reference, walk_calls
from looplint.engine.document import Document
from looplint.engine.findings import Span
from looplint.engine.names import qualified_name
from looplint.engine.prefilter import aliases_of, lines_mentioning
from looplint.engine.rules.third_party import ASYNC_TO_SYNC_ERROR, ASYNC_TO_SYNC_NAMES
from looplint.engine.scopes import (
    ClassDefinition,
    FunctionDefinition,
    FunctionScope,
    ModuleScope,
    Scope,
)

_BRIDGE_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in ASYNC_TO_SYNC_NAMES)


@dataclass(frozen=True, slots=True)
class Decorator:
    """A callable that makes loop starters of what it wraps."""

    key: str  # its key (a function of the module), or its qualified name (a bridge)
    name: str  # what code calls it by
    wrapper: LoopStart | None  # the loop start of the wrapper it returns; None for a bridge


def decorator_of(wrapper: FunctionScope) -> str | None:
    """The key of the function that defines ``wrapper`` and returns it, unchanged: a decorator
    (``def runs(fn): def wrapper(...): ...; return wrapper``)."""
    outer = wrapper.parent
    if not isinstance(outer, FunctionScope) or not isinstance(outer.node, ast.FunctionDef):
        return None
    name = getattr(wrapper.node, "name", None)
    returns = [
        stmt for stmt in outer.node.body if isinstance(stmt, ast.Return) and stmt.value is not None
    ]
    if name is None or len(returns) != 1:
        return None
    value = returns[0].value
    return scope_key(outer) if isinstance(value, ast.Name) and value.id == name else None


def bridges_in(code: str) -> list[Decorator]:
    """The third-party bridges a text may use (by their names and aliases)."""
    if not any(name in code for name in _BRIDGE_NAMES):
        return []
    return [Decorator(name, name.rsplit(".", 1)[-1], None) for name in sorted(ASYNC_TO_SYNC_NAMES)]


def wrapped_starters(
    document: Document,
    decorators: Iterable[Decorator],
    region: tuple[int, int] | None,
) -> dict[str, LoopStart]:
    """The loop starters ``decorators`` make in a module: decorated functions and names
    assigned from a decorator's call, by key."""
    by_key = {decorator.key: decorator for decorator in decorators}
    if not by_key:
        return {}
    code = document.source.code
    names = {decorator.name for decorator in by_key.values()}
    names |= aliases_of(code, names)
    lines = lines_mentioning(code, names)
    if region is not None:
        lines = [line for line in lines if region[0] <= line <= region[1]]
    found: dict[str, LoopStart] = {}
    finder = _Finder(document, by_key, found)
    if lines:
        walk_calls(
            document.tree,
            document.module_scope,
            notebook=False,
            candidate_lines=lines,
            visit=finder.assignment,
            visit_reference=finder.decoration,
        )
    return found


class _Finder:
    def __init__(
        self, document: Document, decorators: Mapping[str, Decorator], found: dict[str, LoopStart]
    ) -> None:
        self.document = document
        self.decorators = decorators
        self.found = found

    def decoration(self, reference: Reference) -> None:
        """``@deco`` above a ``def``: the decorated function."""
        holder = reference.ancestors[-1] if reference.ancestors else None
        if not isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef):
            return
        if reference.node not in holder.decorator_list or holder.decorator_list[-1] is not (
            reference.node
        ):
            return  # only the innermost decorator wraps the function itself
        scope = reference.context.scope
        decorator = self._decorator(reference.node, scope)
        if decorator is not None:
            key = scope_key(scope.module.scope_for(holder, scope))
            self._add(key, decorator, reference.node)

    def assignment(self, site: CallSite) -> None:
        """``sync = deco(fn)``: the name bound to the wrapper."""
        statement = site.parent
        if not (
            isinstance(statement, ast.Assign)
            and statement.value is site.call
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and len(site.call.args) == 1
        ):
            return
        scope = site.context.scope
        decorator = self._decorator(site.call.func, scope)
        if decorator is not None and decorator.wrapper is not None:
            key = binding_key(scope, statement.targets[0].id)
            self._add(key, decorator, site.call)

    def _decorator(self, expr: ast.expr, scope: Scope) -> Decorator | None:
        name = qualified_name(expr, scope)
        if name in ASYNC_TO_SYNC_NAMES:
            return self.decorators.get(name)
        key = callee_key(expr, scope)
        return self.decorators.get(key) if key is not None else None

    def _add(self, key: str, decorator: Decorator, node: ast.AST) -> None:
        span: Span = self.document.span(node)
        wrapper = decorator.wrapper
        if wrapper is None:  # AsyncToSync refuses any call from a running loop's thread
            start = LoopStart(
                key,
                function_name(key),
                None,
                span,
                f"{decorator.name}()",
                ASYNC_TO_SYNC_ERROR,
                own_loop=True,
                bridge=True,
            )
        else:
            start = LoopStart(
                key, function_name(key), None, span, f"{wrapper.name}()", wrapper.error, wrapper
            )
        self.found.setdefault(key, start)


def decorators_among(starters: Mapping[str, LoopStart], module: ModuleScope) -> list[Decorator]:
    """The module's decorators whose wrapper is one of ``starters``."""
    found = []
    for key, start in starters.items():
        if ".<locals>." not in key:
            continue
        scope = _function_scope(module, key)
        outer = decorator_of(scope) if scope is not None else None
        if outer is not None:
            found.append(Decorator(outer, function_name(outer), start))
    return found


def _function_scope(module: ModuleScope, key: str) -> FunctionScope | None:
    """The scope of the function of the module that ``key`` names."""
    prefix = f"{module.module_name or '<module>'}."
    if not key.startswith(prefix):
        return None
    scope: Scope = module
    for part in key[len(prefix) :].split("."):
        if part == "<locals>":
            continue
        bindings = scope.bindings.get(part, [])
        if len(bindings) != 1 or not isinstance(bindings[0], FunctionDefinition | ClassDefinition):
            return None
        scope = module.scope_for(bindings[0].node, scope)
    return scope if isinstance(scope, FunctionScope) else None
