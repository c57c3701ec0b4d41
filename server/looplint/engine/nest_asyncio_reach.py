"""Which loop starts run patched: those that ``nest_asyncio.apply()`` is reached before.

``apply()`` patches asyncio when it runs, not when it is written. A start runs patched when an
``apply()`` runs first: at module level (before the start, for module-level code and notebook
cells; before any function is called, for code in functions), earlier in the start's own
function, earlier in a function whose later calls lead to it (the call chain, through the
module's functions and methods, sync or async), or in a test class's ``setUp``, which runs
before each of its tests. An ``apply()`` in a function nobody calls patches nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from looplint.engine.checker import CallSite
from looplint.engine.names import sole_binding
from looplint.engine.scopes import FunctionDefinition, FunctionScope, ModuleScope, Scope

_OWN_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# Methods a test runner calls before each test method of their class (unittest, pytest).
_SET_UP_METHODS = frozenset({"setUp", "asyncSetUp", "setUpClass", "setup_method", "setup_class"})


def patched_starts(
    applies: Iterable[CallSite], starts: Iterable[CallSite], module: ModuleScope
) -> set[int]:
    """The ids of the ``starts`` calls that run after one of the ``applies`` calls."""
    reach = _Reach()
    sources: dict[FunctionScope | None, int] = {}  # where the patch is applied, from which line
    for site in applies:
        function = _function_of(site.context.scope)
        sources[function] = min(site.call.lineno, sources.get(function, site.call.lineno))
    _add_callers(sources, reach, module)
    patched = set()
    for start in starts:
        line, function = start.call.lineno, _function_of(start.context.scope)
        if any(reach.leads_to(source, function, line) for source in sources.items()):
            patched.add(id(start.call))
    return patched


def _add_callers(
    sources: dict[FunctionScope | None, int], reach: _Reach, module: ModuleScope
) -> None:
    """A call to a function that applies the patch applies it too, from that line on."""
    functions = list(_functions(module))
    module_calls = [
        (call.lineno, callee)
        for call in _calls_in(module.node)
        if isinstance(callee := _callee(call.func, module), FunctionScope)
    ]
    changed = True
    while changed:
        changed = False
        for caller, calls in [(None, module_calls), *((f, reach.calls(f)) for f in functions)]:
            lines = [line for line, callee in calls if callee in sources]
            if lines and min(lines) < sources.get(caller, min(lines) + 1):
                sources[caller] = min(lines)
                changed = True


def _functions(module: ModuleScope) -> Iterator[FunctionScope]:
    """Every function and method of the module, at any depth."""
    pending: list[tuple[ast.AST, Scope]] = [(module.node, module)]
    while pending:
        node, scope = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _OWN_SCOPES):
                inner = module.scope_for(child, scope)
                if isinstance(inner, FunctionScope):
                    yield inner
                pending.append((child, inner))
            else:
                pending.append((child, scope))


def _function_of(scope: Scope) -> FunctionScope | None:
    """The function whose body a scope's code runs in (``None``: module level)."""
    return next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)


class _Reach:
    """The module's functions a function calls, followed lazily and remembered."""

    def __init__(self) -> None:
        self.callees: dict[int, list[tuple[int, FunctionScope]]] = {}

    def leads_to(
        self, source: tuple[FunctionScope | None, int], target: FunctionScope | None, line: int
    ) -> bool:
        """Whether an ``apply()`` at ``source`` (function or module level, line) runs before
        ``line`` of ``target`` (a function, or module level)."""
        source_function, source_line = source
        if source_function is None:
            return target is not None or source_line < line
        if target is source_function and source_line < line:
            return True
        if target is None:
            return False
        if _sets_up_class_of(source_function, target):
            return True
        seen = {id(source_function)}
        pending = [c for at, c in self.calls(source_function) if at > source_line]
        while pending:
            function = pending.pop()
            if function is target:
                return True
            if id(function) not in seen:
                seen.add(id(function))
                pending.extend(c for _, c in self.calls(function))
        return False

    def calls(self, function: FunctionScope) -> list[tuple[int, FunctionScope]]:
        """(line, callee) for each call in ``function``'s body to a function of the module."""
        key = id(function)
        if key not in self.callees:
            self.callees[key] = [
                (call.lineno, callee)
                for call in _calls_in(function.node)
                if (callee := _callee(call.func, function)) is not None
            ]
        return self.callees[key]


def _sets_up_class_of(source: FunctionScope, target: FunctionScope) -> bool:
    """``source`` is a test class's set-up method, which the test runner calls before each of
    the class's tests: it runs before any code of the class's methods."""
    klass = source.enclosing_class
    if klass is None or getattr(source.node, "name", None) not in _SET_UP_METHODS:
        return False
    return any(scope is klass for scope in target.chain())


def _calls_in(function: ast.AST) -> Iterator[ast.Call]:
    """The calls a function's (or module's) body makes itself, not those of nested scopes."""
    body = function.body if isinstance(function.body, list) else [function.body]  # type: ignore[attr-defined]
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call):
            yield node
        if not isinstance(node, _OWN_SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def _callee(func: ast.expr, scope: Scope) -> FunctionScope | None:
    """The module's function or method a call to ``func`` runs (sync or async)."""
    if isinstance(func, ast.Name):
        found = sole_binding(func.id, scope)
        if found is None or not isinstance(found[0], FunctionDefinition):
            return None
        binding, holder = found
        return _scope_of(binding, holder)
    if not isinstance(scope, FunctionScope):
        return None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        klass = scope.enclosing_class  # `self.method()` in a method of the class
        if klass is None or func.value.id != scope.first_parameter:
            return None
        bindings = klass.bindings.get(func.attr, [])
        if len(bindings) == 1 and isinstance(bindings[0], FunctionDefinition):
            return _scope_of(bindings[0], klass)
    return None


def _scope_of(binding: FunctionDefinition, holder: Scope) -> FunctionScope | None:
    scope = holder.module.scope_for(binding.node, holder)
    return scope if isinstance(scope, FunctionScope) else None
