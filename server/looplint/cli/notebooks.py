"""A Jupyter notebook as looplint sees it: the source of each cell, and the text to write back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from looplint.cli.notebook_json import cell_source_spans, render_source
from looplint.cli.source_text import UnreadableSource


@dataclass(frozen=True)
class Notebook:
    text: str
    """The notebook's JSON text, exactly as read (without a byte-order mark)."""
    cells: list[str | None]
    """Per entry of the notebook's ``cells`` list: a code cell's source, ``None`` for others."""

    def with_cells(self, cells: Sequence[str | None]) -> str:
        """The JSON text with the sources of the changed code cells replaced, nothing else."""
        spans = cell_source_spans(self.text)
        pieces: list[str] = []
        cursor = 0
        for index, (old, new) in enumerate(zip(self.cells, cells, strict=True)):
            span = spans[index]
            if old == new or new is None or span is None:
                continue
            pieces += [self.text[cursor : span[0]], render_source(self.text, span, new)]
            cursor = span[1]
        pieces.append(self.text[cursor:])
        return "".join(pieces)


def parse_notebook(text: str) -> Notebook:
    """Raises ``UnreadableSource`` when ``text`` is not a notebook's JSON."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise UnreadableSource(f"invalid notebook JSON: {error.msg} ({where})") from None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise UnreadableSource("not a Jupyter notebook: no list of cells")
    return Notebook(text, [_code_source(cell) for cell in cells])


def _code_source(cell: dict[str, object]) -> str | None:
    if cell.get("cell_type") != "code":
        return None
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise UnreadableSource("not a Jupyter notebook: a code cell's source is not text")
