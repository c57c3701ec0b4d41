"""From ``select`` / ``ignore`` lists of rule codes and prefixes to the set of enabled rules."""

from __future__ import annotations

from collections.abc import Iterable

from looplint.engine import DEFAULT_SELECTION, RULES

SELECT_ALL = "ALL"


def matching_codes(selector: str) -> frozenset[str]:
    """The rule codes a selector names: ``ALL``, a code (``LOOP101``) or a prefix (``LOOP1``)."""
    if selector == SELECT_ALL:
        return frozenset(RULES)
    return frozenset(code for code in RULES if code.startswith(selector))


def select_rules(select: Iterable[str] | None, ignore: Iterable[str] = ()) -> frozenset[str]:
    """The enabled rule codes: those ``select`` names (when ``None``, every rule but the opt-in
    style hints) minus ``ignore``.

    ``ignore`` wins over ``select``, however specific either is, so one look at ``ignore``
    tells whether a rule can ever fire.
    """
    selected = DEFAULT_SELECTION if select is None else _union(select)
    return selected - _union(ignore)


def _union(selectors: Iterable[str]) -> frozenset[str]:
    codes: frozenset[str] = frozenset()
    for selector in selectors:
        codes |= matching_codes(selector)
    return codes
