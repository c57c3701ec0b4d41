"""What the engine reports: findings, the fixes that remove them, and where they are.

Positions are 0-based lines and 0-based columns counted in Unicode code points, in the
coordinates of the text that was analyzed (for a notebook: of the cell named by ``cell``).
Front ends convert them: the CLI to 1-based columns, the language server to the client's
position encoding.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"


class FixKind(enum.Enum):
    """What a fix does, so front ends can group and label actions."""

    AWAIT = "await"
    MAKE_ASYNC = "make_async"
    GATHER = "gather"
    CREATE_TASK = "create_task"
    LIST_COMPREHENSION = "list_comprehension"
    REPLACE = "replace"
    NOQA = "noqa"


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: Position
    end: Position


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` with ``new_text``.

    ``cell`` names the notebook cell it applies to; ``path`` another file of the project (a
    fix that changes a function and its callers); both ``None`` mean the analyzed text.
    """

    span: Span
    new_text: str
    cell: int | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """A complete change that removes a finding. Only ``safe`` fixes are applied in bulk, and
    on request (``looplint check --fix --unsafe-fixes``) the ``unsafe`` one: the choice that
    the rule's documentation names as its unsafe fix."""

    title: str
    safe: bool
    kind: FixKind
    edits: tuple[Edit, ...]
    unsafe: bool = False


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """Another place that explains a finding (for LOOP201: a step of the call chain)."""

    message: str
    span: Span
    path: str | None = None
    cell: int | None = None  # in a notebook: the cell the span is in


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    span: Span
    fixes: tuple[Fix, ...] = ()
    related: tuple[RelatedLocation, ...] = ()
    cell: int | None = None

    @property
    def safe_fix(self) -> Fix | None:
        """The fix that fix-all applies, if any."""
        return next((fix for fix in self.fixes if fix.safe), None)

    @property
    def unsafe_fix(self) -> Fix | None:
        """The choice ``--unsafe-fixes`` applies (where there is no safe fix), if any."""
        return next((fix for fix in self.fixes if fix.unsafe), None)
