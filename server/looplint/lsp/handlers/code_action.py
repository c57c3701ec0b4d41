"""``textDocument/codeAction``: quick fixes per finding, and fix-all.

Per finding: its safe fix as the preferred quick fix, the choice fixes (gather, create_task,
make the helper async, ...) and "disable for this line". Their edits come from
``Diagnostic.data``, so no analysis runs here; a fix may edit other files or cells too.
``source.fixAll.looplint`` applies the safe fixes only; a request for ``source.fixAll`` or
``source`` reaches it too, since kinds match by prefix. In a notebook cell the fix-all is
``notebook.source.fixAll.looplint``, for the whole notebook.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from lsprotocol import types

from looplint.engine import FixKind, Span
from looplint.lsp.diagnostic_data import DiagnosticData
from looplint.lsp.diagnostics import SOURCE
from looplint.lsp.fix_all import (
    APPLY_FIX_ALL_COMMAND,
    FIX_ALL_KIND,
    FIX_ALL_TITLE,
    NOTEBOOK_FIX_ALL_KIND,
    fix_all_edit,
    has_safe_fixes,
)
from looplint.lsp.server import LoopLintServer
from looplint.lsp.workspace_edits import DocumentEdits, workspace_edit

logger = logging.getLogger(__name__)

METHOD = types.TEXT_DOCUMENT_CODE_ACTION
OPTIONS = types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND],
    resolve_provider=True,
)


async def code_action(
    ls: LoopLintServer, params: types.CodeActionParams
) -> list[types.CodeAction | types.Command] | None:
    uri = params.text_document.uri
    document = ls.open_document(uri)
    notebook = ls.notebook_of(uri)
    if document is None and notebook is None:
        return None
    if ls.link_out_of_the_workspace(uri):
        return []
    only = params.context.only
    fix_all_kind = FIX_ALL_KIND if notebook is None else NOTEBOOK_FIX_ALL_KIND
    if not ls.client.code_action_literals:
        return [_fix_all_command(uri)] if _wanted(fix_all_kind, only) else []

    actions: list[types.CodeAction | types.Command] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        version = document.version if document else None
        diagnostics = await _diagnostics_in_request(ls, params, version or 0)
        actions.extend(_quick_fixes(ls, uri, diagnostics))
    if _wanted(fix_all_kind, only) and await _fix_all_offered(ls, uri):
        actions.append(await _fix_all_action(ls, uri, fix_all_kind))
    return actions


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` answers a request for ``only``: kinds are hierarchical, dot-separated."""
    return only is None or any(kind == item or kind.startswith(f"{item}.") for item in only)


async def _diagnostics_in_request(
    ls: LoopLintServer, params: types.CodeActionParams, version: int
) -> list[tuple[types.Diagnostic, DiagnosticData]]:
    """looplint's diagnostics the request is about, with their data, for the current version.

    Clients send the diagnostics under the cursor; when one sends none, the request's range
    picks them from the current analysis.
    """
    sent = [
        (diagnostic, data)
        for diagnostic in params.context.diagnostics
        if diagnostic.source == SOURCE
        and (data := DiagnosticData.from_json(diagnostic.data)) is not None
    ]
    if sent:
        current = [(diagnostic, data) for diagnostic, data in sent if data.version == version]
        if len(current) < len(sent):
            logger.debug("Ignoring %d diagnostics of an old version", len(sent) - len(current))
        return current
    result = await ls.analysis_of(params.text_document.uri)
    if result is None:
        return []
    requested = result.positions.range_from_client(params.range)
    return [
        (diagnostic, data)
        for finding, diagnostic in zip(result.findings, result.diagnostics, strict=True)
        if _touches(finding.span, requested)
        and (data := DiagnosticData.from_json(diagnostic.data)) is not None
    ]


def _touches(finding: Span, requested: Span) -> bool:
    """Whether a finding is in the requested range; an empty range (a cursor) means its line."""
    if requested.start == requested.end:
        return finding.start.line <= requested.start.line <= finding.end.line
    return finding.start <= requested.end and requested.start <= finding.end


def _quick_fixes(
    ls: LoopLintServer, uri: str, diagnostics: list[tuple[types.Diagnostic, DiagnosticData]]
) -> list[types.CodeAction]:
    actions = []
    for diagnostic, data in diagnostics:
        fixes = sorted(data.fixes, key=lambda fix: (not fix.safe, fix.kind == FixKind.NOQA.value))
        actions.extend(
            types.CodeAction(
                title=f"looplint ({diagnostic.code}): {fix.title}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True if fix.safe else None,  # Eglot takes `false` as preferred
                edit=workspace_edit(
                    ls.client,
                    [DocumentEdits(uri, data.version, fix.edits), *fix.other_documents],
                ),
            )
            for fix in fixes
        )
    return actions


async def _fix_all_offered(ls: LoopLintServer, uri: str) -> bool:
    """Offered only when it would change something, even when asked for by kind (on save).

    An action that does nothing is noise in a menu, and a fix-on-save recipe gets no action
    to run instead of an empty edit.
    """
    return ls.settings.for_document(uri).fix_all and await has_safe_fixes(ls, uri)


async def _fix_all_action(ls: LoopLintServer, uri: str, kind: str) -> types.CodeAction:
    """The fix-all action; its edit is left to ``codeAction/resolve`` when the client can."""
    if ls.client.code_action_resolve_edit:
        return types.CodeAction(title=FIX_ALL_TITLE, kind=kind, data={"uri": uri})
    return types.CodeAction(title=FIX_ALL_TITLE, kind=kind, edit=await fix_all_edit(ls, uri))


def _fix_all_command(uri: str) -> types.Command:
    """For clients that take only commands from code action requests."""
    return types.Command(title=FIX_ALL_TITLE, command=APPLY_FIX_ALL_COMMAND, arguments=[uri])
