"""The rules that judge single calls, and the callee names each of them fires on.

A rule looks only at calls whose callee ends in one of its ``TRIGGERS`` (``asyncio.run``,
``loop.run_until_complete``, ``arun`` after ``from asyncio import run as arun``). That is
what makes the prefilter sound: a line without a trigger name (or an alias of one) cannot hold
a finding of these rules. And a rule fires only in a text that writes every word of one of its
routes (``rule_needs``): in any other, its trigger names mark no candidate line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from types import ModuleType

from looplint.engine.callable_origins import origin
from looplint.engine.names import qualified_name
from looplint.engine.prefilter import as_read
from looplint.engine.rule_needs import Route, routes
from looplint.engine.rules import (
    asyncio_run,
    coroutine_in_thread,
    get_event_loop,
    loop_close,
    nest_asyncio,
    run_forever,
    run_until_complete,
    third_party,
    threadsafe_result,
)
from looplint.engine.scopes import Scope

DETECTORS: tuple[ModuleType, ...] = (
    asyncio_run,
    run_until_complete,
    run_forever,
    third_party,
    threadsafe_result,
    coroutine_in_thread,
    nest_asyncio,
    get_event_loop,
    loop_close,
)
TRIGGER_NAMES = frozenset(name for detector in DETECTORS for name in detector.TRIGGERS)


def _cheapest_first(route: Route) -> tuple[str, ...]:
    """A route's words in the order to look for them: trigger names first (the prefilter
    found them already), then the longest (the rarest, and the fastest to search for)."""
    return tuple(sorted(route, key=lambda word: (word not in TRIGGER_NAMES, -len(word), word)))


_ROUTES = {d: tuple(_cheapest_first(route) for route in routes(d.NEEDS)) for d in DETECTORS}


def possible_trigger_names(
    text: str, module_name: str | None, mentioned: frozenset[str]
) -> frozenset[str]:
    """Of the trigger names ``text`` mentions as words (``mentioned``), those of the rules
    that can fire in it, the module ``module_name`` (whose own name's parts may begin what
    its names resolve to): a rule can only where the text writes every word of one of its
    routes. Most texts that mention ``run``, ``close`` or ``result`` name no loop, executor
    or future at all, and need not be parsed for them."""
    text = as_read(text)  # names as Python reads them, as the prefilter read them (cached)
    parts = frozenset(module_name.split(".")) if module_name else frozenset()
    written: dict[str, bool] = {}

    def is_written(word: str) -> bool:
        if word not in written:
            # A trigger name the prefilter did not find is no word of the text; any other
            # word is looked for as text, which it may only be part of (a route kept too
            # many is safe).
            found = word in mentioned or word in parts
            if not found and word not in TRIGGER_NAMES:
                found = word in text
            written[word] = found
        return written[word]

    possible: set[str] = set()
    for detector in DETECTORS:
        triggers = detector.TRIGGERS & mentioned
        if triggers <= possible:
            continue  # nothing more to learn from it (an empty set included)
        if any(all(is_written(word) for word in route) for route in _ROUTES[detector]):
            possible |= triggers
    return frozenset(possible)


def detectors_by_name(extra_starters: Iterable[str]) -> dict[str, tuple[ModuleType, ...]]:
    """Trigger name → the rules to ask; a project's own loop starters go to LOOP101."""
    table: dict[str, list[ModuleType]] = {}
    for detector in DETECTORS:
        for name in detector.TRIGGERS:
            table.setdefault(name, []).append(detector)
    for name in extra_starters:
        table.setdefault(name.rsplit(".", 1)[-1], []).insert(0, asyncio_run)
    return {name: tuple(dict.fromkeys(found)) for name, found in table.items()}


def callee_name(call: ast.Call, scope: Scope) -> str | None:
    """The last part of what a call calls, through a local alias (``arun`` → ``run``), or of
    what made its callee (``async_to_sync(f)(x)``; ``partial(asyncio.run, c)()`` → ``run``;
    ``f(x)`` after ``f = async_to_sync(g)``)."""
    func = call.func
    made = origin(func, scope)
    if made is not None and (isinstance(func, ast.Call) or qualified_name(func, scope) is None):
        func, scope = made.partial_of or made.call.func, made.scope
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        name = qualified_name(func, scope)
        return name.rsplit(".", 1)[-1] if name else func.id
    return None
