"""The settings a client sends in ``initializationOptions``, in every shape clients use.

VS Code-style extensions send ``{"settings": [...one per workspace folder, each with a
"workspace" URI...], "globalSettings": {...}}``; Neovim, Emacs and Helix users usually write
``{"settings": {...}}`` or just the settings object itself. All of them are accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from looplint.lsp.editor_settings import EditorSettings, SettingsProblem, parsed_or_default


@dataclass(frozen=True, slots=True)
class InitialSettings:
    global_settings: EditorSettings = field(default_factory=EditorSettings)
    folder_settings: Mapping[str, EditorSettings] = field(default_factory=dict)
    """Settings per workspace folder URI."""
    errors: tuple[SettingsProblem, ...] = ()
    """One per invalid part, those of folders first; that part was ignored (defaults used)."""


def parse_initialization_options(value: object) -> InitialSettings:
    """Read settings from any supported ``initializationOptions`` shape, never raising."""
    if not isinstance(value, Mapping):
        return InitialSettings()
    if "settings" not in value and "globalSettings" not in value:
        settings, errors = parsed_or_default(value, None)
        return InitialSettings(global_settings=settings, errors=tuple(errors))

    global_settings, global_errors = parsed_or_default(value.get("globalSettings"), None)
    folder_settings: dict[str, EditorSettings] = {}
    errors: list[SettingsProblem] = []
    settings = value.get("settings")
    for item in settings if isinstance(settings, list) else [settings]:
        folder = item.get("workspace") if isinstance(item, Mapping) else None
        folder = folder.rstrip("/") if isinstance(folder, str) else None
        parsed, item_errors = parsed_or_default(item, folder)
        errors += item_errors
        if folder is not None:
            folder_settings[folder] = parsed
        else:
            global_settings = parsed.merged_over(global_settings)
    return InitialSettings(global_settings, folder_settings, (*errors, *global_errors))
