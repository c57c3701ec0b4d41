"""What a module re-exports: the names its top level imports from elsewhere.

The project index follows them on lookup (``from .helpers import load_config`` in
``pkg/__init__.py`` makes ``pkg.load_config`` the helper's), and each analysis of a module
returns its own, so that a front end can tell when they change.
"""

from __future__ import annotations

from looplint.engine.names import absolute_name
from looplint.engine.parsing import parse_module
from looplint.engine.scopes import ImportedName, ModuleScope
from looplint.engine.source import SourceText


def module_exports(source: str, module_name: str, *, is_package: bool = False) -> dict[str, str]:
    """Names a module imports from elsewhere at top level (re-exports): name → qualified name."""
    parsed = parse_module(SourceText(source).code)
    if parsed is None:
        return {}
    return scope_exports(ModuleScope(parsed.tree, module_name, is_package=is_package))


def scope_exports(scope: ModuleScope) -> dict[str, str]:
    """The re-exports of a module whose scope is already built (by its analysis)."""
    return {
        name: absolute_name(bindings[0].qualified_name, scope)
        for name, bindings in scope.bindings.items()
        if len(bindings) == 1 and isinstance(bindings[0], ImportedName)
    }
