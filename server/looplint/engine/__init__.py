"""The analysis engine: source text in, findings with their fixes out. Knows nothing of LSP.

Public API::

    analyze(source, settings, module_name=None) -> list[Finding]       # a .py file
    analyze_notebook(cells, settings) -> list[Finding]                 # .ipynb code cells
    analyze_joined_cells(source, settings) -> list[Finding]            # cells joined in one text
    fix_source(source, settings, module_name=None) -> FixResult         # apply safe fixes
    fix_notebook(cells, settings) -> NotebookFixResult
    fix_joined_cells(source, settings) -> FixResult
    apply_edits(text, edits) -> str
"""

from looplint.engine.analysis import analyze, analyze_joined_cells, analyze_notebook
from looplint.engine.findings import (
    Edit,
    Finding,
    Fix,
    FixKind,
    Position,
    RelatedLocation,
    Severity,
    Span,
)
from looplint.engine.fixing import (
    FixResult,
    NotebookFixResult,
    apply_edits,
    fix_joined_cells,
    fix_notebook,
    fix_source,
)
from looplint.engine.rules.registry import DEFAULT_SELECTION, RULES, Rule
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

__all__ = [
    "DEFAULT_SELECTION",
    "DEFAULT_SETTINGS",
    "RULES",
    "Edit",
    "Finding",
    "Fix",
    "FixKind",
    "FixResult",
    "NotebookFixResult",
    "Position",
    "RelatedLocation",
    "Rule",
    "RuleSettings",
    "Severity",
    "Span",
    "analyze",
    "analyze_joined_cells",
    "analyze_notebook",
    "apply_edits",
    "fix_joined_cells",
    "fix_notebook",
    "fix_source",
]
