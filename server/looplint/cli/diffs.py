"""Unified diffs of what ``--fix`` would change, for ``--diff``."""

from __future__ import annotations

import difflib
import re

# Lines end at \r\n, \r or \n only, as the engine counts them (str.splitlines also splits at
# form feeds and other separators, which would break lines that Python sees as one).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(before: str, after: str, label: str) -> str:
    """The diff from ``before`` to ``after``, both files labelled ``label``; "" when equal."""
    lines = difflib.unified_diff(
        _LINE.findall(before), _LINE.findall(after), fromfile=label, tofile=label
    )
    return "".join(_terminated(line) for line in lines)


def _terminated(line: str) -> str:
    if line.endswith(("\n", "\r")):
        return line
    return line + "\n\\ No newline at end of file\n"
