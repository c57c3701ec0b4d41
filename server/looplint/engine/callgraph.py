"""Which sync functions start an event loop when called, and through which chain of calls.

A sync function *starts a loop* when its body (walked as if a loop were running) has an
unguarded loop start (LOOP101-105), or calls a function that starts one, at any depth. Each
function is known by a key: its qualified name (``pkg.mod.Class.method``,
``pkg.mod.outer.<locals>.helper``). Calls are resolved by meaning — scopes, imports, ``self``,
``functools.partial``, class instantiation (``__init__``) — never by bare name, so two
functions of the same name in different modules never meet.

Within a module, ``callers_become_starters`` is the fixpoint: the callers of starters are
starters too, until none is added (across modules, the project index is settled likewise).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable, MutableMapping
from dataclasses import dataclass, replace

from looplint.engine.checker import CallSite, Context
from looplint.engine.decorators import is_transparent
from looplint.engine.findings import Span
from looplint.engine.instances import ClassRef, class_named, instance_class
from looplint.engine.interruption import checkpoint
from looplint.engine.names import absolute_name, qualified_name, sole_binding
from looplint.engine.scopes import (
    Assignment,
    ClassDefinition,
    ComprehensionScope,
    FunctionDefinition,
    FunctionScope,
    ModuleScope,
    Scope,
)

_PARTIAL = frozenset({"functools.partial"})
# Decorators that make a generator function a context manager: ``with f():`` runs its body.
_CONTEXT_MANAGER_DECORATORS = frozenset({"contextlib.contextmanager"})
_OWN_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# Methods that register a callback to run on the loop, and the callback's argument position.
CALLBACK_REGISTRATIONS = {
    "call_soon": 0,
    "call_soon_threadsafe": 0,
    "add_done_callback": 0,
    "call_later": 1,
    "call_at": 1,
    "add_signal_handler": 1,
    "add_reader": 1,
    "add_writer": 1,
}


@dataclass(frozen=True, slots=True)
class ThinWrapper:
    """``def helper(a): return asyncio.run(fetch(a))``: calling it equals awaiting ``fetch``."""

    parameters: tuple[str, ...]
    defaults: tuple[tuple[str, str], ...]  # parameter → default's text, when a constant
    awaited: str  # ``fetch(a)`` as written in the helper
    awaited_callee: str  # qualified name of ``fetch``
    parameter_uses: tuple[tuple[int, int, str], ...]  # offsets in ``awaited`` of parameter names


@dataclass(frozen=True, slots=True)
class LoopStart:
    """One step of the chain by which calling ``function`` starts an event loop."""

    function: str  # key of the function
    name: str  # its short name, for messages
    path: str | None  # its file; None for the analyzed text itself
    span: Span  # where, in its body, the loop start or the next call is
    called: str  # what is called there: "asyncio.run()" or "fetch_all()"
    error: str  # the runtime error at the end of the chain
    next: LoopStart | None = None
    wrapper: ThinWrapper | None = None
    # The loop start (the chain's last step) makes a loop of its own (``asyncio.run()``, a new
    # loop): it works in a thread that has none, so running the chain in a worker thread does.
    own_loop: bool = False
    # The function is what a third-party bridge made of a coroutine function (``@async_to_sync``):
    # a call from loop context is that library's loop start (LOOP104), not a helper's (LOOP201).
    bridge: bool = False

    @property
    def works_in_a_thread(self) -> bool:
        """Whether calling the function in a worker thread (no loop of its own) would work."""
        return self.chain()[-1].own_loop

    def chain(self) -> list[LoopStart]:
        steps: list[LoopStart] = []
        step: LoopStart | None = self
        while step is not None:
            steps.append(step)
            step = step.next
        return steps

    def with_path(self, path: str | None) -> LoopStart:
        """The same start as seen from another file (every step without a path gets ``path``)."""
        following = self.next.with_path(path) if self.next is not None else None
        return replace(self, path=self.path if self.path is not None else path, next=following)


def scope_key(scope: Scope) -> str:
    """The qualified name of a scope, as used for function keys."""
    if isinstance(scope, ModuleScope):
        return scope.module_name or "<module>"
    assert scope.parent is not None
    outer = scope_key(scope.parent)
    if isinstance(scope.parent, FunctionScope | ComprehensionScope):
        outer = f"{outer}.<locals>"
    node = scope.node
    if isinstance(node, ast.Lambda):
        return f"{outer}.<lambda:{node.lineno}:{node.col_offset}>"
    name = getattr(node, "name", None) or f"<comprehension:{node.lineno}>"  # type: ignore[attr-defined]
    return f"{outer}.{name}"


def called_names(keys: Iterable[str]) -> frozenset[str]:
    """The names code calls these functions by (a class's name for its ``__init__``)."""
    names = set()
    for key in keys:
        parts = key.split(".")
        names.add(parts[-2] if parts[-1] == "__init__" and len(parts) > 1 else parts[-1])
    return frozenset(name for name in names if name.isidentifier())


def caller_key(context: Context) -> str:
    """The key of the sync function whose body ``context`` is in (through comprehensions)."""
    scope = context.scope
    function = context.sync_function
    holder = next((s for s in scope.chain() if s.node is function), scope)
    return scope_key(holder)


def function_name(key: str) -> str:
    """``pkg.mod.Class.method`` → ``Class.method``; ``pkg.mod.f.<locals>.g`` → ``g``."""
    parts = key.split(".<locals>.")[-1].split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 and parts[-2][:1].isupper() else parts[-1]


def callers_become_starters(
    calls: Collection[tuple[CallSite, str]],
    starters: MutableMapping[str, LoopStart],
    starter: Callable[[str], LoopStart | None],
    starts_when_called: Callable[[Context], bool],
    span: Callable[[ast.AST], Span],
) -> None:
    """Within one module: a sync function that calls a starter (unguarded, and whose call runs
    its body) starts a loop too, through that call — repeated until none is added. ``calls``
    are the module's resolved calls with their callee's key; ``starter`` finds the start of a
    key (the module's own ``starters``, which grow, or another module's); ``span`` places a
    call in the module's text."""
    changed = True
    while changed:
        changed = False
        checkpoint()
        for site, key in calls:
            context = site.context
            callee = starter(key)
            if context.sync_function is None or context.guarded or callee is None:
                continue
            if not starts_when_called(context):
                continue
            caller = caller_key(context)
            if starter(caller) is not None:
                continue
            starters[caller] = LoopStart(
                caller,
                function_name(caller),
                None,
                span(site.call),
                f"{callee.name}()",
                callee.error,
                callee,
            )
            changed = True


def callee_key(func: ast.expr, scope: Scope, depth: int = 0) -> str | None:
    """The key of the sync function a call to ``func`` runs, or ``None``."""
    if depth > 6:
        return None
    if isinstance(func, ast.Lambda):
        return scope_key(scope.module.scope_for(func, scope))
    if isinstance(func, ast.Call) and qualified_name(func.func, scope) in _PARTIAL and func.args:
        return callee_key(func.args[0], scope, depth + 1)
    if isinstance(func, ast.Name):
        return _name_key(func, scope, depth)
    if isinstance(func, ast.Attribute):
        method = (
            _self_method_key(func, scope)
            or _instance_method_key(func, scope)
            or _attribute_method_key(func, scope)
        )
        if method is not None:
            return method
    return qualified_name(func, scope)


def _name_key(func: ast.Name, scope: Scope, depth: int) -> str | None:
    found = sole_binding(func.id, scope)
    if found is None:  # imported more than one way, or unbound
        return qualified_name(func, scope) or _star_imported(func.id, scope)
    binding, holder = found
    if isinstance(binding, FunctionDefinition):
        return _definition_key(binding, holder)
    if isinstance(binding, ClassDefinition):
        return f"{scope_key(holder.module.scope_for(binding.node, holder))}.__init__"
    if isinstance(binding, Assignment) and binding.value is not None:
        value = binding.value
        if isinstance(value, ast.Lambda):
            return scope_key(holder.module.scope_for(value, holder))
        if (
            isinstance(value, ast.Call)
            and qualified_name(value.func, holder) in _PARTIAL
            and value.args
        ):
            return callee_key(value.args[0], holder, depth + 1)
        if isinstance(value, ast.Name | ast.Attribute):
            return callee_key(value, holder, depth + 1)
        if isinstance(value, ast.Call):
            return binding_key(holder, func.id)  # `f = deco(g)`: a starter if `deco` makes one
        return None
    return qualified_name(func, scope)  # imported: the other module's function or class


def _star_imported(name: str, scope: Scope) -> str | None:
    """The key of an unbound ``name`` in a module that star-imports one module: that
    module's ``name`` (``from helpers import *``, then ``read_config()``). A builtin's key
    names no function of the project, so it matches no starter."""
    modules = [module for module in scope.module.star_imports if module != "asyncio"]
    if len(modules) != 1:
        return None  # the last star import binding it wins: the order is not kept here
    return f"{absolute_name(modules[0], scope.module)}.{name}"


def binding_key(holder: Scope, name: str) -> str:
    """The key of what ``name`` is bound to in ``holder`` (as a ``def name`` there would have)."""
    separator = ".<locals>." if isinstance(holder, FunctionScope | ComprehensionScope) else "."
    return f"{scope_key(holder)}{separator}{name}"


def _definition_key(definition: FunctionDefinition, holder: Scope) -> str | None:
    """The key of a function a call runs: the sync function itself, or what a decorator made
    of it (``@async_to_sync``, a wrapper that calls ``asyncio.run``), which is a starter only
    when the decorator is known to make one (``decorated``). ``None`` for a coroutine or
    generator function: calling it runs nothing yet."""
    key = scope_key(holder.module.scope_for(definition.node, holder))
    if definition.node.decorator_list:
        return key  # a starter if its body starts a loop and the decorators keep it, or if
        # they make one of it: the starters decide
    if definition.is_async or not runs_body_when_called(definition.node, holder):
        return None
    return key


def _self_method_key(func: ast.Attribute, scope: Scope) -> str | None:
    """``self.helper`` / ``cls.helper`` inside a method: the class's own sync method."""
    if not isinstance(func.value, ast.Name):
        return None
    method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
    if method is None or method.enclosing_class is None or func.value.id != method.first_parameter:
        return None
    klass = method.enclosing_class
    bindings = klass.bindings.get(func.attr, [])
    if len(bindings) == 1 and isinstance(bindings[0], FunctionDefinition):
        return _definition_key(bindings[0], klass)
    if not bindings:
        # Inherited: the method of a base class, found by the base's qualified name.
        for base in klass.node.bases:
            base_name = qualified_name(base, klass.parent or klass)
            if base_name:
                return f"{base_name}.{func.attr}"
    return None


def _instance_method_key(func: ast.Attribute, scope: Scope) -> str | None:
    """``client.load`` where ``client = Client(...)`` (or ``Client().load``): ``Client.load``."""
    value: ast.expr | None = func.value
    holder = scope
    if isinstance(value, ast.Name):
        found = sole_binding(value.id, scope)
        if found is None or not isinstance(found[0], Assignment):
            return None
        value, holder = found[0].value, found[1]
    if not isinstance(value, ast.Call):
        return None
    klass = callee_key(value.func, holder)
    if klass is None or not klass.endswith(".__init__"):
        name = qualified_name(value.func, holder)
        return f"{name}.{func.attr}" if name and name.split(".")[-1][:1].isupper() else None
    return f"{klass.removesuffix('.__init__')}.{func.attr}"


def _attribute_method_key(func: ast.Attribute, scope: Scope) -> str | None:
    """``self.fetcher.fetch`` where the class of ``self.fetcher`` is known (``instances``):
    ``Fetcher.fetch``, the class's own sync method or the one it inherits."""
    klass = instance_class(func.value, scope)
    return _method_of(klass, func.attr) if klass is not None else None


def _method_of(klass: ClassRef, method: str, depth: int = 0) -> str | None:
    if isinstance(klass, str):
        return f"{klass}.{method}"  # an imported class: the project index knows its methods
    bindings = klass.bindings.get(method, [])
    if len(bindings) == 1 and isinstance(bindings[0], FunctionDefinition):
        return _definition_key(bindings[0], klass)
    bases = klass.node.bases
    if bindings or len(bases) != 1 or depth > 6:
        return None  # bound otherwise, or a resolution order not worth guessing
    base = class_named(bases[0], klass.parent or klass)
    return _method_of(base, method, depth + 1) if base is not None else None


def runs_body_when_called(node: ast.FunctionDef | ast.AsyncFunctionDef, holder: Scope) -> bool:
    """Whether calling a function (defined in ``holder``) runs its body there and then: only
    then can the call start a loop. Not when a decorator may replace the function, nor for a
    generator, whose body waits until it is iterated — unless ``contextlib.contextmanager``
    makes it a context manager, whose body ``with`` enters at once."""
    if is_replaced_by_decorator(node, holder):
        return False
    return _is_context_manager(node, holder) or not _is_generator(node)


def is_replaced_by_decorator(node: ast.FunctionDef | ast.AsyncFunctionDef, holder: Scope) -> bool:
    """Whether a decorator may put something else in the function's place."""
    return any(
        not is_transparent(decorator, holder)
        and qualified_name(_decorator_target(decorator), holder) not in _CONTEXT_MANAGER_DECORATORS
        for decorator in node.decorator_list
    )


def _is_context_manager(node: ast.FunctionDef | ast.AsyncFunctionDef, holder: Scope) -> bool:
    return any(
        qualified_name(_decorator_target(decorator), holder) in _CONTEXT_MANAGER_DECORATORS
        for decorator in node.decorator_list
    )


def _decorator_target(decorator: ast.expr) -> ast.expr:
    return decorator.func if isinstance(decorator, ast.Call) else decorator


def _is_generator(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A ``yield`` in the function's own body (not in a nested def, lambda or class)."""
    pending: list[ast.AST] = list(node.body)
    while pending:
        child = pending.pop()
        if isinstance(child, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(child, _OWN_SCOPES):
            pending.extend(ast.iter_child_nodes(child))
    return False
