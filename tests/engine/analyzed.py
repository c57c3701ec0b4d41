"""Shortcuts that keep engine tests to one line of intent.

Snippets are written indented inside the tests; every function here dedents them first, so
positions are those of the dedented text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from textwrap import dedent

from looplint.engine import (
    DEFAULT_SETTINGS,
    RULES,
    Finding,
    Fix,
    FixKind,
    RuleSettings,
    analyze,
    apply_edits,
    fix_source,
)

EVERY_RULE = RuleSettings(enabled=frozenset(RULES))
"""``select = ["ALL"]``: every rule, the opt-in style hints (LOOP402) and syntax errors (LOOP001)
included."""


def clean(source: str) -> str:
    """The snippet as the engine sees it: dedented, without the leading blank line."""
    return dedent(source).lstrip("\n")


def findings(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> list[Finding]:
    return analyze(clean(source), settings)


def codes(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> list[str]:
    """The codes found, in source order."""
    return [finding.code for finding in findings(source, settings)]


def flagged_lines(source: str) -> list[tuple[int, str]]:
    """``(1-based line, code)`` of every finding, in source order."""
    return [(f.span.start.line + 1, f.code) for f in findings(source)]


def only(
    source: str, code: str | None = None, settings: RuleSettings = DEFAULT_SETTINGS
) -> Finding:
    """The one finding of the snippet (of ``code``, when given); fails if there are others."""
    found = [f for f in findings(source, settings) if code is None or f.code == code]
    assert len(found) == 1, f"expected one {code or 'finding'}, got {found}"
    return found[0]


def fix_of(finding: Finding, kind: FixKind) -> Fix:
    """The finding's one fix of ``kind``."""
    matching = [fix for fix in finding.fixes if fix.kind is kind]
    assert len(matching) == 1, f"expected one {kind} fix, got {finding.fixes}"
    return matching[0]


def kinds(finding: Finding) -> set[FixKind]:
    return {fix.kind for fix in finding.fixes}


def applied(source: str, fix: Fix) -> str:
    """The snippet with one fix's edits applied."""
    return apply_edits(clean(source), fix.edits)


def preferred(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> str:
    """The snippet with its one finding's safe fix applied."""
    fix = only(source, settings=settings).safe_fix
    assert fix is not None, "the finding has no safe fix"
    return applied(source, fix)


def fixed(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> str:
    """The snippet after fix-all (every safe fix)."""
    return fix_source(clean(source), settings).source


def changed_lines(before: str, after: str) -> list[str]:
    """Lines of ``after`` that are not in ``before`` (what an edit wrote)."""
    old = set(before.splitlines())
    return [line for line in after.splitlines() if line not in old]


# ruff's check for dangling asyncio tasks (RUF006), run on the fixes that create tasks.
RUF006_CHECK = (
    str(Path(sys.executable).with_name("ruff")),
    "check",
    "--select",
    "RUF006",
    "--preview",
    "--isolated",
    "--no-cache",
    "--output-format",
    "concise",
)
