"""Syntax that a newer Python accepts than the one running looplint.

The engine parses with the running interpreter's own parser. A file written for a newer
Python (PEP 695 generics read by Python 3.11) fails there although it is valid for its
project: such a region is not a syntax error to report, but a region to say was not analyzed,
and why, and that running looplint under the newer Python reads it.
"""

from __future__ import annotations

import re
import sys

# (the Python version that first accepts it, what it is, a pattern of a line using it)
_FEATURES: tuple[tuple[tuple[int, int], str, re.Pattern[str]], ...] = (
    ((3, 11), "`except*`", re.compile(r"^\s*except\s*\*")),
    (
        (3, 12),
        "type parameter lists",
        re.compile(r"^\s*(?:async\s+def|def|class)\s+\w+\s*\["),
    ),
    ((3, 12), "`type` statements", re.compile(r"^\s*type\s+\w+\s*(?:\[|=)")),
    ((3, 14), "template strings", re.compile(r"(?<![\w'\"])[tT][rR]?['\"]")),
    ((3, 14), "`except` without parentheses", re.compile(r"^\s*except\s+\w[\w.]*\s*,")),
)


def newer_syntax_in(lines: list[str], running: tuple[int, int] | None = None) -> str | None:
    """``"Python 3.12 (type parameter lists)"`` when these lines use syntax that Python
    ``running`` (default: this interpreter) does not accept yet; else ``None``."""
    current = running or sys.version_info[:2]
    for version, feature, pattern in _FEATURES:
        if version > current and any(pattern.search(line) for line in lines):
            return f"Python {version[0]}.{version[1]} ({feature})"
    return None
