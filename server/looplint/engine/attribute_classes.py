"""The classes a module's classes declare for their instances' attributes, for other modules.

``self.fetcher = Fetcher()`` in ``service.Service.__init__`` makes ``service.Service``'s
``fetcher`` a ``fetchers.Fetcher``: code in another module calling
``self.service.fetcher.fetch()`` reaches ``Fetcher.fetch``. The same rules as within a module
(``instances``): an annotation, every assignment agreeing, a property's return. Only classes
other modules can name count (at module level, or nested in such a class).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from looplint.engine.callgraph import scope_key
from looplint.engine.instances import ClassRef, attribute_class_refs
from looplint.engine.parsing import parse_module
from looplint.engine.scopes import ClassScope, ModuleScope, Scope
from looplint.engine.source import SourceText

_CLASS_WORD = "class"
# Statement fields holding nested blocks (``if``, ``try``, ``with``, ``for``, ``match``...).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def module_attribute_classes(
    source: str, module_name: str, *, is_package: bool = False
) -> dict[str, dict[str, str]]:
    """Each class's qualified name → its attributes' classes (qualified names, or paths
    through other modules' classes); attributes of no known class are left out."""
    if _CLASS_WORD not in source:
        return {}
    parsed = parse_module(SourceText(source).code)
    if parsed is None:
        return {}
    return attribute_classes_in(parsed.tree, module_name, is_package=is_package)


def attribute_classes_in(
    tree: ast.Module, module_name: str, *, is_package: bool = False
) -> dict[str, dict[str, str]]:
    """``module_attribute_classes`` of a module already parsed (an editor's analysis has its
    tree at hand: parsing the document again on each edit would double the work)."""
    module = ModuleScope(tree, module_name, is_package=is_package)
    declared: dict[str, dict[str, str]] = {}
    for klass in _classes(tree, module):
        known = {
            name: qualified
            for name, found in attribute_class_refs(klass).items()
            if (qualified := _qualified(found)) is not None
        }
        if known:
            declared[scope_key(klass)] = known
    return declared


def _qualified(found: ClassRef | None) -> str | None:
    """A class by the name other modules know it by; ``None`` for one local to a function."""
    if found is None or isinstance(found, str):
        return found
    key = scope_key(found)
    return None if ".<locals>." in key else key


def _classes(node: ast.AST, holder: Scope) -> Iterator[ClassScope]:
    """The classes defined in a module's or class's body (in ``if``/``try`` blocks too); not
    those inside functions, which no other module can name."""
    for field in _BLOCKS:
        for stmt in getattr(node, field, None) or ():
            if isinstance(stmt, ast.ClassDef):
                klass = holder.module.scope_for(stmt, holder)
                assert isinstance(klass, ClassScope)
                yield klass
                yield from _classes(stmt, klass)
            elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from _classes(stmt, holder)
