"""The smallest single edit that turns one text into another.

Fix-all rewrites a few calls in a file; sending the whole file back would move the user's
cursor and folds and flood the undo history. Trimming the common prefix and suffix leaves one
edit that covers just the changed region.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from looplint.engine import Span
from looplint.lsp.positions import ClientPositions


def minimal_edit(positions: ClientPositions, new_text: str) -> types.TextEdit | None:
    """One edit turning ``positions.text`` into ``new_text``; ``None`` when they are equal."""
    old_text = positions.text
    if old_text == new_text:
        return None
    limit = min(len(old_text), len(new_text))
    prefix = _common_length(lambda n: old_text[:n] == new_text[:n], limit)
    suffix = _common_length(
        lambda n: old_text[len(old_text) - n :] == new_text[len(new_text) - n :], limit - prefix
    )
    start, end = prefix, len(old_text) - suffix
    # Never split a \r\n pair: the middle of a line break is not a position a client can name.
    if start and old_text[start - 1] == "\r" and old_text[start : start + 1] == "\n":
        start -= 1
    if end < len(old_text) and old_text[end - 1 : end] == "\r" and old_text[end] == "\n":
        end += 1
    span = Span(positions.position_at(start), positions.position_at(end))
    return types.TextEdit(
        range=positions.range_to_client(span),
        new_text=new_text[start : len(new_text) - (len(old_text) - end)],
    )


def _common_length(is_common: Callable[[int], bool], limit: int) -> int:
    """The largest ``n <= limit`` with ``is_common(n)``, by bisection (slices compare in C)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if is_common(middle):
            low = middle
        else:
            high = middle - 1
    return low
