"""The fixes a diagnostic carries in ``Diagnostic.data``.

The client hands diagnostics back in every code action request; with the fixes inside them
(edits already in client units, tagged with the document version they were computed for) a
quick fix needs no new analysis, and a stale one is recognised and dropped. A fix may also
edit other documents (the other files of "make it async", the other cells of a notebook):
those edits carry their own document's URI and version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter

from looplint.lsp.workspace_edits import DocumentEdits

_converter = get_converter()


@dataclass(frozen=True, slots=True)
class FixData:
    """One engine fix, with its edits in client units."""

    title: str
    safe: bool
    kind: str
    edits: tuple[types.TextEdit, ...]
    """Edits to the diagnostic's own document."""
    other_documents: tuple[DocumentEdits, ...] = ()

    def to_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {
            "title": self.title,
            "safe": self.safe,
            "kind": self.kind,
            "edits": _unstructured(self.edits),
        }
        if self.other_documents:
            value["otherDocuments"] = [
                {"uri": other.uri, "version": other.version, "edits": _unstructured(other.edits)}
                for other in self.other_documents
            ]
        return value

    @classmethod
    def from_json(cls, fix: dict[str, Any]) -> FixData:
        """Raises on anything malformed."""
        return cls(
            title=str(fix["title"]),
            safe=bool(fix["safe"]),
            kind=str(fix["kind"]),
            edits=_structured(fix["edits"]),
            other_documents=tuple(
                DocumentEdits(
                    uri=str(other["uri"]),
                    version=other["version"] if isinstance(other["version"], int) else None,
                    edits=_structured(other["edits"]),
                )
                for other in fix.get("otherDocuments", [])
            ),
        )


@dataclass(frozen=True, slots=True)
class DiagnosticData:
    """Everything needed to turn a diagnostic into code actions."""

    version: int
    fixes: tuple[FixData, ...]

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "fixes": [fix.to_json() for fix in self.fixes]}

    @classmethod
    def from_json(cls, value: object) -> DiagnosticData | None:
        """Parse what a client sent back; ``None`` when it is not data looplint wrote."""
        if not isinstance(value, dict) or not isinstance(value.get("version"), int):
            return None
        try:
            fixes = tuple(FixData.from_json(fix) for fix in value["fixes"])
        except Exception:  # any malformed part (cattrs raises several types): not our data
            return None
        return cls(value["version"], fixes)


def _unstructured(edits: tuple[types.TextEdit, ...]) -> list[Any]:
    return [_converter.unstructure(edit) for edit in edits]


def _structured(edits: list[Any]) -> tuple[types.TextEdit, ...]:
    return tuple(_converter.structure(edit, types.TextEdit) for edit in edits)
