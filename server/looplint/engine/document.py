"""The analyzed module as the rules see it: text, tree, scopes, settings and findings so far."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from looplint.engine.checker import CallSite
from looplint.engine.findings import Edit, Fix, RelatedLocation, Severity, Span
from looplint.engine.scopes import ModuleScope
from looplint.engine.settings import RuleSettings
from looplint.engine.source import SourceText


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceText
    tree: ast.Module
    module_scope: ModuleScope
    settings: RuleSettings
    notebook: bool

    def span(self, node: ast.AST) -> Span:
        return self.source.node_span(node)

    def text(self, node: ast.AST) -> str:
        return self.source.text_of(self.span(node))


@dataclass(frozen=True, slots=True)
class Awaitable:
    """What the preferred fix awaits instead of the loop start (``X`` in ``await X``)."""

    text: str
    node: ast.expr | None = None  # None when the text is built, e.g. ``F(a, b)``
    edits: tuple[Edit, ...] = ()  # what the text needs elsewhere: an import of ``F``, say


@dataclass(slots=True)
class Draft:
    """A finding under construction: rules create it, later passes add fixes."""

    code: str
    severity: Severity
    message: str
    site: CallSite
    node: ast.AST
    fixes: list[Fix] = field(default_factory=list)
    awaitable: Awaitable | None = None
    related: tuple[RelatedLocation, ...] = ()
