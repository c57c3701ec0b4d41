"""``analyze`` and ``analyze_notebook``: from source text to findings with their fixes.

The pipeline: skip texts that cannot contain a finding, find the candidate lines, parse
(tolerating syntax errors), and walk the calls on candidate lines with their loop context,
letting each rule judge each call. Loop starts inside sync functions are not findings: they
make those functions *loop starters*, and a second walk — over the lines that mention a loop
starter's name, repeated until no new starter appears — links callers to them (LOOP201).
Then come the fixes that need every finding at once (gather), the configuration, ``# noqa``.
Nothing is left out in silence: a text over the size limit, a region around a syntax error
(reported as LOOP001 when that rule is on), syntax of a newer Python, a statement nested too
deeply to walk — each is a ``SkippedRegion`` of the result, for the front ends to say.
"""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from looplint.engine import noqa
from looplint.engine.callgraph import (
    CALLBACK_REGISTRATIONS,
    LoopStart,
    ThinWrapper,
    called_names,
    callee_key,
    caller_key,
    function_name,
    runs_body_when_called,
)
from looplint.engine.catalogue import Kind
from looplint.engine.checker import CallSite, Context, walk_calls
from looplint.engine.decorated import bridges_in, decorators_among, wrapped_starters
from looplint.engine.detectors import TRIGGER_NAMES, callee_name, detectors_by_name
from looplint.engine.document import Document, Draft
from looplint.engine.expected_failures import expected_to_fail
from looplint.engine.findings import Finding, Position, Severity
from looplint.engine.fixes.concurrency import add_concurrency_fixes
from looplint.engine.interruption import checkpoint
from looplint.engine.names import absolute_name, qualified_name
from looplint.engine.nest_asyncio_reach import patched_starts
from looplint.engine.notebook import VirtualModule, build_virtual_module
from looplint.engine.parsing import ParseReport, parse_module, parse_reporting
from looplint.engine.prefilter import (
    aliases_of,
    candidate_lines,
    lines_mentioning,
    long_line_mentions,
    mentions_any,
)
from looplint.engine.receivers import kind_of
from looplint.engine.rules import (
    asyncio_run,
    invalid_syntax,
    nest_asyncio,
    run_forever,
    run_until_complete,
    sync_call,
    third_party,
)
from looplint.engine.scopes import FunctionScope, ImportedName, ModuleScope, Parameter
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.skipped import SkippedRegion
from looplint.engine.source import SourceText

if TYPE_CHECKING:
    from looplint.engine.project import ProjectIndex

# Loop starts: LOOP301 at the top level of a notebook cell; what makes a sync function a starter.
_STARTER_CODES = frozenset({"LOOP101", "LOOP102", "LOOP103", "LOOP104", "LOOP105"})
_NOTEBOOK_CODE = "LOOP301"
# Texts without these cannot hold loop context (or a nest_asyncio call) ...
_GATE_WORDS = ("async", "nest_asyncio")
# What one module's analysis may spend asking the project's inference (jedi) about calls, and
# the longest module it asks about: jedi reads the whole module first, and one question about
# a longer one can take seconds, which no budget checked between questions would bound.
INFERENCE_SECONDS_PER_MODULE = 0.25
INFERENCE_MAX_CHARACTERS = 100_000
_RUNTIME_ERROR = re.compile(r"`(?:RuntimeError|Error|TypeError)[^`]*`")


@dataclass(frozen=True, slots=True)
class ModuleResult:
    """Everything one pass over a module learned: its findings, its loop starters, and the
    names it re-exports (for the project index; empty when the text held nothing to analyze)."""

    findings: list[Finding]
    starters: dict[str, LoopStart]
    exports: dict[str, str] = field(default_factory=dict)
    tree: ast.Module | None = field(default=None, compare=False, repr=False)
    """The tree analyzed, when it is the text's own (no broken region blanked): the next
    version's analysis can reuse most of it (``IncrementalAnalysis``)."""
    names_other_modules_starters: bool = False
    """Whether the text names loop starters of other modules that its imports reach (given a
    project index): when those change, its findings may change too."""
    skipped: tuple[SkippedRegion, ...] = ()
    """What was not analyzed and no finding tells of (a front end says it)."""
    rejected: bool = False
    """Whether Python rejects the text (a syntax error): no fix may be written into it."""


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
    lines = candidate_lines(code, names)
    if not lines and not mentions_known:
        return ModuleResult([], {})
    report = parse_reporting(code)
    parsed = report.parsed
    if parsed is None:
        return replace(
            _syntax_result(report, settings), names_other_modules_starters=mentions_known
        )
    scope = _module_scope(parsed.tree, code, module_name, is_package)
    module_pass = ModulePass(text, scope, settings, known, project, notebook=False)
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
    module_pass = ModulePass(text, scope, settings, known, project, notebook=False, region=region)
    module_pass.local.update(outside)
    result = module_pass.run(list(range(region[0], region[1] + 1)))
    own = {key: start for key, start in result.starters.items() if key not in outside}
    return ModuleResult(result.findings, own, names_other_modules_starters=mentions_known)


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


def module_exports(source: str, module_name: str, *, is_package: bool = False) -> dict[str, str]:
    """Names a module imports from elsewhere at top level (re-exports): name → qualified name."""
    parsed = parse_module(SourceText(source).code)
    if parsed is None:
        return {}
    return _exports(ModuleScope(parsed.tree, module_name, is_package=is_package))


def _exports(scope: ModuleScope) -> dict[str, str]:
    return {
        name: absolute_name(bindings[0].qualified_name, scope)
        for name, bindings in scope.bindings.items()
        if len(bindings) == 1 and isinstance(bindings[0], ImportedName)
    }


def _trigger_names(settings: RuleSettings) -> frozenset[str]:
    """The callee names a finding needs: every rule's, and the project's own loop starters."""
    extra = frozenset(name.rsplit(".", 1)[-1] for name in settings.extra_loop_starters)
    return TRIGGER_NAMES | extra


class ModulePass:
    """One analysis of one module: both walks, the starters it found, the drafts it made."""

    def __init__(
        self,
        text: SourceText,
        scope: ModuleScope,
        settings: RuleSettings,
        known: Mapping[str, LoopStart],
        project: ProjectIndex | None,
        *,
        notebook: bool,
        region: tuple[int, int] | None = None,
    ) -> None:
        self.document = Document(text, scope.node, scope, settings, notebook)
        self.region = region  # the only lines walked (1-based, inclusive); None: all
        self.notebook = notebook
        self.known = known
        self.project = project
        self.local: dict[str, LoopStart] = {}
        self.direct: dict[str, list[Draft]] = {}  # each starter's own loop starts
        self.detectors = detectors_by_name(settings.extra_loop_starters)
        inferable = len(text.code) <= INFERENCE_MAX_CHARACTERS
        self.inference = project is not None and inferable  # jedi, for calls left unresolved
        self.inference_left = INFERENCE_SECONDS_PER_MODULE
        self.lambda_names: set[str] = set()  # names bound to lambdas that start a loop
        self.lambda_lines: set[int] = set()  # lines where such lambdas are written
        self.drafts: list[Draft] = []
        self.calls: dict[int, tuple[CallSite, str]] = {}
        self.runs_when_called: dict[int, bool] = {}  # by id of a sync function's node
        self.callbacks: dict[int, tuple[CallSite, str]] = {}
        self.too_deep: dict[tuple[int, int], SkippedRegion] = {}  # statements not walked
        self.spans: dict[int, list[tuple[int, int]]] = {}
        """Where the rules' names are on long candidate lines (the first walk's narrowing)."""

    def walk(
        self, lines: list[int], visit: Callable[[CallSite], None], *, narrowed: bool = False
    ) -> None:
        """Walk the calls on ``lines`` (``narrowed``: on long lines, only near the rules'
        names), noting the statements too deeply nested to walk."""
        walk_calls(
            self.document.tree,
            self.document.module_scope,
            notebook=self.notebook,
            candidate_lines=lines,
            visit=visit,
            too_deep=self.note_too_deep,
            candidate_spans=self.spans if narrowed else None,
        )

    def note_too_deep(self, statement: ast.stmt) -> None:
        decorators = getattr(statement, "decorator_list", ())
        first = min([statement.lineno, *(d.lineno for d in decorators)])
        lines = (first - 1, statement.end_lineno - 1)  # type: ignore[operator]
        self.too_deep[lines] = SkippedRegion("nested too deeply to analyze", lines)

    def run(self, lines: list[int]) -> ModuleResult:
        document = self.document
        self.walk(lines, self.judge, narrowed=True)
        if sync_call.CODE in document.settings.enabled:
            self.link_callers()
            self.drafts.extend(self.sync_call_drafts())
        for draft in self.drafts:
            if draft.site.context.cell_top_level and draft.code in _STARTER_CODES:
                draft.code = _NOTEBOOK_CODE
        settings = document.settings
        drafts = [d for d in self.drafts if d.code in settings.enabled]
        add_concurrency_fixes(document, drafts)
        applies = [d.site for d in self.drafts if d.code == nest_asyncio.CODE]
        starts = [d.site for d in drafts]
        patched = patched_starts(applies, starts, document.module_scope) if applies else set()
        line_ends = noqa.LineEnds(document.source)
        finished = (_finish(document, d, id(d.site.call) in patched, line_ends) for d in drafts)
        findings = sorted((f for f in finished if f is not None), key=lambda f: (f.span, f.code))
        return ModuleResult(
            findings,
            self.local,
            _exports(document.module_scope),
            skipped=tuple(self.too_deep.values()),
        )

    def summarize(self, lines: list[int]) -> ModuleResult:
        """Only the module's loop starters (and re-exports): what the project index needs.
        No findings, so none of their costlier fixes or jedi's inference either."""
        self.inference = False
        self.walk(lines, self.judge, narrowed=True)
        if sync_call.CODE in self.document.settings.enabled:
            self.link_callers()
        return ModuleResult([], self.local, _exports(self.document.module_scope))

    def judge(self, site: CallSite) -> None:
        """Walk 1: the rules whose trigger names the call ends in look at it."""
        name = callee_name(site.call, site.context.scope)
        for detector in self.detectors.get(name or "", ()):
            draft = detector.check(site, self.document)
            if draft is None:
                continue
            context = site.context
            if context.guarded:
                return
            if context.sync_function is None or draft.code == nest_asyncio.CODE:
                self.drafts.append(draft)
            elif draft.code in _STARTER_CODES and draft.severity is Severity.ERROR:
                self.add_direct_start(site, draft)
            return

    def add_direct_start(self, site: CallSite, draft: Draft) -> None:
        if not self.starts_when_called(site.context):
            return
        key = caller_key(site.context)
        self.direct.setdefault(key, []).append(draft)
        if key in self.local:
            return
        function = site.context.sync_function
        if isinstance(function, ast.Lambda):
            self.lambda_lines.add(function.lineno)  # `(lambda: ...)()`, `call_soon(lambda: ...)`
            holder = site.ancestors[site.ancestors.index(function) - 1]
            if isinstance(holder, ast.Assign | ast.AnnAssign):
                targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
                self.lambda_names.update(t.id for t in targets if isinstance(t, ast.Name))
        error = _RUNTIME_ERROR.search(draft.message)
        start = LoopStart(
            key,
            function_name(key),
            None,
            self.document.span(site.call),
            f"{self.document.text(site.call.func)}()",
            error.group(0) if error else draft.message,
            wrapper=_thin_wrapper(site, draft, self.document),
            own_loop=_makes_own_loop(site, draft),
        )
        self.local[key] = start

    def starts_when_called(self, context: Context) -> bool:
        """Whether calling the sync function ``context`` is in runs its body (a generator's
        waits until iterated; an opaque decorator may replace it): only then is it a starter."""
        function = context.sync_function
        if not isinstance(function, ast.FunctionDef):
            return True  # a lambda
        if id(function) not in self.runs_when_called:
            scope = next(s for s in context.scope.chain() if s.node is function)
            holder = scope.parent or scope
            self.runs_when_called[id(function)] = runs_body_when_called(function, holder)
        return self.runs_when_called[id(function)]

    def starter(self, key: str) -> LoopStart | None:
        """The loop start of a function key: this module's own, or another module's."""
        for candidate in (key, f"{key}.__init__"):  # calling a class runs its __init__
            found = self.local.get(candidate)
            if found is None and candidate in self.known:
                found = self.known[candidate]
            if found is not None:
                return found
        return None

    def link_callers(self) -> None:
        """Walk 2, repeated: calls on lines naming a starter; callers become starters too."""
        scanned: set[str] = set()
        document = self.document
        extra_lines = self.lambda_lines  # scanned once: a lambda is called where it is written
        decorators: set[str] = set()
        while True:
            self.add_decorated(decorators)
            names = called_names(self.local) | called_names(self.known) | self.lambda_names
            names -= scanned
            names |= aliases_of(document.source.code, names) - scanned
            if not names and not extra_lines:
                return
            checkpoint()
            scanned |= names
            lines = sorted(set(lines_mentioning(document.source.code, names)) | extra_lines)
            if self.region is not None:
                first, last = self.region
                lines = [line for line in lines if first <= line <= last]
            extra_lines = set()
            if lines:
                self.walk(lines, self.record_call)
            self.propagate()

    def add_decorated(self, done: set[str]) -> None:
        """Functions and names that decorators (not in ``done``) make loop starters."""
        code = self.document.source.code
        module_scope = self.document.module_scope
        found = bridges_in(code) + decorators_among(self.local, module_scope)
        new = [decorator for decorator in found if decorator.key not in done]
        done.update(decorator.key for decorator in new)
        for key, start in wrapped_starters(self.document, new, self.region).items():
            self.local.setdefault(key, start)

    def record_call(self, site: CallSite) -> None:
        scope = site.context.scope
        key = callee_key(site.call.func, scope)
        context = site.context
        if key is None and self.inference and context.in_loop and not context.sync_function:
            key = self.inferred_callee(site.call.func)  # only where a finding could follow
        if key is not None:
            self.calls[id(site.call)] = (site, key)
        func = site.call.func
        if isinstance(func, ast.Attribute) and func.attr in CALLBACK_REGISTRATIONS:
            index = CALLBACK_REGISTRATIONS[func.attr]
            if index < len(site.call.args):
                callback = callee_key(site.call.args[index], scope)
                if callback is not None:
                    self.callbacks[id(site.call)] = (site, callback)

    def inferred_callee(self, func: ast.expr) -> str | None:
        """Ask the project's inference, for a call whose name is a starter's but whose
        meaning the engine could not resolve."""
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if self.project is None or name is None or name not in called_names(self.known):
            return None
        if self.inference_left <= 0:
            return None
        end = self.document.span(func).end
        module_name = self.document.module_scope.module_name
        started = time.monotonic()
        try:
            return self.project.infer_callee(module_name, Position(end.line, end.column - 1))
        finally:
            self.inference_left -= time.monotonic() - started

    def propagate(self) -> None:
        changed = True
        while changed:
            changed = False
            checkpoint()
            for site, key in self.calls.values():
                context = site.context
                callee = self.starter(key)
                if context.sync_function is None or context.guarded or callee is None:
                    continue
                if not self.starts_when_called(context):
                    continue
                caller = caller_key(context)
                if self.starter(caller) is not None:
                    continue
                self.local[caller] = LoopStart(
                    caller,
                    function_name(caller),
                    None,
                    self.document.span(site.call),
                    f"{callee.name}()",
                    callee.error,
                    callee,
                )
                changed = True

    def sync_call_drafts(self) -> list[Draft]:
        drafts = []
        for site, key in self.calls.values():
            checkpoint()
            context = site.context
            start = self.starter(key)
            if context.in_loop and context.sync_function is None and not context.guarded and start:
                if start.bridge:
                    drafts.append(third_party.draft_for_bridged_call(site, start))
                    continue
                draft = sync_call.draft_for_call(site, self.document, start)
                project = self.project
                conversion = project.conversion_fix(start.function) if project else None
                if conversion is not None:
                    draft.fixes.append(conversion)
                drafts.append(draft)
        for site, key in self.callbacks.values():
            start = self.starter(key)
            if not site.context.guarded and start is not None:
                drafts.append(sync_call.draft_for_callback(site, self.document, start))
        return drafts


def _thin_wrapper(site: CallSite, draft: Draft, document: Document) -> ThinWrapper | None:
    """``def helper(a): return asyncio.run(fetch(a))``: a body that only awaits ``fetch``."""
    function = site.context.sync_function
    awaitable = draft.awaitable
    if not isinstance(function, ast.FunctionDef) or awaitable is None:
        return None
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is not site.call:
        return None
    awaited = awaitable.node
    if not isinstance(awaited, ast.Call):
        return None
    scope = site.context.scope
    parameters = [b.name for b in _parameters(scope)]
    if function.args.vararg or function.args.kwarg or function.args.posonlyargs:
        return None
    if _is_method(scope, function) and parameters:
        receiver = parameters.pop(0)  # bound by the call `obj.helper(...)` itself
        if any(isinstance(n, ast.Name) and n.id == receiver for n in ast.walk(awaited)):
            return None  # `asyncio.run(self.fetch(k))`: needs the helper's `self`
    callee = qualified_name(awaited.func, scope)
    if callee is None:
        return None
    start = document.span(awaited)
    uses = []
    for node in ast.walk(awaited):
        if isinstance(node, ast.Name) and node.id in parameters and node is not awaited.func:
            span = document.span(node)
            if span.start.line != start.start.line or span.end.line != start.start.line:
                return None
            uses.append(
                (
                    span.start.column - start.start.column,
                    span.end.column - start.start.column,
                    node.id,
                )
            )
    if "\n" in awaitable.text:
        return None
    defaults = _constant_defaults(function)
    return ThinWrapper(tuple(parameters), defaults, awaitable.text, callee, tuple(uses))


def _makes_own_loop(site: CallSite, draft: Draft) -> bool:
    """Whether a loop start makes a loop of its own, rather than using the thread's current
    one (``get_event_loop()``, which a worker thread does not have) or one made elsewhere."""
    func = site.call.func
    if draft.code == asyncio_run.CODE:
        return True
    if draft.code == third_party.CODE:
        return third_party.makes_own_loop(site)
    if draft.code in (run_until_complete.CODE, run_forever.CODE) and isinstance(
        func, ast.Attribute
    ):
        return kind_of(func.value, site.context.scope) is Kind.NEW_LOOP
    return False


def _is_method(scope: object, function: ast.FunctionDef) -> bool:
    """A function of a class body that receives the instance or class first."""
    if not isinstance(scope, FunctionScope) or scope.enclosing_class is None:
        return False
    return not any(
        isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list
    )


def _parameters(scope: object) -> list[Parameter]:
    bindings = getattr(scope, "bindings", {})
    return [b for found in bindings.values() for b in found if isinstance(b, Parameter)]


def _constant_defaults(function: ast.FunctionDef) -> tuple[tuple[str, str], ...]:
    args = function.args.args
    defaults = function.args.defaults
    pairs = zip(args[len(args) - len(defaults) :], defaults, strict=True)
    return tuple((a.arg, repr(d.value)) for a, d in pairs if isinstance(d, ast.Constant))


def _finish(
    document: Document, draft: Draft, nest_asyncio_applied: bool, line_ends: noqa.LineEnds
) -> Finding | None:
    """Apply severity settings and ``# noqa``; add the noqa fix."""
    span = document.span(draft.node)
    line = span.start.line
    end = line_ends.at(draft.site.statement or draft.node, line)
    if noqa.is_suppressed(draft.code, end.comment):
        return None
    severity = document.settings.severity_of(draft.code, draft.severity)
    message = draft.message
    fixes = list(draft.fixes)
    if nest_asyncio_applied and draft.code in _STARTER_CODES | {_NOTEBOOK_CODE}:
        if severity is Severity.ERROR and draft.code not in document.settings.severities:
            severity = Severity.WARNING
        message += " (it runs only because `nest_asyncio.apply()` patches asyncio)"
        # A safe fix keeps what the original could do because the original always raises;
        # patched, it runs, so any change of behaviour is the user's choice.
        fixes = [replace(fix, safe=False) for fix in fixes]
    if expected_to_fail(draft.site):  # a test of this very failure: making it work breaks it
        fixes = [replace(fix, safe=False) for fix in fixes]
    noqa_fix = noqa.noqa_fix(document.source, draft.code, line, end)
    if noqa_fix is not None:
        fixes.append(noqa_fix)
    return Finding(draft.code, severity, message, span, tuple(fixes), draft.related)
