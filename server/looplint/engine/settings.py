"""The engine's view of configuration: which rules run, how severe they are, extra starters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from looplint.engine.findings import Severity
from looplint.engine.rules.registry import DEFAULT_SELECTION


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Resolved rule configuration. Front ends build it from pyproject.toml and editor settings."""

    enabled: frozenset[str] = DEFAULT_SELECTION
    severities: Mapping[str, Severity] = field(default_factory=dict)
    extra_loop_starters: frozenset[str] = frozenset()

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


DEFAULT_SETTINGS = RuleSettings()
