"""Checking one file: read it, run the engine, and in ``--fix`` mode write the fixes back.

This is what a worker process runs, so its request and outcome are plain picklable data, and
it never raises: a file that cannot be read or written becomes an outcome with an ``error``.
A worker may be given the project index (``use_project``) to follow calls into other modules.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from looplint.cli.diffs import unified_diff
from looplint.cli.notebook_positions import NotebookPositions, notebook_positions
from looplint.cli.notebooks import parse_notebook
from looplint.cli.source_text import UnreadableSource, decode_json, decode_python
from looplint.cli.syntax_check import notebook_accepted, python_accepts
from looplint.engine import Finding, RuleSettings, fix_notebook, fix_source
from looplint.engine.analysis import analyze_module, analyze_notebook_cells
from looplint.engine.callgraph import LoopStart
from looplint.engine.fixing import FixChoice, noqa_fix, safe_fix
from looplint.engine.project import ProjectIndex, ProjectModule, TextFacts, text_facts
from looplint.project.cache_keys import content_digest
from looplint.project.settle import summarize

NOTEBOOK_SUFFIX = ".ipynb"

# The project index of this process (set in workers by ``use_project``).
_project: ProjectIndex | None = None


def use_project(project: ProjectIndex | None, processes: int = 1) -> None:
    """Follow calls into the project's other modules in the checks this process makes, one
    of ``processes`` that share the index's inference budget."""
    global _project
    _project = project
    if project is not None:
        project.share_inference_budget(processes)


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"
    """Apply the safe fixes and report what remains."""
    DIFF = "diff"
    """Compute the safe fixes' diff and change nothing."""
    ADD_NOQA = "add-noqa"
    """Add ``# noqa: CODE`` for every finding (not to a file Python cannot parse)."""
    FIND_UNSAFE = "find-unsafe"
    """Check with the whole project known, as ``--fix`` does, for the unsafe fixes; write
    nothing (``--unsafe-fixes`` applies them across files)."""

    @property
    def analyzes_only(self) -> bool:
        return self in (Mode.CHECK, Mode.FIND_UNSAFE)

    @property
    def choice(self) -> FixChoice:
        """The fix this mode applies to each finding."""
        return noqa_fix if self is Mode.ADD_NOQA else safe_fix

    @property
    def writes(self) -> bool:
        return self in (Mode.FIX, Mode.ADD_NOQA)


@dataclass(frozen=True)
class CheckRequest:
    path: Path
    """The file to read, and the name shown in the output."""
    settings: RuleSettings
    module: ProjectModule | None
    """What the project calls the file, when it is a module (``looplint.project.modules``)."""
    mode: Mode
    for_index: bool = False
    """A project check's first pass: also read what the project index needs from the text."""

    @property
    def is_notebook(self) -> bool:
        return self.path.suffix == NOTEBOOK_SUFFIX


@dataclass(frozen=True)
class CheckOutcome:
    path: Path
    findings: tuple[Finding, ...] = ()
    """What the file has; after ``--fix``, what remains."""
    fixed: int = 0
    """Safe fixes applied (``--fix``) or that would be (``--diff``)."""
    new_content: bytes | None = None
    """The fixed file's bytes (``--fix`` / ``--diff``), ``None`` when nothing changed."""
    diff: str = ""
    error: str | None = None
    """Why the file could not be checked or fixed (one line)."""
    starters: Mapping[str, LoopStart] = field(default_factory=dict)
    """The module's own functions that start an event loop (for the project index)."""
    facts: TextFacts | None = None
    """What the project index reads from the module's text, read here where it is at hand."""
    notebook: NotebookPositions | None = None
    """A notebook's layout, to place its findings in the file (they are cell-relative)."""
    not_analyzed: tuple[str, ...] = ()
    """The regions (or the whole file) the engine could not analyze, each said in one line."""
    content_digest: str | None = None
    """A digest of the bytes checked, so that a result is cached only for what was read."""
    cache_key: str | None = None
    """The key this outcome is stored under in the persistent cache, if it is."""


def summarize_module(job: tuple[ProjectModule, RuleSettings]) -> Mapping[str, LoopStart] | None:
    """A module's loop starters, found with this process's project index (a worker's job)."""
    module, settings = job
    assert _project is not None, "use_project() first"
    return summarize(_project, module, settings)


def check_file(request: CheckRequest) -> CheckOutcome:
    """Check the file at ``request.path``; with ``Mode.FIX`` or ``ADD_NOQA``, write its fixes."""
    try:
        content = request.path.read_bytes()
    except OSError as error:
        return _failed(request, f"cannot read: {error.strerror or error}")
    outcome = replace(check_content(content, request), content_digest=content_digest(content))
    if request.mode.writes and outcome.new_content is not None:
        try:
            request.path.write_bytes(outcome.new_content)
        except OSError as error:
            return _failed(request, f"cannot write fixes: {error.strerror or error}")
    return outcome


def check_content(content: bytes, request: CheckRequest) -> CheckOutcome:
    """Check ``content`` as the file ``request.path``; writes nothing."""
    try:
        if request.is_notebook:
            return _check_notebook(content, request)
        return _check_module(content, request)
    except UnreadableSource as error:
        return _failed(request, str(error))
    except Exception as error:  # the engine promises never to raise; if it does, keep going
        return _failed(request, f"internal error, please report: {type(error).__name__}: {error}")


def _check_module(content: bytes, request: CheckRequest) -> CheckOutcome:
    source = decode_python(content)
    module = request.module
    name, package = (module.name, module.is_package) if module else (None, False)
    # --add-noqa leaves a file Python rejects to its author: it is only checked.
    if request.mode.analyzes_only or (
        request.mode is Mode.ADD_NOQA and not python_accepts(source.text)
    ):
        analysis = analyze_module(
            source.text, request.settings, module_name=name, is_package=package, project=_project
        )
        facts = None
        if request.for_index and module is not None:
            facts = text_facts(source.text, module)
        findings = analysis.findings
        if analysis.rejected:  # `--fix` writes nothing into it: offer no safe fix
            findings = [_without_safe_fixes(finding) for finding in findings]
        return CheckOutcome(
            request.path,
            tuple(findings),
            starters=analysis.starters,
            facts=facts,
            not_analyzed=tuple(region.describe() for region in analysis.skipped),
        )
    result = fix_source(
        source.text,
        request.settings,
        module_name=name,
        is_package=package,
        project=_project,
        choice=request.mode.choice,
    )
    changed = result.source != source.text
    return CheckOutcome(
        request.path,
        tuple(result.remaining),
        fixed=result.applied,
        new_content=source.encode(result.source) if changed else None,
        diff=unified_diff(source.text, result.source, str(request.path)),
        not_analyzed=tuple(region.describe() for region in result.skipped),
    )


def _check_notebook(content: bytes, request: CheckRequest) -> CheckOutcome:
    decoded = decode_json(content)
    notebook = parse_notebook(decoded.text)
    if request.mode.analyzes_only or (
        request.mode is Mode.ADD_NOQA and not notebook_accepted(notebook.cells)
    ):
        analysis = analyze_notebook_cells(notebook.cells, request.settings)
        return CheckOutcome(
            request.path,
            tuple(analysis.findings),
            notebook=notebook_positions(decoded.text, notebook.cells),
            not_analyzed=tuple(region.describe() for region in analysis.skipped),
        )
    result = fix_notebook(notebook.cells, request.settings, request.mode.choice)
    changed = result.cells != notebook.cells
    new_text = notebook.with_cells(result.cells) if changed else decoded.text
    diff = "".join(
        unified_diff(old, new, f"{request.path}:cell {index + 1}")
        for index, (old, new) in enumerate(zip(notebook.cells, result.cells, strict=True))
        if old is not None and new is not None
    )
    return CheckOutcome(
        request.path,
        tuple(result.remaining),
        fixed=result.applied,
        new_content=decoded.encode(new_text) if changed else None,
        diff=diff,
        notebook=notebook_positions(new_text, result.cells),
        not_analyzed=tuple(region.describe() for region in result.skipped),
    )


def _without_safe_fixes(finding: Finding) -> Finding:
    return replace(finding, fixes=tuple(fix for fix in finding.fixes if not fix.safe))


def _failed(request: CheckRequest, error: str) -> CheckOutcome:
    return CheckOutcome(request.path, error=error)
