"""What every output format renders: the checked files' findings, in a deterministic order,
and how many files could not be checked."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from looplint.cli.file_check import CheckOutcome, Mode
from looplint.cli.notebook_positions import NotebookPositions
from looplint.engine import Finding, Position, Span


@dataclass(frozen=True)
class Report:
    outcomes: Sequence[CheckOutcome]
    """Sorted by path; those with an ``error`` were not checked."""
    mode: Mode
    quiet: bool = False
    """Findings only: no summary."""

    def findings(self) -> Iterator[tuple[Path, Finding]]:
        """Every finding with its file, by path, then cell, then position."""
        for outcome in self.outcomes:
            for finding in sorted(outcome.findings, key=_position_key):
                yield outcome.path, finding

    def span_in_file(self, path: Path, cell: int | None, span: Span) -> Span:
        """``span`` as a span of the file at ``path``: a notebook cell's span is moved to the
        JSON text of that cell line, where a viewer of the ``.ipynb`` file finds it."""
        positions = self._notebooks.get(path)
        if cell is None or positions is None:
            return span
        return positions.span_in_file(cell, span)

    @cached_property
    def _notebooks(self) -> dict[Path, NotebookPositions]:
        return {o.path: o.notebook for o in self.outcomes if o.notebook is not None}

    @property
    def fixed(self) -> int:
        return sum(outcome.fixed for outcome in self.outcomes)

    @property
    def unchecked(self) -> int:
        """Files that could not be checked (missing, unreadable, not a notebook, ...)."""
        return sum(outcome.error is not None for outcome in self.outcomes)

    @property
    def not_fully_analyzed(self) -> int:
        """Files the engine could not analyze in whole or in part (said on stderr)."""
        return sum(bool(outcome.not_analyzed) for outcome in self.outcomes)


def counted(count: int, noun: str) -> str:
    """``counted(1, "file")`` -> ``"1 file"``; ``counted(2, "file")`` -> ``"2 files"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def one_based(position: Position) -> dict[str, int]:
    return {"line": position.line + 1, "column": position.column + 1}


def one_based_range(span: Span) -> dict[str, dict[str, int]]:
    return {"start": one_based(span.start), "end": one_based(span.end)}


def _position_key(finding: Finding) -> tuple[int, Span, str]:
    return (-1 if finding.cell is None else finding.cell, finding.span, finding.code)
