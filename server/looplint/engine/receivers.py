"""What kind of object an expression is: an event loop, a Runner, an executor, a bot client.

A receiver is known through the call that made it (``asyncio.new_event_loop()``), a name or
``self`` attribute assigned from such a call anywhere in its scope or class, an annotation
(``loop: asyncio.AbstractEventLoop``), or a function of the module that returns one (a loop
factory). Anything else is unknown, and the rules treat unknown receivers cautiously.
"""

from __future__ import annotations

import ast

from looplint.engine.catalogue import (
    ANNOTATION_KINDS,
    CALL_RESULT_KINDS,
    METHOD_RESULT_KINDS,
    OBJECT_KINDS,
    Kind,
)
from looplint.engine.names import lookup, qualified_name, sole_binding
from looplint.engine.scopes import (
    Assignment,
    Binding,
    ClassDefinition,
    FunctionDefinition,
    FunctionScope,
    ImportedName,
    ModuleImport,
    Parameter,
    Scope,
    WithTarget,
)

_MAX_DEPTH = 8
# Context managers whose ``__enter__`` returns the object itself.
_SELF_ENTERING = frozenset({Kind.RUNNER, Kind.EXECUTOR})


def kind_of(expr: ast.expr, scope: Scope, depth: int = 0) -> Kind | None:
    """The kind of object ``expr`` evaluates to, or ``None`` when unknown or not interesting."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        return _call_result_kind(expr, scope, depth)
    if isinstance(expr, ast.Name):
        return _name_kind(expr.id, scope, depth)
    if isinstance(expr, ast.BoolOp):
        operands = [v for v in expr.values if not _is_none(v)]
        return _union([kind_of(v, scope, depth + 1) for v in operands])
    if isinstance(expr, ast.Attribute):
        attribute_kind = _self_attribute_kind(expr, scope, depth)
        if attribute_kind is not None:
            return attribute_kind
        name = qualified_name(expr, scope)
        return OBJECT_KINDS.get(name) if name else None
    return None


def annotation_kind(annotation: ast.expr | None, scope: Scope) -> Kind | None:
    """The kind an annotation declares; ``Optional[X]`` and ``X | None`` declare X's kind."""
    if annotation is None:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        kinds = {annotation_kind(side, scope) for side in sides if not _is_none(side)}
        return kinds.pop() if len(kinds) == 1 else None
    if isinstance(annotation, ast.Subscript):
        if qualified_name(annotation.value, scope) in (
            "typing.Optional",
            "typing_extensions.Optional",
        ):
            return annotation_kind(annotation.slice, scope)
        return None
    name = qualified_name(annotation, scope)
    return ANNOTATION_KINDS.get(name) if name else None


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _call_result_kind(call: ast.Call, scope: Scope, depth: int) -> Kind | None:
    name = qualified_name(call.func, scope)
    if name is not None:
        if name in CALL_RESULT_KINDS:
            return CALL_RESULT_KINDS[name]
        return _user_callable_kind(call.func, scope, depth)
    if isinstance(call.func, ast.Attribute):
        receiver = kind_of(call.func.value, scope, depth + 1)
        if receiver is Kind.PTB_BUILDER and call.func.attr != "build":
            return Kind.PTB_BUILDER  # builder methods chain: .token(...).build()
        if receiver is not None:
            return METHOD_RESULT_KINDS.get((receiver, call.func.attr))
    return None


def _user_callable_kind(func: ast.expr, scope: Scope, depth: int) -> Kind | None:
    """A class of the module derived from a known class, or a function returning a loop."""
    if not isinstance(func, ast.Name):
        return None
    found = sole_binding(func.id, scope)
    if found is None:
        return None
    binding, holder = found
    if isinstance(binding, ClassDefinition):
        kinds = []
        for base in binding.node.bases:
            base_name = qualified_name(base, holder)
            if base_name in CALL_RESULT_KINDS:
                return CALL_RESULT_KINDS[base_name]
            if isinstance(base, ast.Name) and base.id == "object":
                continue
            kinds.append(_user_callable_kind(base, holder, depth + 1))
        if any(kind is None for kind in kinds):
            return None  # a base class we cannot see: its methods are unknown
        known = {kind for kind in kinds if kind is not Kind.OWN_CLASS_INSTANCE}
        return known.pop() if known else Kind.OWN_CLASS_INSTANCE
    if isinstance(binding, FunctionDefinition) and not binding.is_async:
        declared = annotation_kind(binding.node.returns, holder)
        if declared is not None:
            return declared
        function_scope = holder.module.scope_for(binding.node, holder)
        returned = [
            kind_of(node.value, function_scope, depth + 1)
            for node in _returns(binding.node)
            if node.value is not None
        ]
        return _union(returned)
    return None


def _returns(function: ast.FunctionDef) -> list[ast.Return]:
    """Return statements of ``function`` itself (not of functions nested in it)."""
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
        ):
            stack.extend(ast.iter_child_nodes(node))
    return found


def _name_kind(name: str, scope: Scope, depth: int) -> Kind | None:
    found = lookup(name, scope)
    if found is None:
        return None
    bindings, holder = found
    return _union([_binding_kind(binding, holder, depth) for binding in _meaningful(bindings)])


def _meaningful(bindings: list[Binding]) -> list[Binding]:
    """Bindings minus ``x = None`` placeholders (``self.loop = None`` until set up)."""
    kept = [
        b
        for b in bindings
        if not (isinstance(b, Assignment) and b.value is not None and _is_none(b.value))
    ]
    return kept or bindings


def _binding_kind(binding: Binding, holder: Scope, depth: int) -> Kind | None:
    if isinstance(binding, Assignment):
        declared = annotation_kind(binding.annotation, holder)
        if declared is not None:
            return declared
        return kind_of(binding.value, holder, depth + 1) if binding.value is not None else None
    if isinstance(binding, Parameter):
        return annotation_kind(binding.annotation, holder)
    if isinstance(binding, WithTarget):
        entered = kind_of(binding.value, holder, depth + 1)
        return entered if entered in _SELF_ENTERING else None
    if isinstance(binding, ModuleImport | ImportedName):
        name = binding.module if isinstance(binding, ModuleImport) else binding.qualified_name
        return OBJECT_KINDS.get(name)
    return None


def _self_attribute_kind(expr: ast.Attribute, scope: Scope, depth: int) -> Kind | None:
    """``self.loop`` inside a method: every assignment to it across the class."""
    if not isinstance(expr.value, ast.Name):
        return None
    method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
    if method is None or method.enclosing_class is None:
        return None
    if expr.value.id != method.first_parameter:
        return None
    klass = method.enclosing_class
    assignments = klass.instance_attributes.get(expr.attr)
    if not assignments:
        return None
    kinds = []
    for assignment in _meaningful(list(assignments)):
        assert isinstance(assignment, Assignment)
        declared = annotation_kind(assignment.annotation, klass)
        if declared is not None:
            kinds.append(declared)
        elif assignment.value is None:
            kinds.append(None)
        else:
            value_scope = _assignment_scope(assignment, klass)
            kinds.append(kind_of(assignment.value, value_scope, depth + 1))
    return _union(kinds)


def _assignment_scope(assignment: Assignment, klass: Scope) -> Scope:
    """The method scope an attribute assignment sits in (its value is evaluated there)."""
    for stmt in klass.node.body:  # type: ignore[attr-defined]
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            stmt.lineno <= assignment.node.lineno <= (stmt.end_lineno or stmt.lineno)  # type: ignore[attr-defined]
        ):
            return klass.module.scope_for(stmt, klass)
    return klass


def _union(kinds: list[Kind | None]) -> Kind | None:
    """One kind for several bindings: loops of different kinds are still loops."""
    if not kinds or None in kinds:
        return None
    distinct = set(kinds)
    if len(distinct) == 1:
        return distinct.pop()
    if all(kind is not None and kind.is_loop for kind in distinct):
        return Kind.ANY_LOOP
    return None
