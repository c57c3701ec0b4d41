"""What the engine could not analyze, and why: nothing is skipped in silence.

A file too large to analyze, a region blanked around a syntax error, a statement nested too
deeply to walk: each becomes a ``SkippedRegion`` of the result, which the front ends say (the
CLI on stderr, the language server in its log and a ``window/logMessage``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SkippedRegion:
    reason: str
    """Why, in one line."""
    lines: tuple[int, int] | None = None
    """The 0-based first and last line not analyzed; ``None``: the whole text (or cell)."""
    cell: int | None = None
    """In a notebook: the index of the cell in the notebook's list of cells."""

    def describe(self) -> str:
        """``lines 3-9 not analyzed: REASON`` (or ``not analyzed: REASON`` for the whole text);
        in a notebook ``cell 2, lines 3-9 ...``, cells counted from 1 as the CLI shows them."""
        where = "" if self.cell is None else f"cell {self.cell + 1}"
        if self.lines is not None:
            first, last = self.lines
            lines = f"line {first + 1}" if first == last else f"lines {first + 1}-{last + 1}"
            where = f"{where}, {lines}" if where else lines
        return f"{where} not analyzed: {self.reason}" if where else f"not analyzed: {self.reason}"
