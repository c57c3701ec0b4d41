"""Which class an object is an instance of, as far as the code says so.

``Fetcher()``, and names or ``self`` attributes assigned from it; parameters, attributes and
class-level fields (dataclass fields) annotated with the class; properties returning one — and
chains of such attributes (``self.service.fetcher``). This lets LOOP201 follow
``self.fetcher.fetch()`` to ``Fetcher.fetch``. Every way a name or attribute is bound must
agree on the class, or nothing is known about it (precision before recall). An attribute of an
imported class's instance is named by its path (``service.Service.fetcher``): what class it is,
the other module says, and the project index reads it there.
"""

from __future__ import annotations

import ast

from looplint.engine.names import lookup, qualified_name, sole_binding
from looplint.engine.scopes import (
    Assignment,
    Binding,
    ClassDefinition,
    ClassScope,
    FunctionDefinition,
    FunctionScope,
    Parameter,
    Scope,
)

_MAX_DEPTH = 8
_OPTIONAL = frozenset({"typing.Optional", "typing_extensions.Optional"})
_PROPERTY = frozenset({"property", "functools.cached_property"})


# A class of the analyzed text (its scope), or an imported one (its qualified name), or the
# class of an attribute of an imported class's instances (its path: ``service.Service.fetcher``),
# which the project index knows (``attribute_routes``).
ClassRef = ClassScope | str


def instance_class(expr: ast.expr, scope: Scope, depth: int = 0) -> ClassRef | None:
    """The class ``expr`` evaluates to an instance of, or ``None`` when unknown."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        return class_named(expr.func, scope)
    if isinstance(expr, ast.Name):
        found = lookup(expr.id, scope)
        if found is None:
            return None
        bindings, holder = found
        return _agreed([_binding_class(b, holder, depth) for b in bindings])
    if isinstance(expr, ast.Attribute):
        owner = _receiver_class(expr.value, scope, depth)
        if isinstance(owner, str):
            return f"{owner}.{expr.attr}"  # an imported class's attribute: the index's to know
        return _attribute_class(owner, expr.attr, depth) if owner is not None else None
    return None


def _receiver_class(expr: ast.expr, scope: Scope, depth: int) -> ClassRef | None:
    """``self`` (or ``cls``) inside a method is its class; anything else, its instance class."""
    if isinstance(expr, ast.Name):
        method = next((s for s in scope.chain() if isinstance(s, FunctionScope)), None)
        klass = method.enclosing_class if method is not None else None
        if klass is not None and expr.id == method.first_parameter:  # type: ignore[union-attr]
            static = any(
                qualified_name(d, klass) == "staticmethod"
                or getattr(d, "id", None) == "staticmethod"
                for d in getattr(method.node, "decorator_list", ())  # type: ignore[union-attr]
            )
            return None if static else klass
    return instance_class(expr, scope, depth + 1)


def _binding_class(binding: Binding, holder: Scope, depth: int) -> ClassRef | None:
    if isinstance(binding, Assignment):
        if binding.annotation is not None:
            return annotated_class(binding.annotation, holder)
        if binding.value is None:
            return None
        return instance_class(binding.value, holder, depth + 1)
    if isinstance(binding, Parameter):
        return annotated_class(binding.annotation, holder)
    return None


def _attribute_class(klass: ClassScope, attribute: str, depth: int) -> ClassRef | None:
    """The class of ``obj.attribute`` for an instance of ``klass``: its property's, its
    declared one (a class-level or ``self.attribute: T`` annotation), or the one every
    assignment (``self.attribute = ...`` in any method) agrees on."""
    own = klass.bindings.get(attribute, [])
    if len(own) == 1 and isinstance(own[0], FunctionDefinition):
        return _property_class(own[0], klass, depth)
    assignments = klass.instance_attributes.get(attribute, [])
    declared = [a for a in assignments if a.annotation is not None]
    assignments = declared or [a for a in assignments if not _is_none(a)]  # as a type checker
    if not assignments:
        return None
    return _agreed([_binding_class(a, _assignment_scope(a, klass), depth) for a in assignments])


def _property_class(
    definition: FunctionDefinition, klass: ClassScope, depth: int
) -> ClassRef | None:
    node = definition.node
    decorators = [qualified_name(d, klass) or getattr(d, "id", None) for d in node.decorator_list]
    if definition.is_async or not decorators or decorators[0] not in _PROPERTY:
        return None
    if node.returns is not None:
        return annotated_class(node.returns, klass)
    scope = klass.module.scope_for(node, klass)
    returned = [
        instance_class(stmt.value, scope, depth + 1)
        for stmt in ast.walk(node)
        if isinstance(stmt, ast.Return) and stmt.value is not None
    ]
    return _agreed(returned)


def _assignment_scope(assignment: Assignment, klass: ClassScope) -> Scope:
    """The method an attribute assignment is in (its value is evaluated there), or the class."""
    line = assignment.node.lineno  # type: ignore[attr-defined]
    for stmt in klass.node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and (
            stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno)
        ):
            return klass.module.scope_for(stmt, klass)
    return klass


def annotated_class(annotation: ast.expr | None, scope: Scope) -> ClassRef | None:
    """The class an annotation names: ``Fetcher``, ``"Fetcher"``, ``Optional[Fetcher]``,
    ``Fetcher | None``."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [s for s in (annotation.left, annotation.right) if not _is_none_constant(s)]
        return annotated_class(sides[0], scope) if len(sides) == 1 else None
    if isinstance(annotation, ast.Subscript):
        if qualified_name(annotation.value, scope) in _OPTIONAL:
            return annotated_class(annotation.slice, scope)
        return None
    if isinstance(annotation, ast.Name | ast.Attribute):
        return class_named(annotation, scope)
    return None


def class_named(expr: ast.expr, scope: Scope) -> ClassRef | None:
    """The class ``expr`` names: one of the analyzed text, or an imported one (by the
    convention that classes are capitalized; its methods are the index's to know)."""
    if isinstance(expr, ast.Name):
        found = sole_binding(expr.id, scope)
        if found is not None and isinstance(found[0], ClassDefinition):
            binding, holder = found
            klass = holder.module.scope_for(binding.node, holder)
            assert isinstance(klass, ClassScope)
            return klass
    name = qualified_name(expr, scope)
    if name is None or not name.rsplit(".", 1)[-1][:1].isupper() or name.startswith("<module>"):
        return None
    return name


def _agreed(classes: list[ClassRef | None]) -> ClassRef | None:
    if not classes or None in classes:
        return None
    first = classes[0]
    return first if all(c is first or c == first for c in classes) else None


def _is_none(assignment: Assignment) -> bool:
    """``self.fetcher = None`` until set up: a placeholder, not a class of its own."""
    return assignment.value is not None and _is_none_constant(assignment.value)


def _is_none_constant(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def attribute_classes(klass: ClassScope) -> dict[str, str | None]:
    """The class of each attribute of ``klass``'s instances (its properties' included), by
    name: what other code reaching methods through them depends on (``None``: unknown)."""
    return {name: _described(found) for name, found in attribute_class_refs(klass).items()}


def attribute_class_refs(klass: ClassScope) -> dict[str, ClassRef | None]:
    """``attribute_classes``, each class as the engine knows it (its scope, or its name)."""
    names = set(klass.instance_attributes)
    names.update(
        name
        for name, bindings in klass.bindings.items()
        if len(bindings) == 1 and isinstance(bindings[0], FunctionDefinition)
    )
    return {name: _attribute_class(klass, name, 0) for name in sorted(names)}


def _described(klass: ClassRef | None) -> str | None:
    """A class as a dotted name within its module (a class of the text) or its qualified name."""
    if klass is None or isinstance(klass, str):
        return klass
    names = []
    scope: Scope | None = klass
    while scope is not None and scope.parent is not None:
        names.append(getattr(scope.node, "name", "<scope>"))
        scope = scope.parent
    return ".".join(reversed(names))
