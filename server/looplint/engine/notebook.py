"""Notebooks as one module: code cells in order, IPython syntax masked, positions mapped back.

Cells are parsed one by one (a broken cell must not swallow the next) and their trees joined
into one module, so a name imported in one cell resolves in the cells after it. Lines that are
IPython rather than Python (``%magic``, ``!shell``, ``x = !cmd``, ``obj?``) become ``pass``.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from looplint.engine.findings import Edit, Finding, Position, RelatedLocation, Span
from looplint.engine.parsing import SyntaxProblem, parse_reporting
from looplint.engine.source import split_lines

_IPYTHON_LINE = re.compile(r"^\s*(?:[%!]|\?|[\w.\[\]'\"]+\s*=\s*[%!])|\?\??\s*$")
# Cell magics whose body is still Python.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})


@dataclass(frozen=True, slots=True)
class VirtualModule:
    """The joined cells: the text, the tree, and where each cell starts."""

    text: str
    tree: ast.Module
    cell_indices: tuple[int, ...]  # notebook index of each code cell, in order
    first_lines: tuple[int, ...]  # 0-based virtual line where each code cell starts
    problems: tuple[tuple[int, SyntaxProblem], ...] = ()
    """Each cell's syntax errors (by notebook index), in the cell's own coordinates."""

    def locate(self, position: Position) -> tuple[int, Position]:
        """The notebook cell and cell-relative position of a virtual position."""
        slot = bisect_right(self.first_lines, position.line) - 1
        return self.cell_indices[slot], Position(
            position.line - self.first_lines[slot], position.column
        )

    def to_cell(self, finding: Finding) -> Finding:
        cell, start = self.locate(finding.span.start)
        _, end = self.locate(finding.span.end)
        fixes = tuple(
            type(fix)(fix.title, fix.safe, fix.kind, tuple(self._edit(e) for e in fix.edits))
            for fix in finding.fixes
        )
        related = tuple(self._related(r) for r in finding.related)
        return Finding(
            finding.code, finding.severity, finding.message, Span(start, end), fixes, related, cell
        )

    def _related(self, related: RelatedLocation) -> RelatedLocation:
        if related.path is not None:
            return related
        cell, start = self.locate(related.span.start)
        _, end = self.locate(related.span.end)
        return RelatedLocation(related.message, Span(start, end), None, cell)

    def _edit(self, edit: Edit) -> Edit:
        cell, start = self.locate(edit.span.start)
        _, end = self.locate(edit.span.end)
        return Edit(Span(start, end), edit.new_text, cell)


def mask_ipython(cell: str) -> str:
    """The cell with IPython-only lines replaced by ``pass`` (line count unchanged)."""
    lines = split_lines(cell)
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if magic not in _PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)
        lines[0] = ""
    masked: list[str] = []
    allowed = ""  # the deepest indentation a statement may have at this point
    for line in lines:
        own = line[: len(line) - len(line.lstrip())]
        if _IPYTHON_LINE.search(line):
            masked.append(f"{own if len(own) <= len(allowed) else allowed}pass")
            continue
        masked.append(line)
        if line.strip() and not line.lstrip().startswith("#"):
            # After a block header, the next statement may be indented any deeper.
            allowed = own + " " * 64 if line.rstrip().endswith(":") else own
    return "\n".join(masked)


def build_virtual_module(cells: Sequence[str | None]) -> VirtualModule:
    texts: list[str] = []
    indices: list[int] = []
    first_lines: list[int] = []
    body: list[ast.stmt] = []
    problems: list[tuple[int, SyntaxProblem]] = []
    line = 0
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        masked = mask_ipython(cell)
        report = parse_reporting(masked, top_level_await=True)
        problems.extend((index, problem) for problem in report.problems)
        parsed = report.parsed
        if parsed is not None:
            ast.increment_lineno(parsed.tree, line)
            body.extend(parsed.tree.body)
        indices.append(index)
        first_lines.append(line)
        texts.append(cell)
        line += len(split_lines(cell))
    tree = ast.Module(body=body, type_ignores=[])
    return VirtualModule(
        "\n".join(texts), tree, tuple(indices), tuple(first_lines), tuple(problems)
    )
