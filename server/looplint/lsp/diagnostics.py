"""Engine findings as LSP diagnostics: code, documentation link, severity, fixes in ``data``.

A finding may point into other documents: LOOP201's call chain runs through other files,
"make it async" edits them, and a notebook fix may edit another cell. A ``Targets`` function
names those documents, so every position is converted with the text it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lsprotocol import types

from looplint.engine import RULES, Edit, Finding, Fix, Severity
from looplint.lsp.diagnostic_data import DiagnosticData, FixData
from looplint.lsp.positions import ClientPositions
from looplint.lsp.workspace_edits import DocumentEdits

SOURCE = "looplint"
"""``Diagnostic.source``: unique, so code actions only ever touch looplint's own diagnostics."""

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


@dataclass(frozen=True, slots=True)
class TargetDocument:
    """A document a finding points into, with the text its positions are counted in."""

    uri: str
    version: int | None
    """``None`` for a file the client has not open."""
    positions: ClientPositions


Targets = Callable[[str | None, int | None], TargetDocument | None]
"""The document an engine ``path`` and ``cell`` name; ``None`` when it cannot be read."""


def to_diagnostic(
    finding: Finding, own: TargetDocument, targets: Targets, *, related_information: bool
) -> types.Diagnostic:
    """The diagnostic for ``finding`` in ``own``, the document it was found in.

    Without ``related_information`` the call chain stays in the message only (the engine
    writes it there too).
    """
    rule = RULES.get(finding.code)
    related = _related(finding, own, targets) if related_information else []
    data = DiagnosticData(
        version=own.version or 0,
        fixes=tuple(
            fix_data for fix in finding.fixes if (fix_data := _fix_data(fix, own, targets))
        ),
    )
    return types.Diagnostic(
        range=own.positions.range_to_client(finding.span),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule.url) if rule else None,
        source=SOURCE,
        related_information=related or None,
        data=data.to_json(),
    )


def _related(
    finding: Finding, own: TargetDocument, targets: Targets
) -> list[types.DiagnosticRelatedInformation]:
    information = []
    for step in finding.related:
        if step.path is None and step.cell is not None:
            target = targets(None, step.cell)  # another cell of the same notebook
        else:
            target = own if step.path is None else targets(step.path, None)
        if target is None:
            continue
        location = types.Location(target.uri, target.positions.range_to_client(step.span))
        information.append(types.DiagnosticRelatedInformation(location, step.message))
    return information


def _fix_data(fix: Fix, own: TargetDocument, targets: Targets) -> FixData | None:
    """The fix's edits grouped by document; ``None`` if one of its documents is unreadable."""
    grouped: dict[str, tuple[TargetDocument, list[types.TextEdit]]] = {}
    for edit in fix.edits:
        target = _target_of(edit, own, targets)
        if target is None:
            return None
        text_edit = types.TextEdit(target.positions.range_to_client(edit.span), edit.new_text)
        grouped.setdefault(target.uri, (target, []))[1].append(text_edit)
    own_edits = grouped.pop(own.uri, (own, []))[1]
    return FixData(
        title=fix.title,
        safe=fix.safe,
        kind=fix.kind.value,
        edits=tuple(own_edits),
        other_documents=tuple(
            DocumentEdits(target.uri, target.version, tuple(edits))
            for target, edits in grouped.values()
        ),
    )


def _target_of(edit: Edit, own: TargetDocument, targets: Targets) -> TargetDocument | None:
    if edit.path is None and edit.cell is None:
        return own
    return targets(edit.path, edit.cell)
