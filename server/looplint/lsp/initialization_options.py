"""The settings a client sends in ``initializationOptions``, in every shape clients use.

VS Code-style extensions send ``{"settings": [...one per workspace folder, each with a
"workspace" URI...], "globalSettings": {...}}``; Neovim, Emacs and Helix users usually write
``{"settings": {...}}`` or just the settings object itself. All of them are accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from looplint.config import ConfigError
from looplint.lsp.editor_settings import EditorSettings, parse_editor_settings

_ORIGIN = "initializationOptions"


@dataclass(frozen=True, slots=True)
class InitialSettings:
    global_settings: EditorSettings = field(default_factory=EditorSettings)
    folder_settings: Mapping[str, EditorSettings] = field(default_factory=dict)
    """Settings per workspace folder URI."""
    errors: tuple[str, ...] = ()
    """One line per invalid part; that part was ignored (defaults used)."""


def parse_initialization_options(value: object) -> InitialSettings:
    """Read settings from any supported ``initializationOptions`` shape, never raising."""
    if not isinstance(value, Mapping):
        return InitialSettings()
    if "settings" not in value and "globalSettings" not in value:
        settings, errors = _parsed(value, _ORIGIN)
        return InitialSettings(global_settings=settings, errors=errors)

    global_settings, errors = _parsed(value.get("globalSettings"), f"{_ORIGIN} globalSettings")
    folder_settings: dict[str, EditorSettings] = {}
    settings = value.get("settings")
    if isinstance(settings, list):
        for index, item in enumerate(settings):
            origin = f"{_ORIGIN} settings[{index}]"
            folder = item.get("workspace") if isinstance(item, Mapping) else None
            parsed, item_errors = _parsed(item, origin)
            errors += item_errors
            if isinstance(folder, str):
                folder_settings[folder.rstrip("/")] = parsed
            else:
                global_settings = parsed.merged_over(global_settings)
    else:
        parsed, item_errors = _parsed(settings, f"{_ORIGIN} settings")
        errors += item_errors
        global_settings = parsed.merged_over(global_settings)
    return InitialSettings(global_settings, folder_settings, errors)


def _parsed(value: object, origin: str) -> tuple[EditorSettings, tuple[str, ...]]:
    try:
        return parse_editor_settings(value, origin=origin), ()
    except ConfigError as error:
        return EditorSettings(), (str(error),)
