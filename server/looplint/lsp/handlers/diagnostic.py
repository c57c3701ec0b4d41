"""``textDocument/diagnostic``: the pull model, answered from the current version's analysis."""

from __future__ import annotations

from lsprotocol import types

from looplint.lsp.server import LoopLintServer

METHOD = types.TEXT_DOCUMENT_DIAGNOSTIC
OPTIONS = types.DiagnosticOptions(
    identifier="looplint", inter_file_dependencies=False, workspace_diagnostics=False
)


async def diagnostic(
    ls: LoopLintServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport:
    """Waits for the pending analysis if one is running; a closed document has none."""
    result = await ls.analysis_of(params.text_document.uri)
    return types.RelatedFullDocumentDiagnosticReport(
        items=list(result.diagnostics) if result else []
    )
