"""What each cached result is keyed by: everything it depends on, and nothing more.

A file's own results (its findings alone, its loop starters, what the index reads from its
text) depend on its content, what the project calls it, and the settings that apply to it. Its
results with the project known depend, besides, on what it can take from the other modules
(``ProjectIndex.dependencies``): edit ``helpers.py`` so that ``load()`` no longer starts a loop
and the key of ``app.py``'s findings changes with it, though ``app.py`` did not.
The cache salts every key with looplint's version and code and the Python running it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from looplint.engine import RuleSettings
from looplint.engine.project import ProjectModule
from looplint.project.cache import content_key


def file_key(
    stage: str,
    digest: str,
    module: ProjectModule | None,
    settings: RuleSettings,
    dependencies: Sequence[str] = (),
) -> str:
    """The key of one stage's result for a file (``stage`` names what was computed) whose
    content has the ``content_digest`` ``digest``."""
    return content_key(stage, digest, identity(module), settings_text(settings), *dependencies)


def content_digest(content: bytes) -> str:
    """A short digest of a file's bytes: whether two reads of a file saw the same content."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def settings_text(settings: RuleSettings) -> str:
    """The settings as text that is the same in every process (sets sorted)."""
    known = _SETTINGS_TEXTS.get(id(settings))
    if known is not None and known[0] is settings:
        return known[1]
    text = repr(
        (
            sorted(settings.enabled),
            sorted((code, severity.value) for code, severity in settings.severities.items()),
            sorted(settings.extra_loop_starters),
            settings.max_file_size,
        )
    )
    _SETTINGS_TEXTS[id(settings)] = (settings, text)
    return text


# The text of each settings object met (a project has a few, shared by thousands of files).
_SETTINGS_TEXTS: dict[int, tuple[RuleSettings, str]] = {}


def identity(module: ProjectModule | None) -> str:
    """What the project calls a file, as text: its results depend on it."""
    if module is None:
        return "-"
    return f"{module.name} {module.is_package} {module.search} {module.path}"
