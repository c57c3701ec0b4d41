"""``asyncio.run(X)`` → ``await X``: the preferred fix wherever ``await`` is legal.

``await`` binds tighter than operators but looser than attribute access, calls and
subscripts, so a call used as ``asyncio.run(h()).attr`` becomes ``(await h()).attr``, and an
awaited operand that is not a primary (``a or b``) is parenthesised.
"""

from __future__ import annotations

import ast

from looplint.engine.checker import CallSite
from looplint.engine.document import Awaitable, Document, Draft
from looplint.engine.findings import Edit, Fix, FixKind
from looplint.engine.fixes.titles import quoted

_PRIMARIES = (
    ast.Name,
    ast.Attribute,
    ast.Call,
    ast.Subscript,
    ast.Constant,
    ast.List,
    ast.ListComp,
    ast.Dict,
    ast.DictComp,
    ast.Set,
    ast.SetComp,
    ast.JoinedStr,
)


def await_edit(document: Document, site: CallSite, awaitable: Awaitable) -> Edit:
    """Replace the call with ``await X``, with the parentheses it needs. An ``await`` already
    around the call (``await asyncio.run(x)``, a common mix-up) is replaced too: one is enough."""
    node: ast.AST = site.call
    parent: ast.AST | None = site.parent
    if isinstance(parent, ast.Await):
        node, parent = parent, (site.ancestors[-2] if len(site.ancestors) > 1 else None)
    inner = awaitable.text
    if not _is_primary(awaitable, document):
        inner = f"({inner})"
    text = f"await {inner}"
    wrapped = (
        isinstance(parent, ast.Attribute | ast.Subscript | ast.Await) and parent.value is node
    ) or (isinstance(parent, ast.Call) and parent.func is node)
    return Edit(document.span(node), f"({text})" if wrapped else text)


def await_fix(
    document: Document,
    site: CallSite,
    awaitable: Awaitable,
    *,
    safe: bool,
    title: str | None = None,
) -> Fix | None:
    """Replace the call with ``await X``; ``None`` where ``await`` would not be legal."""
    if not site.context.await_allowed:
        return None
    edit = await_edit(document, site, awaitable)
    if not _parses(edit.new_text):
        return None
    title = title or f"Replace with {quoted(edit.new_text)}"
    return Fix(title, safe, FixKind.AWAIT, (edit, *awaitable.edits))


def offer_await(
    draft: Draft, document: Document, awaitable: Awaitable, *, safe: bool, title: str | None = None
) -> None:
    """Offer ``await X`` for a finding. A safe awaitable is also recorded on the draft, so the
    concurrency choices (gather, create_task, list comprehension) can build on it even where
    ``await`` itself is not legal (inside a generator expression)."""
    if safe:
        draft.awaitable = awaitable
    fix = await_fix(document, draft.site, awaitable, safe=safe, title=title)
    if fix is not None:
        draft.fixes.append(fix)


def _is_primary(awaitable: Awaitable, document: Document) -> bool:
    node = awaitable.node
    if node is None:
        try:
            node = ast.parse(awaitable.text.strip(), mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Tuple | ast.GeneratorExp) and awaitable.text.startswith("("):
        return True
    if not isinstance(node, _PRIMARIES):
        return False
    # A multi-line operand must keep its own brackets around every line break.
    return "\n" not in awaitable.text or _parses(awaitable.text, eval_only=True)


def _parses(text: str, *, eval_only: bool = False) -> bool:
    source = text if eval_only else f"({text})"
    flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    try:
        compile(source, "<fix>", "eval", flags, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True
