"""Edits to one or several documents, in the form the client understands best."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from looplint.lsp.capabilities import ResolvedClientCapabilities


@dataclass(frozen=True, slots=True)
class DocumentEdits:
    """Edits to one document, in its client units."""

    uri: str
    version: int | None
    """The version they were computed for; ``None`` for a file the client has not open."""
    edits: tuple[types.TextEdit, ...]


def workspace_edit(
    client: ResolvedClientCapabilities, documents: Sequence[DocumentEdits]
) -> types.WorkspaceEdit:
    """A workspace edit of ``documents``; versioned when the client can refuse it once stale."""
    if client.document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=document.uri, version=document.version
                    ),
                    edits=list(document.edits),
                )
                for document in documents
            ]
        )
    changes: dict[str, list[types.TextEdit]] = {}
    for document in documents:
        changes.setdefault(document.uri, []).extend(document.edits)
    return types.WorkspaceEdit(changes=changes)


def document_edit(
    client: ResolvedClientCapabilities, uri: str, version: int, edits: Sequence[types.TextEdit]
) -> types.WorkspaceEdit:
    """A workspace edit of the one document ``uri``."""
    return workspace_edit(client, [DocumentEdits(uri, version, tuple(edits))])
