"""One analysis of one notebook version: all its cells at once, results per code cell.

A notebook is analyzed as a whole (a cell's top level runs inside ipykernel's loop, and cells
see each other's names); its findings are then split by cell, each cell being a text document
of its own for diagnostics, hover and code actions.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from looplint.engine import Finding
from looplint.engine.analysis import analyze_notebook_cells
from looplint.engine.interruption import AnalysisStopped
from looplint.engine.skipped import SkippedRegion
from looplint.lsp.diagnostics import TargetDocument, to_diagnostic
from looplint.lsp.document_analysis import AnalysisResult, DocumentSnapshot
from looplint.lsp.positions import ClientPositions
from looplint.lsp.workspace_settings import DocumentSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CellSnapshot:
    uri: str
    version: int
    text: str | None
    """``None`` for a markup cell: it is no code, but keeps its place in the cell order."""


@dataclass(frozen=True, slots=True)
class NotebookSnapshot:
    """A notebook as it was when an analysis was requested."""

    uri: str
    version: int
    cells: tuple[CellSnapshot, ...]
    settings: DocumentSettings
    encoding: str
    related_information: bool = False

    def cell_snapshot(self, cell: CellSnapshot) -> DocumentSnapshot:
        """The code cell as a document of its own."""
        return DocumentSnapshot(
            uri=cell.uri,
            version=cell.version,
            text=cell.text or "",
            settings=self.settings,
            encoding=self.encoding,
            related_information=self.related_information,
        )


@dataclass(frozen=True, slots=True)
class NotebookAnalysisResult:
    snapshot: NotebookSnapshot
    cells: tuple[AnalysisResult, ...]
    """One result per code cell, in notebook order."""
    skipped: tuple[SkippedRegion, ...] = ()
    """What the engine could not analyze, by cell (said once, not as a diagnostic)."""

    def cell(self, uri: str) -> AnalysisResult | None:
        return next((cell for cell in self.cells if cell.snapshot.uri == uri), None)


def analyze_notebook_snapshot(snapshot: NotebookSnapshot) -> NotebookAnalysisResult:
    """Analyze a notebook; an engine failure is logged and yields no findings, never a crash."""
    started = time.perf_counter()
    findings: list[Finding] = []
    skipped: tuple[SkippedRegion, ...] = ()
    if snapshot.settings.enabled:
        try:
            analysis = analyze_notebook_cells(
                [cell.text for cell in snapshot.cells], snapshot.settings.rule_settings
            )
            findings, skipped = analysis.findings, analysis.skipped
        except AnalysisStopped as stopped:
            logger.debug("Analysis of notebook %s stopped: %s", snapshot.uri, stopped)
        except Exception:
            logger.exception("Analysis of notebook %s failed", snapshot.uri)
    targets = {
        index: TargetDocument(cell.uri, cell.version, ClientPositions(cell.text, snapshot.encoding))
        for index, cell in enumerate(snapshot.cells)
        if cell.text is not None
    }

    def find(path: str | None, cell: int | None) -> TargetDocument | None:
        return targets.get(cell) if path is None and cell is not None else None

    results = []
    for index, target in targets.items():
        own = [finding for finding in findings if finding.cell == index]
        diagnostics = tuple(
            to_diagnostic(finding, target, find, related_information=snapshot.related_information)
            for finding in own
        )
        cell_snapshot = snapshot.cell_snapshot(snapshot.cells[index])
        results.append(AnalysisResult(cell_snapshot, tuple(own), diagnostics, target.positions))
    logger.debug(
        "Analyzed notebook %s version %s: %d findings in %d cells in %.1f ms",
        snapshot.uri,
        snapshot.version,
        len(findings),
        len(results),
        (time.perf_counter() - started) * 1000,
    )
    return NotebookAnalysisResult(snapshot, tuple(results), skipped)
