"""How fix titles read: short enough to scan in an editor's quick-fix menu.

A title names the change and quotes at most a little code; the whole change is in the edit,
and the trade-offs of each choice are in the rule's documentation.
"""

from __future__ import annotations

CODE_LIMIT = 32
"""The most characters of code a title quotes; longer code is cut with an ellipsis."""


def quoted(code: str) -> str:
    """``code`` on one line, cut to ``CODE_LIMIT`` characters, in backticks."""
    flat = " ".join(code.split())
    return f"`{flat if len(flat) <= CODE_LIMIT else flat[: CODE_LIMIT - 1] + '…'}`"


def counted(count: int, noun: str) -> str:
    """``1 call site``, ``3 call sites``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
