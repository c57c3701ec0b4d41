"""The words a text must hold for a rule to judge any of its calls, derived from the catalogue.

A rule fires only on a call whose callee resolves to a name it knows (``asyncio.run``) or
whose receiver is of a kind it knows (``close()`` on the running loop), and the engine learns
both from the text alone (``names.qualified_name``, ``receivers.kind_of``). A qualified name
resolves only where its first part (the imported module, or the analyzed module's own name)
and its last part (the attribute, the imported or defined name) are written; a kind is known
only through a name of the catalogue that makes it. So each rule declares what it needs
(``Needs``), and ``routes`` turns that into sets of words: a text that holds every word of
none of a rule's routes cannot hold a finding, or a loop start, of that rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from looplint.engine.catalogue import (
    ANNOTATION_KINDS,
    CALL_RESULT_KINDS,
    METHOD_RESULT_KINDS,
    OBJECT_KINDS,
    Kind,
    canonical,
)

Route = frozenset[str]
"""Words that must all be in a text for a rule to fire through one way it knows."""


@dataclass(frozen=True, slots=True)
class Needs:
    """What a rule's call must be for the rule to judge it a finding or a loop start."""

    names: frozenset[str] = frozenset()
    """Qualified names it compares the callee (or what made it) with."""
    methods: frozenset[str] = frozenset()
    """Methods it judges on a receiver of any kind, even an unknown one."""
    kind_methods: frozenset[tuple[Kind, str]] = frozenset()
    """Methods it judges only on a receiver of the kind paired with them."""


def routes(needs: Needs) -> tuple[Route, ...]:
    """Every way a text can meet ``needs``, as the words each way writes."""
    found: set[Route] = {name_route(name) for name in needs.names}
    found.update(frozenset({method}) for method in needs.methods)
    for kind, method in needs.kind_methods:
        found.update(route | {method} for route in kind_routes(kind))
    return tuple(sorted(found, key=sorted))


def name_route(qualified_name: str) -> Route:
    """The words a qualified name is written with wherever it resolves: its first part and
    its last (``asyncio.events.get_running_loop`` → ``asyncio``, ``get_running_loop``)."""
    parts = canonical(qualified_name).split(".")
    return frozenset({parts[0], parts[-1]})


def kind_routes(kind: Kind) -> frozenset[Route]:
    """Every way the engine can learn that a receiver is of ``kind``: a call, an annotation
    or an object of the catalogue, or a method of a receiver of a kind it knows; a mix of
    loop kinds is ``ANY_LOOP``."""
    return frozenset(_kind_routes(kind, frozenset()))


def _kind_routes(kind: Kind, visiting: frozenset[Kind]) -> set[Route]:
    visiting = visiting | {kind}
    kinds = [kind]
    if kind is Kind.ANY_LOOP:
        kinds += [other for other in Kind if other.is_loop and other is not kind]
    found: set[Route] = set()
    for wanted in kinds:
        found.update(name_route(name) for name in _names_of_kind(wanted))
        for (receiver, method), result in METHOD_RESULT_KINDS.items():
            if result is wanted and receiver not in visiting:
                found.update(r | {method} for r in _kind_routes(receiver, visiting))
    return found


def _names_of_kind(kind: Kind) -> Iterable[str]:
    for table in (CALL_RESULT_KINDS, ANNOTATION_KINDS, OBJECT_KINDS):
        yield from (name for name, named in table.items() if named is kind)
