"""Which lines can hold a finding, decided from the text before any tree is walked.

Every rule fires on a call whose callee ends in one of a few names (``run``,
``run_until_complete``, ``close``...), or in a local alias of one (``from asyncio import run as
arun``). Lines without such a name (or that are only a comment) cannot hold a finding, so
the checker descends only into the parts of the tree that span a candidate line. This keeps
analysis close to the cost of parsing; ``tests/engine/test_prefilter.py`` checks it never
changes a result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache

Keep = Callable[[frozenset[str]], frozenset[str]]
"""Given the names a text mentions, those that may mark its candidate lines."""

LONG_LINE = 1_000
"""Characters from which a candidate line is narrowed down to the columns of its mentions."""


def candidate_lines(text: str, names: frozenset[str], keep: Keep | None = None) -> list[int]:
    """Sorted 1-based numbers of the lines that mention one of ``names`` or an alias of one;
    given ``keep``, of those of ``names`` that ``keep`` keeps of the ones the text mentions
    (it is told them from the same scan, so that it costs no scan of its own)."""
    found, mentioned = _mentions_of(text, names)
    if keep is not None:
        kept = keep(frozenset(mentioned)) & mentioned
        if kept != mentioned:
            found = _lines_mentioning_in(found, kept)
        names = kept
    return sorted(_with_aliases(text, found, names)[0])


def long_line_mentions(
    text: str, names: frozenset[str], lines: Sequence[int]
) -> dict[int, list[tuple[int, int]]]:
    """For each of ``lines`` (1-based) longer than ``LONG_LINE`` and ASCII (so that columns
    are the parser's byte offsets): the sorted spans of its mentions of ``names`` or an alias.
    A node within one such line that spans no mention holds no finding: one line of 100,000
    statements is not walked statement by statement."""
    all_lines = text.split("\n")
    long = [line for line in lines if len(all_lines[line - 1]) > LONG_LINE]
    long = [line for line in long if all_lines[line - 1].isascii()]
    if not long:
        return {}
    pattern = _word_pattern(_candidates(text, names)[1])
    return {
        line: [match.span() for match in pattern.finditer(all_lines[line - 1])] for line in long
    }


def _candidates(text: str, names: frozenset[str]) -> tuple[dict[int, str], frozenset[str]]:
    """The lines mentioning ``names`` or their aliases, and the names with their aliases."""
    return _with_aliases(text, _mentions(text, names), names)


def _with_aliases(
    text: str, found: dict[int, str], names: frozenset[str]
) -> tuple[dict[int, str], frozenset[str]]:
    """``found`` (the lines mentioning ``names``) and the lines mentioning their aliases, and
    the names with their aliases."""
    aliases = _aliases(found.values(), names) - names
    if aliases:
        found.update(_mentions(text, frozenset(aliases)))
    return found, names | aliases


def lines_mentioning(text: str, names: Iterable[str]) -> list[int]:
    """Sorted 1-based numbers of the lines where any of ``names`` appears as a word."""
    return sorted(_mentions(text, frozenset(names)))


def mentions_any(text: str, names: Iterable[str]) -> bool:
    """Whether any of ``names`` appears in ``text`` as a word (stops at the first)."""
    words = frozenset(names)
    return bool(words) and _word_pattern(words).search(as_read(text)) is not None


def names_mentioned(text: str, names: Iterable[str]) -> set[str]:
    """Which of ``names`` appear in ``text`` as words (one scan, however many names)."""
    words = frozenset(names)
    return set(_word_pattern(words).findall(text)) if words else set()


def aliases_of(text: str, names: Iterable[str]) -> set[str]:
    """Names that may stand for one of ``names``: ``x = partial(name, 1)``, ``name as x``."""
    words = frozenset(names)
    return _aliases(_mentions(text, words).values(), words)


def _mentions(text: str, names: frozenset[str]) -> dict[int, str]:
    """The lines (1-based number → text) where any of ``names`` appears as a word."""
    return _mentions_of(text, names)[0]


def _mentions_of(text: str, names: frozenset[str]) -> tuple[dict[int, str], set[str]]:
    """The lines (1-based number → text) where any of ``names`` appears as a word, and which
    of ``names`` appear there. A line that is only a comment holds no call: it is left out."""
    found: dict[int, str] = {}
    comments: set[int] = set()
    mentioned: set[str] = set()
    if not names:
        return found, mentioned
    text = as_read(text)
    line, position = 1, 0
    for match in _word_pattern(names).finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if line in comments:
            continue
        if line not in found:
            start = text.rfind("\n", 0, match.start()) + 1
            if text[start : match.start()].lstrip().startswith("#"):
                comments.add(line)
                continue
            end = text.find("\n", match.end())
            found[line] = text[start : end if end >= 0 else len(text)]
        mentioned.add(match.group())
    return found, mentioned


@lru_cache(maxsize=4)
def as_read(text: str) -> str:
    """The text with its names as Python reads them, NFKC-normalized: ``run`` written in
    fullwidth letters calls ``run``. No character normalizes into a line break, so lines keep
    their numbers (their columns may move: only lines of ASCII are narrowed to columns)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def _lines_mentioning_in(lines: dict[int, str], names: frozenset[str]) -> dict[int, str]:
    """Those of ``lines`` (number → text) that mention one of ``names``."""
    if not names:
        return {}
    pattern = _word_pattern(names)
    return {number: line for number, line in lines.items() if pattern.search(line)}


def _aliases(lines: Iterable[str], names: frozenset[str]) -> set[str]:
    """``import run as arun``, ``arun = asyncio.run``, ``p = partial(run, c)`` on these lines.

    Only lines that mention a name can alias it. Every target assigned before the line's last
    mention counts (a superset is safe: it only widens the candidate lines). Each pattern is
    matched in one linear scan: none can backtrack over a long line or a long name.
    """
    words = _word_pattern(names)
    imported_as = _imported_as_pattern(names)
    found: set[str] = set()
    for line in lines:
        found.update(imported_as.findall(line))
        last_mention = max((match.start() for match in words.finditer(line)), default=-1)
        for match in _ASSIGNMENT_TARGET.finditer(line, 0, max(last_mention, 0)):
            found.add(match.group(1))
    return found


# A name being assigned: ``name =`` or ``name: annotation =`` (not ``==``). The annotation
# stops at the next ``:`` or ``=``, so the scans that start at successive colons never overlap.
_ASSIGNMENT_TARGET = re.compile(r"(?<!\w)(\w+)[ \t]*(?::[^=:\n]*)?=(?!=)")


@cache
def _word_pattern(names: frozenset[str]) -> re.Pattern[str]:
    # The lookahead on the names' first characters lets the scan skip every other position
    # quickly (a third of the prefilter's time); the matches are the same.
    first = "".join(sorted({re.escape(name[0]) for name in names if name}))
    lead = f"(?=[{first}])" if first and all(names) else ""
    return re.compile(rf"{lead}\b(?:{'|'.join(map(re.escape, sorted(names)))})\b")


@cache
def _imported_as_pattern(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(names)))})\s+as\s+(\w+)")
