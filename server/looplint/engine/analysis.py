"""``analyze`` and ``analyze_notebook``: from source text to findings with their fixes.

The pipeline: skip texts that cannot contain a finding, find the candidate lines, parse
(tolerating syntax errors), and hand the tree to a ``ModulePass`` (``module_pass.py``), which
walks the calls on candidate lines with their loop context, letting each rule judge each call,
and links the callers of loop starters to them (LOOP201). Given the project index, this is
where the pass is handed what it needs of the other modules: their starters, and the "make the
helper async" fix (``fixes/make_async.py``). Nothing is left out in silence: a text over the
size limit, a region around a syntax error (reported as LOOP001 when that rule is on), syntax
of a newer Python, a statement nested too deeply to walk — each is a ``SkippedRegion`` of the
result, for the front ends to say.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from looplint.engine.callgraph import LoopStart, called_names
from looplint.engine.detectors import TRIGGER_NAMES, possible_trigger_names
from looplint.engine.findings import Finding, Position
from looplint.engine.fixes.make_async import conversion_fix
from looplint.engine.module_pass import ModulePass, ModuleResult
from looplint.engine.notebook import VirtualModule, build_virtual_module
from looplint.engine.parsing import ParseReport, parse_reporting
from looplint.engine.prefilter import candidate_lines, long_line_mentions, mentions_any
from looplint.engine.rules import invalid_syntax
from looplint.engine.scopes import ModuleScope
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.skipped import SkippedRegion
from looplint.engine.source import SourceText

if TYPE_CHECKING:
    from looplint.engine.project import ProjectIndex

# Texts without these cannot hold loop context (or a nest_asyncio call) ...
_GATE_WORDS = ("async", "nest_asyncio")


def analyze(
    source: str,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    module_name: str | None = None,
    is_package: bool = False,
    project: ProjectIndex | None = None,
) -> list[Finding]:
    """Findings for a module's source. Never raises; a text that does not parse has none.

    With ``project``, calls into the project's other modules are followed too (LOOP201);
    ``module_name`` (dotted) places the module in it and resolves relative imports.
    """
    return analyze_module(
        source, settings, module_name=module_name, is_package=is_package, project=project
    ).findings


def analyze_module(
    source: str,
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    module_name: str | None = None,
    is_package: bool = False,
    project: ProjectIndex | None = None,
    summary_only: bool = False,
) -> ModuleResult:
    """``analyze``, also returning the module's loop starters (for the project index)."""
    too_large = _too_large(source, settings)
    if too_large is not None:
        return ModuleResult([], {}, skipped=(too_large,))
    known, mentions_known = _other_modules_starters(source, module_name, is_package, project)
    # A text that cannot hold a finding is not parsed, so its syntax errors are not looked for
    # either (LOOP001 covers the files looplint analyzes): parsing is most of a check's cost.
    if not mentions_known and not _has_gate_words(source) and not summary_only:
        return ModuleResult([], {})
    text = SourceText(source)
    code = text.code
    names = _trigger_names(settings)
    extra = _extra_names(settings)

    def possible(mentioned: frozenset[str]) -> frozenset[str]:
        return possible_trigger_names(code, module_name, mentioned) | extra

    lines = candidate_lines(code, names, possible)
    if not lines and not mentions_known:
        return ModuleResult([], {})
    report = parse_reporting(code)
    parsed = report.parsed
    if parsed is None:
        return replace(
            _syntax_result(report, settings), names_other_modules_starters=mentions_known
        )
    scope = _module_scope(parsed.tree, code, module_name, is_package)
    module_pass = _project_pass(text, scope, settings, known, project)
    module_pass.spans = long_line_mentions(code, names, lines)
    result = module_pass.summarize(lines) if summary_only else module_pass.run(lines)
    syntax = _syntax_result(report, settings)
    return replace(
        result,
        findings=sorted([*syntax.findings, *result.findings], key=lambda f: (f.span, f.code)),
        tree=None if parsed.repaired else parsed.tree,
        names_other_modules_starters=mentions_known,
        skipped=(*syntax.skipped, *result.skipped),
        rejected=syntax.rejected,
    )


def _too_large(source: str, settings: RuleSettings) -> SkippedRegion | None:
    """A text over the size limit is not analyzed: one generated file must not take the
    machine (analysis holds about a hundred times the text's size at its peak)."""
    limit = settings.max_file_size
    if len(source) <= limit // 4:  # four bytes at most per character: no need to count
        return None
    size = len(source.encode("utf-8", errors="surrogatepass"))
    if size <= limit:
        return None
    return SkippedRegion(
        f"{_size(size)} is over the size limit of {_size(limit)} "
        "(setting max-file-size-mb / maxFileSizeMb)"
    )


def _size(count: int) -> str:
    """``2 MB``, ``2.4 MB``; below a tenth of a megabyte, ``81 bytes``."""
    return f"{count / 1e6:.3g} MB" if count >= 100_000 else f"{count:,} bytes"


def _syntax_result(report: ParseReport, settings: RuleSettings) -> ModuleResult:
    """The LOOP001 findings and the regions not analyzed of a parse."""
    problems = report.problems
    return ModuleResult(
        invalid_syntax.syntax_findings(problems, settings),
        {},
        skipped=tuple(
            invalid_syntax.skipped_regions(
                problems, reported=invalid_syntax.CODE in settings.enabled
            )
        ),
        rejected=any(problem.newer_syntax is None for problem in problems),
    )


def analyze_region(
    source: str,
    tree: ast.Module,
    region: tuple[int, int],
    outside: Mapping[str, LoopStart],
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    module_name: str | None = None,
    is_package: bool = False,
    project: ProjectIndex | None = None,
) -> ModuleResult | None:
    """The findings and loop starters of the lines ``region`` (1-based, inclusive) of a module
    whose ``tree`` is given, knowing the starters of the module's other functions
    (``outside``). Every line of the region is walked: no prefilter is needed for so few.
    ``None`` when ``analyze_module`` would not analyze the text at all."""
    if _too_large(source, settings) is not None:
        return None
    known, mentions_known = _other_modules_starters(source, module_name, is_package, project)
    text = SourceText(source)
    if not mentions_known and not _has_gate_words(source):
        return None
    if not mentions_known and not mentions_any(text.code, _trigger_names(settings)):
        return None
    scope = _module_scope(tree, text.code, module_name, is_package)
    module_pass = _project_pass(text, scope, settings, known, project, region)
    module_pass.local.update(outside)
    result = module_pass.run(list(range(region[0], region[1] + 1)))
    own = {key: start for key, start in result.starters.items() if key not in outside}
    return ModuleResult(result.findings, own, names_other_modules_starters=mentions_known)


def _project_pass(
    text: SourceText,
    scope: ModuleScope,
    settings: RuleSettings,
    known: Mapping[str, LoopStart],
    project: ProjectIndex | None,
    region: tuple[int, int] | None = None,
) -> ModulePass:
    """A pass over a module (of ``project``, if given): its LOOP201 findings then offer to
    make the helper async and await it, at every call site in the project."""
    convert = partial(conversion_fix, project) if project is not None else None
    return ModulePass(
        text, scope, settings, known, project, notebook=False, region=region, conversion_fix=convert
    )


def _other_modules_starters(
    source: str, module_name: str | None, is_package: bool, project: ProjectIndex | None
) -> tuple[Mapping[str, LoopStart], bool]:
    """The other modules' loop starters a text can reach, and whether it names one."""
    if project is None:
        return {}, False
    known = project.known_for(module_name or "", source, is_package=is_package)
    return known, mentions_any(source, called_names(known))


def _has_gate_words(source: str) -> bool:
    """Whether a text can hold loop context (or a ``nest_asyncio`` call) at all."""
    return any(word in source for word in _GATE_WORDS)


def analyze_notebook(
    cells: Sequence[str | None], settings: RuleSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    """Findings for a notebook's cells (``None`` for markdown and raw cells), in cell positions."""
    return analyze_notebook_cells(cells, settings).findings


@dataclass(frozen=True, slots=True)
class NotebookResult:
    findings: list[Finding]
    """In cell positions."""
    skipped: tuple[SkippedRegion, ...] = ()
    """What was not analyzed, by cell (a cell's syntax error is no finding: IPython syntax
    that looplint does not know would make it a false one)."""


def analyze_notebook_cells(
    cells: Sequence[str | None], settings: RuleSettings = DEFAULT_SETTINGS
) -> NotebookResult:
    """``analyze_notebook``, also saying what could not be analyzed."""
    too_large = _too_large("".join(cell for cell in cells if cell), settings)
    if too_large is not None:
        return NotebookResult([], (too_large,))
    virtual = build_virtual_module(cells)
    skipped = tuple(
        region
        for cell, problem in virtual.problems
        for region in invalid_syntax.skipped_regions([problem], reported=False, cell=cell)
    )
    text = SourceText(virtual.text)
    lines = candidate_lines(text.code, _trigger_names(settings))
    if not lines:
        return NotebookResult([], skipped)
    scope = _module_scope(virtual.tree, text.code, None, False)
    result = ModulePass(text, scope, settings, {}, None, notebook=True).run(lines)
    walked = tuple(_in_cell(virtual, region) for region in result.skipped)
    return NotebookResult([virtual.to_cell(f) for f in result.findings], skipped + walked)


def _in_cell(virtual: VirtualModule, region: SkippedRegion) -> SkippedRegion:
    """A region of the virtual module, in the coordinates of its cell."""
    if region.lines is None:
        return region
    cell, first = virtual.locate(Position(region.lines[0], 0))
    _, last = virtual.locate(Position(region.lines[1], 0))
    return SkippedRegion(region.reason, (first.line, last.line), cell)


def analyze_joined_cells(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> list[Finding]:
    """Findings for a notebook's code cells joined into one text, as jupyterlab-lsp and pylsp
    send a notebook to a language server: its top level runs in the kernel's loop, unlike a
    script's. Positions are in the joined text (no ``cell``)."""
    return [outside_cells(finding) for finding in analyze_notebook([source], settings)]


def outside_cells(finding: Finding) -> Finding:
    """``finding`` of a one-cell notebook, placed in that cell's text rather than in a cell."""
    fixes = tuple(
        replace(fix, edits=tuple(replace(edit, cell=None) for edit in fix.edits))
        for fix in finding.fixes
    )
    related = tuple(replace(step, cell=None) for step in finding.related)
    return replace(finding, fixes=fixes, related=related, cell=None)


def _module_scope(
    tree: ast.Module, code: str, module_name: str | None, is_package: bool
) -> ModuleScope:
    return ModuleScope(
        tree,
        module_name,
        is_package=is_package,
        may_declare_globals="global" in code,
        may_declare_nonlocals="nonlocal" in code,
        may_bind_in_expressions=":=" in code,
    )


def _trigger_names(settings: RuleSettings) -> frozenset[str]:
    """The callee names a finding needs: every rule's, and the project's own loop starters."""
    return TRIGGER_NAMES | _extra_names(settings)


def _extra_names(settings: RuleSettings) -> frozenset[str]:
    return frozenset(name.rsplit(".", 1)[-1] for name in settings.extra_loop_starters)
