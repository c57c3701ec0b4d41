"""The engine's view of configuration: which rules run, how severe they are, extra starters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from looplint.engine.findings import Severity
from looplint.engine.rules.registry import DEFAULT_SELECTION

DEFAULT_MAX_FILE_SIZE = 2_000_000
"""2 MB: well above hand-written modules (analyzed in about a second), well below the
generated files that would take gigabytes of memory."""


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Resolved rule configuration. Front ends build it from pyproject.toml and editor settings."""

    enabled: frozenset[str] = DEFAULT_SELECTION - {"LOOP001"}
    """By default every rule but the opt-in ones and LOOP001 (syntax errors): front ends that
    want them ask."""
    severities: Mapping[str, Severity] = field(default_factory=dict)
    extra_loop_starters: frozenset[str] = frozenset()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    """Texts larger than this (in UTF-8 bytes) are not analyzed, and said so."""

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


DEFAULT_SETTINGS = RuleSettings()
