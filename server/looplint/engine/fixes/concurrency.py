"""Choice fixes that change how coroutines are scheduled, built once every finding is known.

- gather: consecutive flagged statements → ``a, b = await asyncio.gather(x(), y())``;
  a ``for`` loop whose body is one flagged call → ``await asyncio.gather(*(f(v) for v in xs))``.
- create_task: a flagged call whose result is unused → a task kept in a module-level set
  until it is done (the event loop keeps only weak references to tasks).
- list comprehension: inside a generator expression ``await`` would make it an async
  generator, so the expression becomes a list comprehension.

All are choices: they change ordering, concurrency or error propagation.
"""

from __future__ import annotations

import ast
import io
import tokenize

from looplint.engine.document import Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind, Position, Span
from looplint.engine.fixes.await_call import await_edit
from looplint.engine.fixes.imports import asyncio_prefix
from looplint.engine.fixes.titles import quoted
from looplint.engine.scopes import FunctionScope

_TASKS_SET = "_background_tasks"


def add_concurrency_fixes(document: Document, drafts: list[Draft]) -> None:
    """Attach gather, create_task and list-comprehension choices where they apply."""
    candidates = [d for d in drafts if d.awaitable is not None]
    for draft in candidates:
        if draft.site.context.in_generator:
            _add_list_comprehension(document, draft)
    statements = [d for d in candidates if _statement_kind(d) is not None]
    _add_gather_over_statements(document, statements)
    for draft in statements:
        if _statement_kind(draft) == "expression":
            _add_gather_over_loop(document, draft)
            _add_create_task(document, draft)


def _statement_kind(draft: Draft) -> str | None:
    """``"expression"`` for ``start(X)`` alone, ``"assignment"`` for ``name = start(X)``."""
    site = draft.site
    if not site.context.await_allowed or site.context.in_generator:
        return None
    parent = site.parent
    if isinstance(parent, ast.Expr) and parent.value is site.call:
        return "expression"
    if (
        isinstance(parent, ast.Assign)
        and parent.value is site.call
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name | ast.Attribute)
    ):
        return "assignment"
    return None


def _block_position(draft: Draft) -> tuple[list[ast.stmt], int] | None:
    """The statement list holding the draft's statement, and its index there."""
    statement = draft.site.parent
    container = draft.site.ancestors[-2]
    for field in ("body", "orelse", "finalbody"):
        block = getattr(container, field, None)
        if isinstance(block, list):
            for index, candidate in enumerate(block):
                if candidate is statement:
                    return block, index
    return None


def _add_gather_over_statements(document: Document, drafts: list[Draft]) -> None:
    by_statement = {id(d.site.parent): d for d in drafts}
    seen: set[int] = set()
    for draft in drafts:
        if id(draft.site.parent) in seen:
            continue
        position = _block_position(draft)
        if position is None:
            continue
        block, index = position
        group: list[Draft] = []
        while index < len(block) and id(block[index]) in by_statement:
            group.append(by_statement[id(block[index])])
            index += 1
        seen.update(id(d.site.parent) for d in group)
        if len(group) < 2 or _depends_on_earlier(group):
            continue
        fix = _gather_statements_fix(document, group)
        if fix is not None:
            for member in group:
                member.fixes.append(fix)


def _depends_on_earlier(group: list[Draft]) -> bool:
    """Whether a later call uses a name an earlier statement of the group assigns."""
    assigned: set[str] = set()
    for draft in group:
        node = draft.awaitable.node if draft.awaitable else None
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node else set()
        if node is None and assigned:
            return True  # a built awaitable: names unknown, so be careful
        if used & assigned:
            return True
        statement = draft.site.parent
        if isinstance(statement, ast.Assign):
            assigned.update(n.id for n in ast.walk(statement.targets[0]) if isinstance(n, ast.Name))
    return False


def _gather_statements_fix(document: Document, group: list[Draft]) -> Fix | None:
    first, last = group[0].site.parent, group[-1].site.parent
    span = Span(document.span(first).start, document.span(last).end)
    if not _owns_lines(document, span) or _has_comment(document, span):
        return None
    spelling = asyncio_prefix(document, group[0].site.context.scope)
    if spelling is None:
        return None
    prefix, import_edits = spelling
    awaited = ", ".join(d.awaitable.text for d in group if d.awaitable)
    targets = [
        document.text(d.site.parent.targets[0]) if isinstance(d.site.parent, ast.Assign) else "_"
        for d in group
    ]
    call = f"await {prefix}gather({awaited})"
    text = call if set(targets) == {"_"} else f"{', '.join(targets)} = {call}"
    title = f"Run these {len(group)} calls concurrently with `asyncio.gather`"
    needed = [e for d in group if d.awaitable for e in d.awaitable.edits]
    edits = combined([Edit(span, text), *import_edits, *needed])
    return Fix(title, False, FixKind.GATHER, tuple(edits))


def _add_gather_over_loop(document: Document, draft: Draft) -> None:
    """``for v in xs: start(f(v))`` → ``await asyncio.gather(*(f(v) for v in xs))``."""
    loop = draft.site.ancestors[-2]
    if not (isinstance(loop, ast.For) and loop.body == [draft.site.parent] and not loop.orelse):
        return
    span = document.span(loop)
    if not _owns_lines(document, span) or _has_comment(document, span) or draft.awaitable is None:
        return
    spelling = asyncio_prefix(document, draft.site.context.scope)
    if spelling is None:
        return
    prefix, import_edits = spelling
    generator = (
        f"{draft.awaitable.text} for {document.text(loop.target)} in {document.text(loop.iter)}"
    )
    text = f"await {prefix}gather(*({generator}))"
    title = "Run the loop's calls concurrently with `asyncio.gather`"
    edits = combined([Edit(span, text), *import_edits, *draft.awaitable.edits])
    draft.fixes.append(Fix(title, False, FixKind.GATHER, tuple(edits)))


def _add_create_task(document: Document, draft: Draft) -> None:
    """Start the coroutine as a task that a module-level set keeps alive until it is done."""
    site = draft.site
    scope = site.context.scope
    awaitable = draft.awaitable
    if not isinstance(scope, FunctionScope) or not scope.is_async or awaitable is None:
        return
    if not isinstance(awaitable.node, ast.Call):
        return
    statement = site.parent
    span = document.span(statement)
    if not _owns_lines(document, span):
        return
    indent = document.source.lines[span.start.line][: span.start.column]  # tabs stay tabs
    newline = document.source.newline
    task = _fresh_name(scope, _task_name(awaitable.node))
    spelling = asyncio_prefix(document, scope)
    if spelling is None:
        return
    prefix, import_edits = spelling
    text = (
        f"{task} = {prefix}create_task({awaitable.text}){newline}"
        f"{indent}{_TASKS_SET}.add({task}){newline}"
        f"{indent}{task}.add_done_callback({_TASKS_SET}.discard)"
    )
    edits = [Edit(span, text), *import_edits, *awaitable.edits]
    if _TASKS_SET not in document.module_scope.bindings:
        edits.append(_tasks_set_definition(document))
    edits = combined(edits)
    title = f"Start {quoted(awaitable.text)} as a tracked task"
    draft.fixes.append(Fix(title, False, FixKind.CREATE_TASK, tuple(edits)))


def _task_name(call: ast.Call) -> str:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return f"{name}_task" if name.isidentifier() else "task"


def _fresh_name(scope: FunctionScope, base: str) -> str:
    name, number = base, 2
    while name in scope.bindings or name in scope.module.bindings:
        name, number = f"{base}{number}", number + 1
    return name


def _tasks_set_definition(document: Document) -> Edit:
    """``_background_tasks = set()`` after the module's leading imports."""
    body = document.tree.body
    line = 0
    for stmt in body:
        is_docstring = (
            stmt is body[0] and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        )
        if isinstance(stmt, ast.Import | ast.ImportFrom) or is_docstring:
            line = stmt.end_lineno or line
        else:
            break
    position = Position(line, 0)
    newline = document.source.newline
    comment = "# keeps create_task() tasks alive until they are done"
    definition = f"{newline}{_TASKS_SET} = set()  {comment}{newline}"
    return Edit(Span(position, position), definition)


def combined(edits: list[Edit]) -> list[Edit]:
    """The edits without duplicates; insertions at one point become one edit, in order."""
    merged: dict[Span, Edit] = {}
    for edit in dict.fromkeys(edits):
        previous = merged.get(edit.span)
        if previous is not None and edit.span.start == edit.span.end:
            edit = Edit(edit.span, previous.new_text + edit.new_text, edit.cell)
        merged[edit.span] = edit
    return list(merged.values())


def _add_list_comprehension(document: Document, draft: Draft) -> None:
    """``sum(run(f(x)) for x in xs)`` → ``sum([await f(x) for x in xs])``."""
    generators = [a for a in draft.site.ancestors if isinstance(a, ast.GeneratorExp)]
    if len(generators) != 1 or draft.awaitable is None:
        return
    generator = generators[0]
    span = document.span(generator)
    text = document.text(generator)
    call_edit = await_edit(document, draft.site, draft.awaitable)
    start, end = span.start, span.end
    opening = Span(start, Position(start.line, start.column + 1))
    closing = Span(Position(end.line, end.column - 1), end)
    if not (text.startswith("(") and text.endswith(")")):
        return
    holder = draft.site.ancestors[draft.site.ancestors.index(generator) - 1]
    shares_parentheses = (
        isinstance(holder, ast.Call)
        and holder.args == [generator]
        and not holder.keywords
        and document.span(holder.func).end == start
    )
    if shares_parentheses:
        bracket_edits = (
            Edit(Span(opening.end, opening.end), "["),
            Edit(Span(closing.start, closing.start), "]"),
        )
    else:
        bracket_edits = (Edit(opening, "["), Edit(closing, "]"))
    title = "Make it a list comprehension and await each call"
    edits = combined([call_edit, *bracket_edits, *draft.awaitable.edits])
    draft.fixes.append(Fix(title, False, FixKind.LIST_COMPREHENSION, tuple(edits)))


def _owns_lines(document: Document, span: Span) -> bool:
    """Whether nothing but whitespace (and a comment) shares the span's first and last lines."""
    lines = document.source.lines
    before = lines[span.start.line][: span.start.column]
    after = lines[span.end.line][span.end.column :]
    return not before.strip() and (not after.strip() or after.lstrip().startswith("#"))


def _has_comment(document: Document, span: Span) -> bool:
    """Whether a comment sits inside the span (it would be lost by rewriting the span)."""
    text = document.source.text_of(span)
    if "#" not in text:
        return False
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return any(token.type == tokenize.COMMENT for token in tokens)
    except (tokenize.TokenError, SyntaxError):
        return True
