"""Loop starts that a test expects to fail: ``with pytest.raises(RuntimeError):`` or
``with self.assertRaises(RuntimeError):`` around the call.

The start still raises, so the finding stands: it is exactly the failure the rule describes
(asgiref's own tests check that ``async_to_sync`` refuses to run on a running loop). But the
test depends on that failure, so a fix that makes the call work would break it: none of its
fixes is safe, and fix-all leaves it alone.
"""

from __future__ import annotations

import ast
from itertools import pairwise

from looplint.engine.checker import CallSite
from looplint.engine.names import qualified_name
from looplint.engine.scopes import Scope

_RAISES_CONTEXTS = frozenset({"pytest.raises"})
_RAISES_METHODS = frozenset({"assertRaises", "assertRaisesRegex"})
_CATCHING = frozenset({"RuntimeError", "Exception", "BaseException"})
"""Exceptions whose expectation includes the RuntimeError of a nested loop start."""


def expected_to_fail(site: CallSite) -> bool:
    """Whether the call is in the body of a ``with`` that asserts a ``RuntimeError`` is raised."""
    scope = site.context.scope
    chain = (*site.ancestors, site.call)
    for node, child in pairwise(chain):
        if (
            isinstance(node, ast.With | ast.AsyncWith)
            and child in node.body
            and any(_asserts_runtime_error(item.context_expr, scope) for item in node.items)
        ):
            return True
    return False


def _asserts_runtime_error(expr: ast.expr, scope: Scope) -> bool:
    if not isinstance(expr, ast.Call) or not expr.args:
        return False
    function = expr.func
    raises = qualified_name(function, scope) in _RAISES_CONTEXTS or (
        isinstance(function, ast.Attribute) and function.attr in _RAISES_METHODS
    )
    return raises and _names_runtime_error(expr.args[0])


def _names_runtime_error(expected: ast.expr) -> bool:
    if isinstance(expected, ast.Tuple):
        return any(_names_runtime_error(element) for element in expected.elts)
    return isinstance(expected, ast.Name) and expected.id in _CATCHING
