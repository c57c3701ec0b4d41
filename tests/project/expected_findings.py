"""The truth a project carries: the findings expected in it, and the runs that prove them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .reported_findings import Reported


@dataclass(frozen=True)
class Expected:
    """A finding: where, which rule, and the call chain its message shows."""

    path: str
    line: int
    """1-based."""
    code: str = "LOOP201"
    chain: str = "handle → load → asyncio.run()"


@dataclass(frozen=True)
class Run:
    """``python *arguments`` in the folder ``cwd`` (relative to the project root)."""

    arguments: tuple[str, ...]
    cwd: str = "."
    fails_at: Expected | None = None
    """The finding whose line the traceback passes through; ``None``: the run is clean."""


def matches(finding: Reported, expected: Expected) -> bool:
    """Same file, line and rule, and the message shows the expected call chain."""
    located = (finding.place.path, finding.place.start[0] + 1, finding.code)
    return located == (expected.path, expected.line, expected.code) and (
        f"({expected.chain})" in finding.message
    )


def unlike_expected(side: str, findings: Sequence[Reported], expected: Sequence[Expected]) -> str:
    """Empty when ``findings`` are exactly the ``expected`` ones; else what differs, readably."""
    missing = [e for e in expected if not any(matches(f, e) for f in findings)]
    unexpected = [f for f in findings if not any(matches(f, e) for e in expected)]
    if not missing and not unexpected:
        return ""
    return "\n".join(
        [
            f"{side} does not report what Python raises (lines 1-based):",
            *(f"  missing: {e.path}:{e.line} {e.code} ({e.chain})" for e in missing),
            *(f"  unexpected: {str(f).replace(chr(10), chr(10) + '  ')}" for f in unexpected),
        ]
    )
