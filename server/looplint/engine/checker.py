"""Walk a module, knowing at every call whether it runs while an event loop is running.

Loop context is the body of an ``async def`` (at any depth of blocks, comprehensions,
f-strings, and the defaults and decorators of nested defs, which are evaluated there) and the
top level of a notebook cell. Bodies of sync ``def`` and ``lambda`` run only when called: they
are walked as if a loop were running, with ``sync_function`` set, so that what they would do
is known when a call from loop context reaches them (LOOP201). Branches that run only when no
loop is running (``guards``) are marked. The walk descends only into nodes that span a
candidate line (see ``prefilter``).
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from looplint.engine.guards import exits_when_loop_running, guarded_branch, no_loop_handlers
from looplint.engine.interruption import checkpoint
from looplint.engine.scopes import ModuleScope, Scope

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp)
_TRY_STATEMENTS = (ast.Try, ast.TryStar) if hasattr(ast, "TryStar") else (ast.Try,)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a piece of code runs."""

    scope: Scope
    in_loop: bool  # runs on a thread whose event loop is running
    cell_top_level: bool  # top level of a notebook cell (LOOP301)
    await_allowed: bool  # an inserted ``await`` would be legal here
    in_generator: bool = False  # inside a generator expression
    # The sync function or lambda whose body this is. Its body is walked as if a loop were
    # running, to learn whether calling it from loop context would start a loop (LOOP201).
    sync_function: ast.AST | None = None
    guarded: bool = False  # on a branch that runs only when no loop is running


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call the rules look at, with its ancestors (outermost first) and context."""

    call: ast.Call
    ancestors: tuple[ast.AST, ...]
    context: Context

    @property
    def parent(self) -> ast.AST:
        return self.ancestors[-1]

    @property
    def statement(self) -> ast.stmt | None:
        """The innermost statement containing the call."""
        return next((n for n in reversed(self.ancestors) if isinstance(n, ast.stmt)), None)


def walk_calls(
    module: ast.Module,
    module_scope: ModuleScope,
    *,
    notebook: bool,
    candidate_lines: Sequence[int] | None,
    visit: Callable[[CallSite], None],
    visit_reference: Callable[[Reference], None] | None = None,
    too_deep: Callable[[ast.stmt], None] | None = None,
    candidate_spans: Mapping[int, Sequence[tuple[int, int]]] | None = None,
) -> None:
    """Call ``visit`` for every call on a candidate line, with its context (and
    ``visit_reference`` for every name or attribute there); ``too_deep`` hears of each
    top-level statement left out for being nested too deeply to walk. ``candidate_spans``
    narrows long candidate lines down to columns (see ``prefilter.long_line_mentions``)."""
    context = Context(
        module_scope, in_loop=notebook, cell_top_level=notebook, await_allowed=notebook
    )
    walker = _Walker(candidate_lines, visit, visit_reference, candidate_spans or {})
    for statement in module.body:
        try:
            walker.visit(statement, (module,), context)
        except RecursionError:  # absurdly deep nesting: skip this statement, keep the rest
            if too_deep is not None:
                too_deep(statement)


@dataclass(frozen=True, slots=True)
class Reference:
    """A name or attribute in the code, with its ancestors and context."""

    node: ast.Name | ast.Attribute
    ancestors: tuple[ast.AST, ...]
    context: Context


class _Walker:
    def __init__(
        self,
        candidate_lines: Sequence[int] | None,
        visit: Callable[[CallSite], None],
        visit_reference: Callable[[Reference], None] | None,
        candidate_spans: Mapping[int, Sequence[tuple[int, int]]],
    ) -> None:
        self.lines = candidate_lines
        self.spans = candidate_spans
        self.on_call = visit
        self.on_reference = visit_reference

    def wanted(self, node: ast.AST) -> bool:
        if self.lines is None:
            return True
        start = getattr(node, "lineno", None)
        if start is None:
            return True
        for decorator in getattr(node, "decorator_list", ()):
            start = min(start, decorator.lineno)  # a def's line comes after its decorators
        end: int = node.end_lineno  # type: ignore[attr-defined]
        index = bisect_left(self.lines, start)
        if index == len(self.lines) or self.lines[index] > end:
            return False
        spans = self.spans.get(start) if start == end else None
        if spans:  # within one long line: only a node that spans a mention
            column: int = node.col_offset  # type: ignore[attr-defined]
            first = bisect_left(spans, (column, -1))
            return first < len(spans) and spans[first][1] <= node.end_col_offset  # type: ignore[attr-defined]
        return True

    def visit(self, node: ast.AST, ancestors: tuple[ast.AST, ...], context: Context) -> None:
        if not self.wanted(node):
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.visit_function(node, ancestors, context)
        elif isinstance(node, ast.Lambda):
            self.visit_lambda(node, ancestors, context)
        elif isinstance(node, ast.ClassDef):
            self.visit_class(node, ancestors, context)
        elif isinstance(node, (*_COMPREHENSIONS, ast.GeneratorExp)):
            self.visit_comprehension(node, ancestors, context)
        elif isinstance(node, _TRY_STATEMENTS) and no_loop_handlers(node, context.scope):
            inner = (*ancestors, node)
            self.visit_all([*node.body, *node.orelse, *node.finalbody], inner, context)
            self.visit_all(node.handlers, inner, replace(context, guarded=True))
        elif isinstance(node, ast.If | ast.IfExp) and (
            branch := guarded_branch(node, context.scope)
        ):
            inner = (*ancestors, node)
            self.visit(node.test, inner, context)
            for field in ("body", "orelse"):
                branch_context = replace(context, guarded=True) if field == branch else context
                part = getattr(node, field)
                self.visit_all(part if isinstance(part, list) else [part], inner, branch_context)
        else:
            if isinstance(node, ast.Call):
                self.on_call(CallSite(node, ancestors, context))
            elif self.on_reference and isinstance(node, ast.Name | ast.Attribute):
                self.on_reference(Reference(node, ancestors, context))
            self.visit_children(node, ancestors, context)

    def visit_children(
        self, node: ast.AST, ancestors: tuple[ast.AST, ...], context: Context
    ) -> None:
        inner = (*ancestors, node)
        for _, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                self.visit(value, inner, context)
            elif isinstance(value, list):
                self.visit_all([v for v in value if isinstance(v, ast.AST)], inner, context)

    def visit_all(
        self, nodes: Sequence[ast.AST | None], ancestors: tuple[ast.AST, ...], context: Context
    ) -> None:
        """Nodes in order; in a block, what follows ``if loop.is_running(): return`` is
        guarded."""
        for node in nodes:
            if node is None:
                continue
            checkpoint()
            self.visit(node, ancestors, context)
            if isinstance(node, ast.If) and exits_when_loop_running(node, context.scope):
                context = replace(context, guarded=True)

    def visit_arguments(
        self, args: ast.arguments, ancestors: tuple[ast.AST, ...], context: Context
    ) -> None:
        """Defaults and annotations: evaluated where the function is defined."""
        self.visit_all([*args.defaults, *args.kw_defaults], ancestors, context)
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        self.visit_all([a.annotation for a in every if a is not None], ancestors, context)

    def visit_function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        ancestors: tuple[ast.AST, ...],
        context: Context,
    ) -> None:
        inner = (*ancestors, node)
        self.visit_all(node.decorator_list, inner, context)
        self.visit_arguments(node.args, inner, context)
        self.visit_all([node.returns], inner, context)
        is_async = isinstance(node, ast.AsyncFunctionDef)
        body_context = Context(
            context.scope.module.scope_for(node, context.scope),
            in_loop=True,
            cell_top_level=False,
            await_allowed=is_async,
            sync_function=None if is_async else node,
        )
        self.visit_all(node.body, inner, body_context)

    def visit_lambda(
        self, node: ast.Lambda, ancestors: tuple[ast.AST, ...], context: Context
    ) -> None:
        inner = (*ancestors, node)
        self.visit_arguments(node.args, inner, context)
        body_context = Context(
            context.scope.module.scope_for(node, context.scope),
            in_loop=True,
            cell_top_level=False,
            await_allowed=False,
            sync_function=node,
        )
        self.visit(node.body, inner, body_context)

    def visit_class(
        self, node: ast.ClassDef, ancestors: tuple[ast.AST, ...], context: Context
    ) -> None:
        """A class body runs at once, where the class is defined; ``await`` is not legal in it."""
        inner = (*ancestors, node)
        self.visit_all([*node.decorator_list, *node.bases, *node.keywords], inner, context)
        body_context = replace(
            context,
            scope=context.scope.module.scope_for(node, context.scope),
            cell_top_level=False,
            await_allowed=False,
        )
        self.visit_all(node.body, inner, body_context)

    def visit_comprehension(
        self,
        node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp,
        ancestors: tuple[ast.AST, ...],
        context: Context,
    ) -> None:
        """The first iterable is evaluated outside; the rest in the comprehension's scope."""
        inner = (*ancestors, node)
        first, *rest = node.generators
        self.visit(first.iter, (*inner, first), context)
        is_generator = isinstance(node, ast.GeneratorExp)
        scope = context.scope.module.scope_for(node, context.scope)
        body_context = replace(
            context,
            scope=scope,
            await_allowed=context.await_allowed and not is_generator,
            in_generator=context.in_generator or is_generator,
        )
        self.visit(first.target, (*inner, first), body_context)
        self.visit_all(first.ifs, (*inner, first), body_context)
        for generator in rest:
            self.visit_all(
                [generator.target, generator.iter, *generator.ifs],
                (*inner, generator),
                body_context,
            )
        if isinstance(node, ast.DictComp):
            self.visit_all([node.key, node.value], inner, body_context)
        else:
            self.visit(node.elt, inner, body_context)
