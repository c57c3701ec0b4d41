"""What the connected client can do, decided once at ``initialize``.

Every feature that depends on the client asks this one object instead of digging through
``ClientCapabilities`` itself, so each decision is made (and logged) in one place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields

from lsprotocol import types
from pygls.capabilities import get_capability

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ResolvedClientCapabilities:
    """The client capabilities looplint acts on, as plain booleans."""

    position_encoding: str
    """The column unit negotiated for every position exchanged: utf-8, utf-16 or utf-32."""
    pull_diagnostics: bool
    """The client asks for diagnostics (``textDocument/diagnostic``) and can be asked to ask
    again when another file changed them (``workspace/diagnostic/refresh``); we then never
    push. A client that pulls but cannot be asked again (Neovim 0.11) is pushed to instead,
    and never offered pulls: it would keep both lists and show a finding twice."""
    diagnostic_refresh: bool
    """We may ask a pulling client to pull again (``workspace/diagnostic/refresh``)."""
    code_action_literals: bool
    """Code actions may be returned as ``CodeAction`` objects, not only as commands."""
    code_action_resolve_edit: bool
    """Expensive edits (fix-all) may be computed later, in ``codeAction/resolve``."""
    document_changes: bool
    """Workspace edits may be versioned ``TextDocumentEdit``s (stale edits are then refused)."""
    workspace_configuration: bool
    """Settings can be pulled with ``workspace/configuration``."""
    did_change_watched_files_dynamic: bool
    """We may register a watcher for pyproject.toml files at run time."""
    apply_edit: bool
    """The server may ask the client to apply an edit (``workspace/applyEdit``)."""
    markdown_hover: bool
    """Hover text may be Markdown."""
    related_information: bool
    """Diagnostics may carry ``relatedInformation`` (LOOP201's call chain, as locations)."""
    work_done_progress: bool
    """The server may show progress (``window/workDoneProgress/create``, ``$/progress``)."""

    @classmethod
    def from_client(
        cls, capabilities: types.ClientCapabilities, position_encoding: str
    ) -> ResolvedClientCapabilities:
        """Resolve what looplint needs from the capabilities the client sent."""
        resolve_properties = get_capability(
            capabilities, "text_document.code_action.resolve_support.properties", []
        )
        hover_formats = get_capability(capabilities, "text_document.hover.content_format", [])
        refresh = bool(get_capability(capabilities, "workspace.diagnostics.refresh_support", False))
        pulls = get_capability(capabilities, "text_document.diagnostic") is not None
        return cls(
            position_encoding=position_encoding,
            pull_diagnostics=pulls and refresh,
            diagnostic_refresh=refresh,
            code_action_literals=get_capability(
                capabilities, "text_document.code_action.code_action_literal_support"
            )
            is not None,
            code_action_resolve_edit="edit" in resolve_properties,
            document_changes=bool(
                get_capability(capabilities, "workspace.workspace_edit.document_changes", False)
            ),
            workspace_configuration=bool(
                get_capability(capabilities, "workspace.configuration", False)
            ),
            did_change_watched_files_dynamic=bool(
                get_capability(
                    capabilities, "workspace.did_change_watched_files.dynamic_registration", False
                )
            ),
            apply_edit=bool(get_capability(capabilities, "workspace.apply_edit", False)),
            markdown_hover=types.MarkupKind.Markdown in (hover_formats or []),
            related_information=bool(
                get_capability(
                    capabilities, "text_document.publish_diagnostics.related_information", False
                )
                or get_capability(
                    capabilities, "text_document.diagnostic.related_information", False
                )
            ),
            work_done_progress=bool(
                get_capability(capabilities, "window.work_done_progress", False)
            ),
        )

    def log_decisions(self) -> None:
        """Log every decision, so a user's log shows why a feature behaves as it does."""
        logger.info("Negotiated position encoding: %s", self.position_encoding)
        if self.pull_diagnostics:
            logger.info("Client can pull diagnostics: not publishing")
        else:
            logger.info(
                "Client cannot pull diagnostics, or cannot be asked to pull again when another "
                "file changes them: publishing them"
            )
        for field in fields(self):
            if field.name not in {"position_encoding", "pull_diagnostics"}:
                logger.debug("Client capability %s: %s", field.name, getattr(self, field.name))
