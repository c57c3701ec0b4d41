"""Where a callable that is itself the result of a call comes from.

``async_to_sync(fetch)(x)`` and ``functools.partial(asyncio.run, coro)()`` call what a call
made; so do ``f(x)`` after ``f = async_to_sync(fetch)`` and ``p()`` after
``p = functools.partial(asyncio.run, coro)``. The rules judge such a call by the call that made
its callee (its *origin*), evaluated in the scope that holds it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from looplint.engine.names import qualified_name, sole_binding
from looplint.engine.scopes import Assignment, Scope

_PARTIAL = "functools.partial"


@dataclass(frozen=True, slots=True)
class Origin:
    """The call that made a callable, and the scope it is evaluated in."""

    call: ast.Call
    scope: Scope
    stored: bool  # assigned to a name first, rather than called inline

    @property
    def maker(self) -> str | None:
        """The qualified name of what made the callable (``asgiref.sync.async_to_sync``)."""
        return qualified_name(self.call.func, self.scope)

    @property
    def partial_of(self) -> ast.expr | None:
        """``X`` when the callable is ``functools.partial(X, ...)``."""
        if self.maker == _PARTIAL and self.call.args:
            first = self.call.args[0]
            return None if isinstance(first, ast.Starred) else first
        return None


def origin(func: ast.expr, scope: Scope) -> Origin | None:
    """The call that made ``func``: ``func`` itself, or the value of the one assignment of a
    name (nothing when the name is bound any other way too)."""
    if isinstance(func, ast.Call):
        return Origin(func, scope, stored=False)
    if isinstance(func, ast.Name):
        found = sole_binding(func.id, scope)
        if found is not None and isinstance(found[0], Assignment):
            value = found[0].value
            if isinstance(value, ast.Call):
                return Origin(value, found[1], stored=True)
    return None
