"""looplint as a python-lsp-server (pylsp) plugin: its diagnostics and quick fixes through pylsp.

pylsp finds this module through its ``pylsp`` entry point (as it finds python-lsp-ruff or
pylsp-mypy), so an editor or JupyterLab that already runs pylsp gets looplint's findings with
no other server. The analysis is the language server's own (same engine, rule codes, fixes and
``[tool.looplint]``); settings given to pylsp under ``pylsp.plugins.looplint`` (the language
server's names: ``select``, ``ignore``, ``severity``, ``extendLoopStarters``, ...) are layered
over the nearest ``pyproject.toml`` as the language server layers its editor settings.

pylsp negotiates no position encoding, so positions are in UTF-16 code units, the protocol's
default. A notebook that jupyterlab-lsp sends as one text (``<notebook>.ipynb``) is analyzed
as notebook cells. Calls are followed into other functions of the same file only: pylsp keeps
no index of the workspace's other modules.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from lsprotocol import converters, types
from pylsp import hookimpl  # type: ignore[import-not-found]

from looplint.config import ConfigError
from looplint.engine import FixKind
from looplint.lsp.diagnostic_data import DiagnosticData
from looplint.lsp.diagnostics import SOURCE
from looplint.lsp.document_analysis import AnalysisResult, DocumentSnapshot, analyze_snapshot
from looplint.lsp.editor_settings import SettingsProblem, parse_editor_settings
from looplint.lsp.file_texts import FileTexts
from looplint.lsp.joined_notebooks import is_joined_notebook
from looplint.lsp.workspace_settings import WorkspaceSettings

PLUGIN = "looplint"
SECTION = f"pylsp.plugins.{PLUGIN}"
"""Where pylsp's settings hold looplint's: mistakes are named by it."""
POSITION_ENCODING = types.PositionEncodingKind.Utf16
_REMEMBERED_DOCUMENTS = 32
"""Documents whose last analysis is kept for code actions (pylsp tells plugins of no close)."""
_PYLSP_KEYS = frozenset({"enabled"})
"""Keys of ``pylsp.plugins.looplint`` that pylsp itself reads."""
_converter = converters.get_converter()


@hookimpl
def pylsp_settings(config: Any) -> dict[str, Any]:
    """looplint is on by default, like pylsp's own linters."""
    return {"plugins": {PLUGIN: {"enabled": True}}}


@hookimpl
def pylsp_lint(config: Any, workspace: Any, document: Any, is_saved: bool) -> list[dict[str, Any]]:
    """looplint's diagnostics for the document, as pylsp publishes them."""
    result = _analyses.analyze(config, workspace, document)
    return [_converter.unstructure(diagnostic) for diagnostic in result.diagnostics]


@hookimpl
def pylsp_code_actions(
    config: Any, workspace: Any, document: Any, range: dict[str, Any], context: dict[str, Any]
) -> list[dict[str, Any]]:
    """The fixes of looplint's diagnostics in the request: the safe fix first and preferred."""
    sent = [
        diagnostic
        for item in context.get("diagnostics", [])
        if item.get("source") == SOURCE
        and (diagnostic := _converter.structure(item, types.Diagnostic)) is not None
    ]
    if not sent:
        result = _analyses.analyze(config, workspace, document)
        requested = _converter.structure(range, types.Range)
        sent = [d for d in result.diagnostics if _overlaps(d.range, requested)]
    actions = []
    for diagnostic in sent:
        data = DiagnosticData.from_json(diagnostic.data)
        if data is None or data.version != (document.version or 0):
            continue
        fixes = sorted(data.fixes, key=lambda fix: (not fix.safe, fix.kind == FixKind.NOQA.value))
        for fix in fixes:
            changes = {document.uri: list(fix.edits)}
            for other in fix.other_documents:
                changes.setdefault(other.uri, []).extend(other.edits)
            action = types.CodeAction(
                title=f"looplint ({diagnostic.code}): {fix.title}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True if fix.safe else None,  # Eglot takes `false` as preferred
                edit=types.WorkspaceEdit(changes=changes),
            )
            actions.append(_converter.unstructure(action))
    return actions


def _overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges touch; an empty request range (a cursor) means its whole line."""
    if b.start == b.end:
        return a.start.line <= b.start.line <= a.end.line
    start = (b.start.line, b.start.character)
    end = (b.end.line, b.end.character)
    return (a.start.line, a.start.character) <= end and start <= (a.end.line, a.end.character)


class _Analyses:
    """The settings, and each document's last analysis (code actions reuse it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[str, AnalysisResult] = {}
        self._settings_for: tuple[tuple[str | None, str], WorkspaceSettings] | None = None

    def analyze(self, config: Any, workspace: Any, document: Any) -> AnalysisResult:
        snapshot = DocumentSnapshot(
            uri=document.uri,
            version=document.version or 0,
            text=document.source,
            settings=self._settings(config, workspace, document).for_document(document.uri),
            encoding=POSITION_ENCODING,
            related_information=_related_information(config),
            joined_notebook=is_joined_notebook(document.uri),
        )
        with self._lock:
            last = self._last.get(document.uri)
        if last is not None and last.snapshot == snapshot:
            return last
        result = analyze_snapshot(snapshot, FileTexts(lambda uri: None))
        with self._lock:
            self._last.pop(document.uri, None)
            self._last[document.uri] = result
            if len(self._last) > _REMEMBERED_DOCUMENTS:
                del self._last[next(iter(self._last))]  # the least recently analyzed
        return result

    def _settings(self, config: Any, workspace: Any, document: Any) -> WorkspaceSettings:
        """The settings for the plugin's configuration, kept while it stays the same: the
        nearest pyproject.toml is then read again only when it changes, and each mistake is
        shown once (not at every lint)."""
        plugin = config.plugin_settings(PLUGIN, document_path=document.path) or {}
        own = {key: value for key, value in plugin.items() if key not in _PYLSP_KEYS}
        key = (workspace.root_uri, json.dumps(own, sort_keys=True, default=repr))
        with self._lock:
            if self._settings_for is not None and self._settings_for[0] == key:
                return self._settings_for[1]

        def report(message: str) -> None:
            workspace.show_message(f"looplint: {message}", msg_type=types.MessageType.Error)

        settings = WorkspaceSettings(report_error=report)
        settings.set_folders([workspace.root_uri] if workspace.root_uri else [])
        try:
            settings.set_pulled(None, parse_editor_settings(own, section=SECTION))
        except ConfigError as error:
            settings.report([SettingsProblem(str(error))])
        with self._lock:
            self._settings_for = (key, settings)
        return settings


def _related_information(config: Any) -> bool:
    capabilities = getattr(config, "capabilities", None) or {}
    publish = capabilities.get("textDocument", {}).get("publishDiagnostics", {})
    return bool(publish.get("relatedInformation"))


_analyses = _Analyses()
