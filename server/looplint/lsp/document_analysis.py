"""One analysis of one document version: runs on the worker thread, changes no server state."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from lsprotocol import types

from looplint.engine import Finding, analyze_joined_cells
from looplint.engine.callgraph import LoopStart
from looplint.engine.incremental import IncrementalAnalysis
from looplint.engine.interruption import AnalysisStopped
from looplint.engine.project import ProjectIndex, ProjectModule, runs_on_a_loop
from looplint.engine.skipped import SkippedRegion
from looplint.lsp.diagnostics import TargetDocument, to_diagnostic
from looplint.lsp.file_texts import FileTexts
from looplint.lsp.positions import ClientPositions
from looplint.lsp.workspace_settings import DocumentSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentSnapshot:
    """A document as it was when an analysis was requested."""

    uri: str
    version: int
    text: str
    settings: DocumentSettings
    encoding: str
    related_information: bool = False
    """Whether diagnostics carry their call chains as locations (the client shows them)."""
    module: ProjectModule | None = None
    """The workspace module this document is; ``None`` outside every workspace folder."""
    project: ProjectIndex | None = field(default=None, compare=False)
    """The workspace index, once built: calls into other modules are then followed."""
    project_generation: int = 0
    """Changes whenever other modules' loop starters change, so that older results go stale."""
    joined_notebook: bool = False
    """A notebook's cells joined into one text (jupyterlab-lsp): analyzed as notebook cells."""


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """The findings for one document version, and their diagnostics in client units."""

    snapshot: DocumentSnapshot
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    positions: ClientPositions
    depends_on_project: bool = False
    """Whether other modules' loop starters may change these findings."""
    starters: dict[str, LoopStart] = field(default_factory=dict)
    """The document's own loop starters, for the workspace index."""
    exports: dict[str, str] = field(default_factory=dict)
    """The names the document re-exports, for the workspace index."""
    index_version: int = 0
    """The workspace index's version once this analysis's own starters were taken in: if the
    index is newer, other modules' starters changed under the analysis."""
    stopped: bool = False
    """The analysis was stopped (time limit, newer version): no findings, nothing learned."""
    skipped: tuple[SkippedRegion, ...] = ()
    """What the engine could not analyze (the server says it once, not as a diagnostic)."""

    @property
    def version(self) -> int:
        return self.snapshot.version


def analyze_snapshot(
    snapshot: DocumentSnapshot, files: FileTexts, incremental: IncrementalAnalysis | None = None
) -> AnalysisResult:
    """Analyze a snapshot; an engine failure is logged and yields no findings, never a crash.

    ``files`` reads the other files that LOOP201's call chains and fixes point into;
    ``incremental``, the document's analyses so far, lets an edit reuse the last one.
    """
    started = time.perf_counter()
    positions = ClientPositions(snapshot.text, snapshot.encoding)
    module, project = snapshot.module, snapshot.project
    findings: tuple[Finding, ...] = ()
    starters: dict[str, LoopStart] = {}
    exports: dict[str, str] = {}
    names_other_modules_starters = False
    stopped = False
    skipped: tuple[SkippedRegion, ...] = ()
    if snapshot.settings.enabled:
        try:
            if snapshot.joined_notebook:
                rule_settings = snapshot.settings.rule_settings
                findings = tuple(analyze_joined_cells(snapshot.text, rule_settings))
            else:
                result = (incremental or IncrementalAnalysis()).analyze(
                    snapshot.text,
                    snapshot.settings.rule_settings,
                    module_name=module.name if module else None,
                    is_package=module.is_package if module else False,
                    project=project,
                    project_version=snapshot.project_generation,
                )
                findings = tuple(result.findings)
                starters, exports = result.starters, result.exports
                names_other_modules_starters = result.names_other_modules_starters
                skipped = result.skipped
        except AnalysisStopped as reason:
            logger.debug(
                "Analysis of %s version %s stopped after %.1f ms: %s",
                snapshot.uri,
                snapshot.version,
                (time.perf_counter() - started) * 1000,
                reason,
            )
            stopped = True
            if incremental is not None:
                incremental.forget()
        except Exception:
            logger.exception("Analysis of %s failed", snapshot.uri)
            if incremental is not None:
                incremental.forget()
    own = TargetDocument(snapshot.uri, snapshot.version, positions)
    targets = _OtherFiles(own, module.path if module else None, files, snapshot.encoding)
    diagnostics = tuple(
        to_diagnostic(finding, own, targets.find, related_information=snapshot.related_information)
        for finding in findings
    )
    if not stopped:
        _log_analyzed(snapshot, len(findings), started, incremental)
    depends = names_other_modules_starters and runs_on_a_loop(snapshot.text)
    return AnalysisResult(
        snapshot,
        findings,
        diagnostics,
        positions,
        depends,
        starters,
        exports,
        stopped=stopped,
        skipped=skipped,
    )


def _log_analyzed(
    snapshot: DocumentSnapshot,
    findings: int,
    started: float,
    incremental: IncrementalAnalysis | None,
) -> None:
    logger.debug(
        "Analyzed %s version %s%s: %d findings in %.1f ms, reusing %s",
        snapshot.uri,
        snapshot.version,
        " with the workspace index" if snapshot.project else "",
        findings,
        (time.perf_counter() - started) * 1000,
        incremental.reuse.value if incremental else "nothing",
    )


class _OtherFiles:
    """The files a finding points into, each read once per analysis."""

    def __init__(
        self, own: TargetDocument, own_path: str | None, files: FileTexts, encoding: str
    ) -> None:
        self._own = own
        self._own_path = own_path
        self._files = files
        self._encoding = encoding
        self._found: dict[str, TargetDocument | None] = {}

    def find(self, path: str | None, cell: int | None) -> TargetDocument | None:
        if path is None or path == self._own_path:
            return self._own
        if path not in self._found:
            found = self._files.read(path)
            self._found[path] = (
                TargetDocument(
                    found.uri, found.version, ClientPositions(found.text, self._encoding)
                )
                if found
                else None
            )
        return self._found[path]
