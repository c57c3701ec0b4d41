"""LOOP401: ``nest_asyncio.apply()``, a process-wide patch that hides nested loop starts."""

from __future__ import annotations

from looplint.engine.checker import CallSite
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Severity
from looplint.engine.names import qualified_name
from looplint.engine.rule_needs import Needs

CODE = "LOOP401"
# The names a call must end in for this rule to look at it (`asyncio.run`, `x.run`).
TRIGGERS = frozenset({"apply"})
_PACKAGES = {
    "nest_asyncio.apply": (
        Severity.WARNING,
        "`nest_asyncio.apply()` patches asyncio for the whole process to hide nested loop"
        " starts (the original package is unmaintained, continued by the fork `nest-asyncio2`;"
        " neither can patch uvloop, and both let other tasks run inside a 'synchronous' call);"
        " await instead of starting loops, then remove it",
    ),
    "nest_asyncio2.apply": (
        Severity.INFORMATION,
        "`nest_asyncio2.apply()` patches asyncio for the whole process to hide nested loop"
        " starts; await instead of starting loops, then remove it",
    ),
}
# What a call must be for this rule to judge it.
NEEDS = Needs(names=frozenset(_PACKAGES))


def check(site: CallSite, document: Document) -> Draft | None:
    name = qualified_name(site.call.func, site.context.scope)
    if name not in _PACKAGES:
        return None
    severity, message = _PACKAGES[name]
    return Draft(CODE, severity, message, site, site.call)
