"""``analyze`` and ``analyze_notebook``: from source text to findings with their fixes.

The pipeline: skip texts that cannot contain a finding, find the candidate lines, parse
(tolerating syntax errors), walk the calls on candidate lines with their loop context, let each
rule judge each call, then add the fixes that need every finding at once (gather), apply the
configuration, drop what ``# noqa`` suppresses, and offer the noqa fix for the rest.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from looplint.engine import noqa
from looplint.engine.checker import CallSite, walk_calls
from looplint.engine.document import Document, Draft
from looplint.engine.findings import Finding, Severity
from looplint.engine.fixes.concurrency import add_concurrency_fixes
from looplint.engine.notebook import build_virtual_module
from looplint.engine.parsing import parse_module
from looplint.engine.prefilter import candidate_lines
from looplint.engine.rules import (
    asyncio_run,
    coroutine_in_thread,
    get_event_loop,
    loop_close,
    nest_asyncio,
    run_forever,
    run_until_complete,
    third_party,
    threadsafe_result,
)
from looplint.engine.scopes import ModuleScope
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.source import SourceText

_DETECTORS = (
    asyncio_run.check,
    run_until_complete.check,
    run_forever.check,
    third_party.check,
    threadsafe_result.check,
    coroutine_in_thread.check,
    nest_asyncio.check,
    get_event_loop.check,
    loop_close.check,
)
# Loop starts that become LOOP301 at the top level of a notebook cell.
_STARTER_CODES = frozenset({"LOOP101", "LOOP102", "LOOP103", "LOOP104", "LOOP105"})
_NOTEBOOK_CODE = "LOOP301"
# Texts without these cannot hold loop context (or a nest_asyncio call).
_GATE_WORDS = ("async", "nest_asyncio")


def analyze(
    source: str, settings: RuleSettings = DEFAULT_SETTINGS, *, module_name: str | None = None
) -> list[Finding]:
    """Findings for a module's source. Never raises; a text that does not parse at all has none."""
    if not any(word in source for word in _GATE_WORDS):
        return []
    text = SourceText(source)
    code = text.code
    lines = candidate_lines(code, _extra_names(settings))
    if not lines:
        return []
    parsed = parse_module(code)
    if parsed is None:
        return []
    return _findings(text, parsed.tree, settings, module_name, lines, notebook=False)


def analyze_notebook(
    cells: Sequence[str | None], settings: RuleSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    """Findings for a notebook's cells (``None`` for markdown and raw cells), in cell positions."""
    virtual = build_virtual_module(cells)
    text = SourceText(virtual.text)
    lines = candidate_lines(text.code, _extra_names(settings))
    if not lines:
        return []
    findings = _findings(text, virtual.tree, settings, None, lines, notebook=True)
    return [virtual.to_cell(finding) for finding in findings]


def _extra_names(settings: RuleSettings) -> frozenset[str]:
    return frozenset(name.rsplit(".", 1)[-1] for name in settings.extra_loop_starters)


def _findings(
    text: SourceText,
    tree: ast.Module,
    settings: RuleSettings,
    module_name: str | None,
    lines: list[int],
    *,
    notebook: bool,
) -> list[Finding]:
    document = Document(text, tree, ModuleScope(tree, module_name), settings, notebook)
    drafts: list[Draft] = []

    def judge(site: CallSite) -> None:
        for detector in _DETECTORS:
            draft = detector(site, document)
            if draft is not None:
                drafts.append(draft)
                return

    walk_calls(tree, document.module_scope, notebook=notebook, candidate_lines=lines, visit=judge)
    for draft in drafts:
        if draft.site.context.cell_top_level and draft.code in _STARTER_CODES:
            draft.code = _NOTEBOOK_CODE
    drafts = [d for d in drafts if d.code in settings.enabled]
    if not drafts:
        return []
    add_concurrency_fixes(document, drafts)
    patched = _applies_nest_asyncio(drafts)
    return sorted(
        (f for d in drafts if (f := _finish(document, d, patched)) is not None),
        key=lambda f: (f.span, f.code),
    )


def _applies_nest_asyncio(drafts: list[Draft]) -> bool:
    return any(d.code == nest_asyncio.CODE for d in drafts)


def _finish(document: Document, draft: Draft, nest_asyncio_applied: bool) -> Finding | None:
    """Apply severity settings and ``# noqa``; add the noqa fix."""
    span = document.span(draft.node)
    line = span.start.line
    statement = draft.site.statement or draft.node
    end = noqa.line_end(
        document.source,
        statement.lineno - 1,  # type: ignore[attr-defined]
        statement.end_lineno - 1,  # type: ignore[attr-defined]
        line,
    )
    if noqa.is_suppressed(draft.code, end.comment):
        return None
    severity = document.settings.severity_of(draft.code, draft.severity)
    message = draft.message
    if nest_asyncio_applied and draft.code in _STARTER_CODES | {_NOTEBOOK_CODE}:
        if severity is Severity.ERROR and draft.code not in document.settings.severities:
            severity = Severity.WARNING
        message += " (it runs only because `nest_asyncio.apply()` patches asyncio)"
    fixes = list(draft.fixes)
    noqa_fix = noqa.noqa_fix(document.source, draft.code, line, end)
    if noqa_fix is not None:
        fixes.append(noqa_fix)
    return Finding(draft.code, severity, message, span, tuple(fixes))
