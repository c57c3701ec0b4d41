"""``with asyncio.Runner() as r: ... r.run(X) ...`` → the block's body, dedented, awaiting X.

Closing a Runner inside a running loop fails even when nothing else does, so the fix removes
the ``with`` line itself. It is offered only when ``r`` is used for nothing but ``r.run(X)``
with a single coroutine call, and the body holds no multi-line string (dedenting would change
its value).
"""

from __future__ import annotations

import ast

from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document
from looplint.engine.findings import Edit, Fix, FixKind, Position, Span
from looplint.engine.fixes.await_call import await_edit
from looplint.engine.fixes.titles import counted
from looplint.engine.scopes import FunctionScope


def runner_block_fix(document: Document, site: CallSite) -> Fix | None:
    statement = site.ancestors[-2] if len(site.ancestors) >= 2 else None
    if not isinstance(statement, ast.With) or len(statement.items) != 1:
        return None
    target = statement.items[0].optional_vars
    scope = site.context.scope
    if not isinstance(target, ast.Name) or not isinstance(scope, FunctionScope):
        return None
    if not site.context.await_allowed:
        return None
    runs = _runner_runs(statement, target.id, scope)
    if runs is None or _has_multiline_string(statement):
        return None
    header_end = statement.items[0].context_expr.end_lineno or statement.lineno
    first_body = statement.body[0].lineno
    if first_body <= header_end:
        return None  # `with ... as r: r.run(x)` on one line
    lines = document.source.lines
    indent = statement.col_offset
    body_indent = len(lines[first_body - 1]) - len(lines[first_body - 1].lstrip())
    shift = body_indent - indent
    edits = [Edit(Span(Position(statement.lineno - 1, 0), Position(header_end, 0)), "")]
    for line in range(header_end, statement.end_lineno or header_end):
        text = lines[line]
        width = min(shift, len(text) - len(text.lstrip()))
        if width:
            edits.append(Edit(Span(Position(line, 0), Position(line, width)), ""))
    for call, parent_ancestors in runs:
        argument = call.args[0]
        awaitable = Awaitable(document.text(argument), argument)
        run_site = CallSite(call, parent_ancestors, site.context)
        edits.append(await_edit(document, run_site, awaitable))
    title = f"Remove the Runner and await its {counted(len(runs), 'coroutine')} directly"
    return Fix(title, True, FixKind.AWAIT, tuple(edits))


def _runner_runs(
    statement: ast.With, name: str, scope: FunctionScope
) -> list[tuple[ast.Call, tuple[ast.AST, ...]]] | None:
    """Each ``name.run(X)`` call in the body with its ancestors, or ``None`` if ``name`` is
    used any other way in the function."""
    uses = [n for n in ast.walk(scope.node) if isinstance(n, ast.Name) and n.id == name]
    runs: list[tuple[ast.Call, tuple[ast.AST, ...]]] = []
    for ancestors, node in _walk_with_ancestors(statement.body, (statement,)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "run"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Call):
                return None
            runs.append((node, ancestors))
    # The `as` target itself, plus one receiver per run: anything more is another use.
    if not runs or len(uses) != len(runs) + 1:
        return None
    return runs


def _walk_with_ancestors(
    nodes: list[ast.stmt], ancestors: tuple[ast.AST, ...]
) -> list[tuple[tuple[ast.AST, ...], ast.AST]]:
    found: list[tuple[tuple[ast.AST, ...], ast.AST]] = []
    stack: list[tuple[tuple[ast.AST, ...], ast.AST]] = [(ancestors, n) for n in nodes]
    while stack:
        parents, node = stack.pop()
        found.append((parents, node))
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(((*parents, node), child) for child in ast.iter_child_nodes(node))
    return found


def _has_multiline_string(statement: ast.With) -> bool:
    return any(
        isinstance(node, ast.Constant | ast.JoinedStr) and node.lineno != node.end_lineno
        for node in ast.walk(statement)
    )
