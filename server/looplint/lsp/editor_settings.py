"""Settings from the editor (``initializationOptions``, ``workspace/configuration``,
``workspace/didChangeConfiguration``), validated into one shape.

Rule settings share their keys and validation with ``[tool.looplint]`` (``looplint.config``);
a few more concern only the server: ``enable``, ``fixAll``, ``logLevel``,
``analysisTimeLimit``, ``syntaxErrors``. Mistakes name the setting as the user writes it in the
editor, ``looplint.select``, whichever route it came by.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from looplint.config import ConfigError, Options, parse_options

LOG_LEVELS = ("error", "warning", "info", "debug")
SECTION = "looplint"
"""The editor's settings section: VS Code's ``looplint.*``, Neovim's ``settings.looplint``."""

_SERVER_KEYS = frozenset({"enable", "fixAll", "logLevel", "analysisTimeLimit", "syntaxErrors"})
_CLIENT_KEYS = frozenset(
    {"workspace", "interpreter", "path", "importStrategy", "trace", "showNotifications"}
)
"""Keys editor extensions keep for themselves (VS Code sends its whole ``looplint`` section)."""


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """A mistake in the editor's settings, and the workspace folder whose settings hold it."""

    message: str
    folder: str | None = None
    """The folder's URI; ``None``: the settings that apply everywhere."""


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """One layer of editor settings; ``None`` and empty values mean "not set here"."""

    options: Options = field(default_factory=Options)
    enable: bool | None = None
    fix_all: bool | None = None
    log_level: str | None = None
    analysis_time_limit: float | None = None
    """Seconds of processor time one document's analysis may take before it is stopped."""
    syntax_errors: bool | None = None
    """Report syntax errors (LOOP001): off unless set, other tools in the editor show them."""

    def merged_over(self, base: EditorSettings) -> EditorSettings:
        """This layer over ``base``: what is set here wins, per setting."""
        return replace(
            self,
            options=self.options.merged_over(base.options),
            enable=base.enable if self.enable is None else self.enable,
            fix_all=base.fix_all if self.fix_all is None else self.fix_all,
            log_level=self.log_level or base.log_level,
            analysis_time_limit=self.analysis_time_limit or base.analysis_time_limit,
            syntax_errors=base.syntax_errors if self.syntax_errors is None else self.syntax_errors,
        )


def parse_editor_settings(value: object, section: str = SECTION) -> EditorSettings:
    """Validate one settings object; raises ``ConfigError`` naming the setting as it is written
    in the editor's settings ``section`` (``looplint.select``)."""
    if value is None:
        return EditorSettings()
    if not isinstance(value, Mapping):
        raise ConfigError(f"{section}: expected an object of settings, got {value!r}")
    rule_keys = {
        key: item
        for key, item in value.items()
        if key not in _SERVER_KEYS and key not in _CLIENT_KEYS
    }
    return EditorSettings(
        options=parse_options(rule_keys, origin=section, separator="."),
        enable=_optional_bool(value, "enable", section),
        fix_all=_optional_bool(value, "fixAll", section),
        log_level=_log_level(value.get("logLevel"), section),
        analysis_time_limit=_seconds(value.get("analysisTimeLimit"), section),
        syntax_errors=_optional_bool(value, "syntaxErrors", section),
    )


def parsed_or_default(
    value: object, folder: str | None
) -> tuple[EditorSettings, list[SettingsProblem]]:
    """The settings ``value`` holds, or defaults and the problem that made them unusable."""
    try:
        return parse_editor_settings(value), []
    except ConfigError as error:
        return EditorSettings(), [SettingsProblem(str(error), folder)]


def _optional_bool(value: Mapping[str, object], key: str, section: str) -> bool | None:
    item = value.get(key)
    if item is None or isinstance(item, bool):
        return item
    raise ConfigError(f"{section}.{key}: expected true or false, got {item!r}")


def _log_level(item: object, section: str) -> str | None:
    if item is None:
        return None
    if isinstance(item, str) and item.lower() in LOG_LEVELS:
        return item.lower()
    raise ConfigError(f"{section}.logLevel: expected one of {', '.join(LOG_LEVELS)}, got {item!r}")


def _seconds(item: object, section: str) -> float | None:
    if item is None:
        return None
    if isinstance(item, int | float) and not isinstance(item, bool) and item > 0:
        return float(item)
    raise ConfigError(
        f"{section}.analysisTimeLimit: expected a number of seconds > 0, got {item!r}"
    )
