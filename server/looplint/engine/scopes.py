"""Scopes and the bindings in them, in the shape pyflakes made familiar.

Bindings are collected lazily, per scope, flow-insensitively: a scope knows every way each of
its names is bound anywhere in its body (nested function and class bodies excluded — they are
scopes of their own). That is what resolving a name "by meaning" needs: ``asyncio`` means the
module only if every binding of it in the nearest scope that binds it is that import.

Every store binds, where Python binds it: assignments and their targets, ``for``/``with``/
``except`` targets, ``match`` captures, imports (at any depth of blocks), the walrus operator
(in a comprehension it binds in the enclosing scope), and stores in nested functions to names
they declare ``global`` (a module binding) or ``nonlocal`` (a binding of the enclosing function).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
_TRY_STATEMENTS = (ast.Try, ast.TryStar) if hasattr(ast, "TryStar") else (ast.Try,)
_TYPE_ALIAS: type[ast.stmt] | None = getattr(ast, "TypeAlias", None)


@dataclass(frozen=True, slots=True)
class Binding:
    """A name bound by something the resolver cannot see through (a loop target, say)."""

    name: str
    node: ast.AST


@dataclass(frozen=True, slots=True)
class ModuleImport(Binding):
    """``import asyncio``, ``import asyncio as aio``, ``import asyncio.runners`` (binds asyncio)."""

    module: str


@dataclass(frozen=True, slots=True)
class ImportedName(Binding):
    """``from asyncio import run as arun``: ``qualified_name`` is ``asyncio.run``."""

    qualified_name: str


@dataclass(frozen=True, slots=True)
class Assignment(Binding):
    """``name = value`` (value is None when unpacked from a tuple and so unknown)."""

    value: ast.expr | None
    annotation: ast.expr | None = None


@dataclass(frozen=True, slots=True)
class WithTarget(Binding):
    """``with value as name``."""

    value: ast.expr


@dataclass(frozen=True, slots=True)
class Parameter(Binding):
    annotation: ast.expr | None


@dataclass(frozen=True, slots=True)
class FunctionDefinition(Binding):
    node: FunctionNode

    @property
    def is_async(self) -> bool:
        return isinstance(self.node, ast.AsyncFunctionDef)


@dataclass(frozen=True, slots=True)
class ClassDefinition(Binding):
    node: ast.ClassDef


class Scope:
    """A namespace: its node, its parent, and (lazily) its bindings."""

    def __init__(self, node: ast.AST, parent: Scope | None) -> None:
        self.node = node
        self.parent = parent

    @cached_property
    def _collected(self) -> _BindingCollector:
        module = self.module
        collector = _BindingCollector(in_expressions=module.may_bind_in_expressions)
        collector.collect(self.node)
        if module.may_declare_nonlocals and isinstance(self.node, FunctionNode):
            collector.nonlocal_assignments(self.node)
        return collector

    @property
    def bindings(self) -> dict[str, list[Binding]]:
        return self._collected.bindings

    @property
    def global_names(self) -> set[str]:
        """Names this scope declares ``global``: they resolve in the module scope."""
        return self._collected.global_names

    @property
    def nonlocal_names(self) -> set[str]:
        """Names this scope declares ``nonlocal``: they resolve in an enclosing function."""
        return self._collected.nonlocal_names

    def chain(self) -> Iterator[Scope]:
        """This scope and its parents, innermost first."""
        scope: Scope | None = self
        while scope is not None:
            yield scope
            scope = scope.parent

    @property
    def module(self) -> ModuleScope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        assert isinstance(scope, ModuleScope)
        return scope


class ModuleScope(Scope):
    def __init__(
        self,
        node: ast.Module,
        module_name: str | None,
        *,
        is_package: bool = False,
        may_declare_globals: bool = True,
        may_declare_nonlocals: bool = True,
        may_bind_in_expressions: bool = True,
    ) -> None:
        super().__init__(node, None)
        self.module_name = module_name
        self.is_package = is_package  # an ``__init__.py``: relative imports start from itself
        # Whether a function may say `global x` (the text has the word): then assignments to
        # x in functions bind module names too. Finding them means reading every function.
        self.may_declare_globals = may_declare_globals
        # Likewise `nonlocal x` (stores in nested functions bind the enclosing function's x),
        # and `:=` (a store inside an expression): without the text, neither can occur.
        self.may_declare_nonlocals = may_declare_nonlocals
        self.may_bind_in_expressions = may_bind_in_expressions
        self._scopes: dict[int, Scope] = {}

    def scope_for(self, node: ast.AST, parent: Scope) -> Scope:
        """The one scope object of a function, lambda, class or comprehension node."""
        scope = self._scopes.get(id(node))
        if scope is None:
            if isinstance(node, ast.ClassDef):
                scope = ClassScope(node, parent)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                scope = FunctionScope(node, parent)
            else:
                scope = ComprehensionScope(node, parent)
            self._scopes[id(node)] = scope
        return scope

    @cached_property
    def _collected(self) -> _BindingCollector:
        collector = super()._collected
        if self.may_declare_globals:
            collector.global_assignments(self.node)  # type: ignore[arg-type]
        return collector

    @cached_property
    def star_imports(self) -> frozenset[str]:
        """Modules imported with ``from m import *`` at module level, as written (``.m`` for a
        relative import)."""
        return frozenset(
            "." * stmt.level + (stmt.module or "")
            for stmt in _statements(self.node.body)  # type: ignore[attr-defined]
            if isinstance(stmt, ast.ImportFrom)
            and (stmt.module or stmt.level)
            and any(alias.name == "*" for alias in stmt.names)
        )


class FunctionScope(Scope):
    node: FunctionNode | ast.Lambda

    @property
    def is_async(self) -> bool:
        return isinstance(self.node, ast.AsyncFunctionDef)

    @property
    def enclosing_class(self) -> ClassScope | None:
        """The class whose method this is (for resolving ``self.attr``)."""
        return self.parent if isinstance(self.parent, ClassScope) else None

    @property
    def first_parameter(self) -> str | None:
        args = self.node.args.posonlyargs + self.node.args.args
        return args[0].arg if args else None


class ClassScope(Scope):
    node: ast.ClassDef

    @cached_property
    def instance_attributes(self) -> dict[str, list[Assignment]]:
        """``self.x = ...`` (and ``x: T`` in the class body) across every method of the class."""
        found: dict[str, list[Assignment]] = {}
        for name, bindings in self.bindings.items():
            for binding in bindings:
                if isinstance(binding, Assignment):
                    found.setdefault(name, []).append(binding)
        for stmt in self.node.body:
            if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = stmt.args.posonlyargs + stmt.args.args
            if not params:
                continue
            receiver = params[0].arg
            for node in _statements(stmt.body):
                for target, value, annotation in _assignment_parts(node):
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == receiver
                    ):
                        found.setdefault(target.attr, []).append(
                            Assignment(target.attr, node, value, annotation)
                        )
        return found


class ComprehensionScope(Scope):
    pass


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in a block, descending into compound statements but not into scopes."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        nested: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody"):
            nested.extend(getattr(stmt, field, ()))
        for handler in getattr(stmt, "handlers", ()):
            nested.extend(handler.body)
        for case in getattr(stmt, "cases", ()):
            nested.extend(case.body)
        stack.extend(reversed(nested))


def _functions(body: list[ast.stmt]) -> Iterator[FunctionNode]:
    """Every function defined in a block, at any depth of statements (not inside expressions)."""
    for stmt in _statements(body):
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield stmt
            yield from _functions(stmt.body)
        elif isinstance(stmt, ast.ClassDef):
            yield from _functions(stmt.body)


def _assignment_parts(
    stmt: ast.stmt,
) -> Iterator[tuple[ast.expr, ast.expr | None, ast.expr | None]]:
    """(target, value, annotation) for each target a statement assigns."""
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            yield target, stmt.value, None
    elif isinstance(stmt, ast.AnnAssign):
        yield stmt.target, stmt.value, stmt.annotation


def _nested_functions(body: list[ast.stmt]) -> Iterator[FunctionNode]:
    """The functions defined directly in a block (at any depth of statements, not in them)."""
    for stmt in _statements(body):
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield stmt


def _own_expressions(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The expressions a statement evaluates itself (not those of the blocks it holds)."""
    for child in ast.iter_child_nodes(stmt):
        if isinstance(child, ast.stmt):
            continue
        if isinstance(child, ast.ExceptHandler):
            if child.type is not None:
                yield child.type
        elif isinstance(child, ast.match_case):
            if child.guard is not None:
                yield child.guard
        else:
            yield child


def _walrus_stores(roots: Iterator[ast.AST]) -> Iterator[ast.NamedExpr]:
    """``name := value`` in these expressions, comprehensions included (they bind outside
    them), lambdas excluded (they bind in the lambda)."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.NamedExpr):
            yield node
        if not isinstance(node, ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


class _BindingCollector:
    def __init__(self, *, in_expressions: bool = True) -> None:
        self.bindings: dict[str, list[Binding]] = {}
        self.global_names: set[str] = set()
        self.nonlocal_names: set[str] = set()
        self.in_expressions = in_expressions  # look for `:=` stores inside expressions

    def add(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    def collect(self, node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            self._parameters(node.args)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            for generator in node.generators:
                self._target(generator.target, None)
        elif isinstance(node, ast.Lambda) and self.in_expressions:
            for store in _walrus_stores(iter([node.body])):
                self._target(store.target, store.value)
        elif isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            self._block(node.body)

    def _block(self, body: list[ast.stmt]) -> None:
        """Every store of a block and the blocks it holds (not those of nested scopes)."""
        for stmt in _statements(body):
            self._statement(stmt)
            if self.in_expressions:
                for store in _walrus_stores(_own_expressions(stmt)):
                    self._target(store.target, store.value)

    def global_assignments(self, module: ast.Module) -> None:
        """Assignments in functions to names they declare ``global`` bind module names."""
        for function in _functions(module.body):
            declared = {
                name
                for stmt in _statements(function.body)
                if isinstance(stmt, ast.Global)
                for name in stmt.names
            }
            if not declared:
                continue
            inner = _BindingCollector(in_expressions=self.in_expressions)
            inner._block(function.body)
            for name in declared:
                for binding in inner.bindings.get(name, []):
                    self.add(binding)

    def nonlocal_assignments(self, function: FunctionNode) -> None:
        """Stores in nested functions to names they declare ``nonlocal`` bind this function's
        names (when it binds them; otherwise a function further out)."""
        for nested in _nested_functions(function.body):
            for name, bindings in _nonlocal_stores(nested, self.in_expressions).items():
                if name in self.bindings or name in self.nonlocal_names:
                    for binding in bindings:
                        self.add(binding)

    def _parameters(self, args: ast.arguments) -> None:
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            self.add(Parameter(arg.arg, arg, arg.annotation))
        for arg in (args.vararg, args.kwarg):
            if arg is not None:
                self.add(Parameter(arg.arg, arg, None))

    def _statement(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.add(FunctionDefinition(stmt.name, stmt))
        elif isinstance(stmt, ast.ClassDef):
            self.add(ClassDefinition(stmt.name, stmt))
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self.add(ModuleImport(alias.asname, stmt, alias.name))
                else:
                    top = alias.name.partition(".")[0]
                    self.add(ModuleImport(top, stmt, top))
        elif isinstance(stmt, ast.ImportFrom):
            base = "." * stmt.level + (stmt.module or "")
            for alias in stmt.names:
                if alias.name != "*":
                    name = alias.asname or alias.name
                    separator = "." if stmt.module else ""
                    self.add(ImportedName(name, stmt, f"{base}{separator}{alias.name}"))
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target, value, annotation in _assignment_parts(stmt):
                self._target(target, value, annotation)
        elif isinstance(stmt, ast.AugAssign | ast.For | ast.AsyncFor):
            self._target(stmt.target, None)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if isinstance(item.optional_vars, ast.Name):
                    self.add(WithTarget(item.optional_vars.id, stmt, item.context_expr))
                elif item.optional_vars is not None:
                    self._target(item.optional_vars, None)
        elif _TYPE_ALIAS is not None and isinstance(stmt, _TYPE_ALIAS):
            self._target(stmt.name, None)  # `type Loop = ...` (3.12+)
        elif isinstance(stmt, ast.Global):
            self.global_names.update(stmt.names)
        elif isinstance(stmt, ast.Nonlocal):
            self.nonlocal_names.update(stmt.names)
        elif isinstance(stmt, _TRY_STATEMENTS):
            for handler in stmt.handlers:
                if handler.name:
                    self.add(Binding(handler.name, handler))
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                for node in ast.walk(case.pattern):
                    name = getattr(node, "name", None) or getattr(node, "rest", None)
                    if isinstance(name, str):
                        self.add(Binding(name, node))

    def _target(
        self, target: ast.expr, value: ast.expr | None, annotation: ast.expr | None = None
    ) -> None:
        if isinstance(target, ast.Name):
            self.add(Assignment(target.id, target, value, annotation))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._target(element, None)
        elif isinstance(target, ast.Starred):
            self._target(target.value, None)


def _nonlocal_stores(function: FunctionNode, in_expressions: bool) -> dict[str, list[Binding]]:
    """The stores of ``function`` (and of functions nested in it) that bind a name of an
    enclosing function, through ``nonlocal``."""
    inner = _BindingCollector(in_expressions=in_expressions)
    inner.collect(function)
    inner.nonlocal_assignments(function)
    return {
        name: bindings for name, bindings in inner.bindings.items() if name in inner.nonlocal_names
    }
