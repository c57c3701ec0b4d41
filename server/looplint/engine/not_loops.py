"""Evidence that an object of unknown kind is not an event loop, whatever its method names.

``x.run_until_complete(...)`` / ``x.run_forever()`` on an object the engine cannot identify is
reported only when nothing says ``x`` is not a loop. These say it: the call's result is awaited
or handed to ``create_task``/``gather``/``ensure_future`` (a loop's methods return no
awaitable), or ``x``'s class — from ``x = C()``, an annotation ``x: C``, ``with C() as x`` —
defines the method itself (an ``async def``, or an ordinary method of a class that is no loop).
"""

from __future__ import annotations

import ast

from looplint.engine.checker import CallSite
from looplint.engine.names import qualified_name, sole_binding
from looplint.engine.scopes import (
    Assignment,
    ClassDefinition,
    ClassScope,
    FunctionDefinition,
    FunctionScope,
    Parameter,
    Scope,
    WithTarget,
)

# Calls that take an awaitable and schedule or await it on the running loop.
_AWAITABLE_TAKERS = frozenset(
    {
        "asyncio.create_task",
        "asyncio.ensure_future",
        "asyncio.gather",
        "asyncio.shield",
        "asyncio.wait_for",
        "asyncio.timeout",
    }
)
_TASK_METHODS = frozenset({"create_task", "start_soon"})  # loop, TaskGroup, anyio task group
_ENTER_METHODS = {False: "__enter__", True: "__aenter__"}
_MAX_DEPTH = 6


def is_not_a_loop(site: CallSite, receiver: ast.expr, method: str) -> bool:
    """Whether ``site`` (``receiver.method(...)``) provably is not a call on an event loop."""
    return _result_is_awaitable(site) or _class_defines(receiver, method, site.context.scope)


def _result_is_awaitable(site: CallSite) -> bool:
    """The call's result is awaited, or handed to what schedules an awaitable."""
    parent = site.parent
    if isinstance(parent, ast.Await):
        return True
    if isinstance(parent, ast.Starred) or not isinstance(parent, ast.Call):
        return False
    if site.call not in parent.args:
        return False
    func = parent.func
    if isinstance(func, ast.Attribute) and func.attr in _TASK_METHODS:
        return True
    return qualified_name(func, site.context.scope) in _AWAITABLE_TAKERS


def _class_defines(receiver: ast.expr, method: str, scope: Scope) -> bool:
    klass = _class_of(receiver, scope, 0)
    return klass is not None and _defines(klass, method, 0)


def _defines(klass: ClassScope, method: str, depth: int) -> bool:
    """``klass`` or one of the module's classes it derives from defines ``method``."""
    if depth > _MAX_DEPTH:
        return False
    bindings = klass.bindings.get(method, [])
    if any(isinstance(b, FunctionDefinition) for b in bindings):
        return True
    holder = klass.parent or klass
    bases = (_named_class(base, holder) for base in klass.node.bases)
    return any(base is not None and _defines(base, method, depth + 1) for base in bases)


def _class_of(expr: ast.expr, scope: Scope, depth: int) -> ClassScope | None:
    """The module's class that ``expr`` is an instance of, when the code says so."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        return _named_class(expr.func, scope)
    if isinstance(expr, ast.Attribute):
        return _self_attribute_class(expr, scope, depth)
    if not isinstance(expr, ast.Name):
        return None
    found = sole_binding(expr.id, scope)
    if found is None:
        return None
    binding, holder = found
    if isinstance(binding, Parameter | Assignment) and binding.annotation is not None:
        return _annotated_class(binding.annotation, holder)
    if isinstance(binding, Assignment) and binding.value is not None:
        return _class_of(binding.value, holder, depth + 1)
    if isinstance(binding, WithTarget):
        entered = _class_of(binding.value, holder, depth + 1)
        is_async = isinstance(binding.node, ast.AsyncWith)
        return _entered_class(entered, is_async, depth + 1) if entered is not None else None
    return None


def _self_attribute_class(expr: ast.Attribute, scope: Scope, depth: int) -> ClassScope | None:
    """``self.worker`` assigned only instances of one class of the module."""
    if not isinstance(expr.value, ast.Name):
        return None
    method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
    klass = method.enclosing_class if method is not None else None
    if klass is None or expr.value.id != method.first_parameter:  # type: ignore[union-attr]
        return None
    assignments = [a for a in klass.instance_attributes.get(expr.attr, []) if a.value is not None]
    classes = {
        _class_of(a.value, klass, depth + 1)  # type: ignore[arg-type]
        for a in assignments
        if not (isinstance(a.value, ast.Constant) and a.value.value is None)
    }
    return classes.pop() if len(classes) == 1 else None


def _annotated_class(annotation: ast.expr, scope: Scope) -> ClassScope | None:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except (SyntaxError, ValueError):  # not an expression; a NUL character
            return None
    return _named_class(annotation, scope)


def _named_class(expr: ast.expr, scope: Scope) -> ClassScope | None:
    """The class of the module that the name ``expr`` is bound to (and nothing else)."""
    if not isinstance(expr, ast.Name):
        return None
    found = sole_binding(expr.id, scope)
    if found is None or not isinstance(found[0], ClassDefinition):
        return None
    binding, holder = found
    scope_of_class = holder.module.scope_for(binding.node, holder)
    return scope_of_class if isinstance(scope_of_class, ClassScope) else None


def _entered_class(klass: ClassScope, is_async: bool, depth: int) -> ClassScope | None:
    """What ``with``/``async with`` binds for an instance of ``klass``: its ``__enter__``'s
    (``__aenter__``'s) declared or returned class, or ``klass`` for ``return self``."""
    name = _ENTER_METHODS[is_async]
    bindings = klass.bindings.get(name, [])
    if len(bindings) != 1 or not isinstance(bindings[0], FunctionDefinition):
        return None
    enter = bindings[0].node
    if enter.returns is not None:
        return _annotated_class(enter.returns, klass.parent or klass)
    method_scope = klass.module.scope_for(enter, klass)
    first = enter.args.posonlyargs + enter.args.args
    results = set()
    for node in ast.walk(enter):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, ast.Name) and first and value.id == first[0].arg:
            results.add(klass)
        else:
            results.add(_class_of(value, method_scope, depth + 1))
    return results.pop() if len(results) == 1 else None
