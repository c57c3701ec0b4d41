"""Where a position in a notebook cell is in the notebook's file, for outputs read by tools.

The engine places a notebook finding in its cell (line and column of the cell's source). A
viewer of SARIF, GitHub or GitLab results opens the ``.ipynb`` file itself, JSON text in which
each cell line is a string: this maps a cell position onto the JSON text that encodes it (its
line in the file, and the column of that character's encoding there, escapes counted).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from looplint.cli.notebook_json import cell_source_offsets
from looplint.engine import Position, Span

# Lines end at \r\n, \r or \n, in a cell as the engine counts them and in the file alike.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class _CellText:
    line_starts: tuple[int, ...]
    """Offset in the cell's source where each of its lines begins."""
    offsets: tuple[int, ...]
    """Offset in the file of each character of the source, then of the end of the source."""


@dataclass(frozen=True)
class NotebookPositions:
    """A notebook file's layout: plain picklable data, made where the file is read."""

    file_line_starts: tuple[int, ...]
    cells: tuple[_CellText | None, ...]

    def span_in_file(self, cell: int, span: Span) -> Span:
        """``span`` of cell ``cell`` as a span of the file (0-based lines and columns)."""
        return Span(self.in_file(cell, span.start), self.in_file(cell, span.end))

    def in_file(self, cell: int, position: Position) -> Position:
        text = self.cells[cell] if 0 <= cell < len(self.cells) else None
        if text is None:
            return position
        line = min(position.line, len(text.line_starts) - 1)
        index = min(text.line_starts[line] + position.column, len(text.offsets) - 1)
        offset = text.offsets[index]
        file_line = bisect.bisect_right(self.file_line_starts, offset) - 1
        return Position(file_line, offset - self.file_line_starts[file_line])


def notebook_positions(text: str, cells: Sequence[str | None]) -> NotebookPositions:
    """The layout of the notebook JSON ``text`` whose code cells' sources are ``cells``."""
    offsets = cell_source_offsets(text)
    return NotebookPositions(
        _line_starts(text),
        tuple(
            None
            if source is None or cell_offsets is None
            else _CellText(_line_starts(source), tuple(cell_offsets))
            for source, cell_offsets in zip(cells, offsets, strict=False)
        ),
    )


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(match.end() for match in _LINE_BREAK.finditer(text)))
