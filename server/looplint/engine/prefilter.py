"""Which lines can hold a finding, decided from the text before any tree is walked.

Every rule fires on a call whose callee ends in one of a few names (``run``,
``run_until_complete``, ``close``...), or in a local alias of one (``from asyncio import run as
arun``). Lines without such a name cannot hold a finding, so the checker descends only into
the parts of the tree that span a candidate line. This keeps analysis close to the cost of
parsing; ``tests/engine/test_prefilter.py`` checks it never changes a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

TRIGGER_NAMES = frozenset(
    {
        "run",
        "run_until_complete",
        "run_forever",
        "start",
        "run_sync",
        "async_to_sync",
        "run_polling",
        "run_webhook",
        "sync_playwright",
        "result",
        "to_thread",
        "run_in_executor",
        "submit",
        "apply",
        "get_event_loop",
        "close",
        "Runner",
    }
)


@cache
def _patterns(extra: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(TRIGGER_NAMES | extra))
    mentions = re.compile(rf"\b(?:{names})\b")
    aliases = re.compile(
        rf"\b(?:{names})\s+as\s+(\w+)|(\w+)\s*(?::[^=\n]*)?=\s*(?:[\w.]+\.)?(?:{names})\b(?!\s*\()"
    )
    return mentions, aliases


def candidate_lines(text: str, extra_names: Iterable[str] = ()) -> list[int]:
    """Sorted 1-based numbers of the lines that mention a trigger name or an alias of one."""
    extra = frozenset(extra_names)
    mentions, aliases = _patterns(extra)
    if not mentions.search(text):
        return []
    alias_names = {name for match in aliases.finditer(text) for name in match.groups() if name}
    if alias_names - TRIGGER_NAMES - extra:
        mentions, _ = _patterns(extra | frozenset(alias_names))
    lines: list[int] = []
    line = 1
    position = 0
    for match in mentions.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def lines_mentioning(text: str, names: Iterable[str]) -> list[int]:
    """Sorted 1-based numbers of the lines where any of ``names`` appears as a word."""
    words = sorted(set(names))
    if not words:
        return []
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b")
    lines: list[int] = []
    line, position = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def aliases_of(text: str, names: Iterable[str]) -> set[str]:
    """Names that may stand for one of ``names``: ``x = partial(name, 1)``, ``name as x``."""
    words = "|".join(map(re.escape, sorted(set(names))))
    if not words:
        return set()
    pattern = re.compile(
        rf"\b(?:{words})\s+as\s+(\w+)|(\w+)\s*(?::[^=\n]*)?=[^=\n][^\n]*\b(?:{words})\b"
    )
    return {name for match in pattern.finditer(text) for name in match.groups() if name}
