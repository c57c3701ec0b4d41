"""The files of a project as the project layer works with them: each with its settings and,
when it is one, its module.

Both front ends get their files here: ``looplint check`` from the paths it is given, the
language server from each workspace folder. So a file is named, excluded and configured the
same way in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from looplint.engine import RuleSettings
from looplint.engine.project import ProjectModule
from looplint.project.config import ProjectConfigs
from looplint.project.files import FoundFile, LinkLeavingRoots, MissingPath, discover
from looplint.project.modules import ModuleNames, unique_modules


@dataclass(frozen=True)
class Member:
    """A file of the project."""

    path: Path
    """As found (the given path joined with the names below it)."""
    settings: RuleSettings
    module: ProjectModule | None
    """``None`` for a stub, a notebook, a file no dotted name can name, or the second file of
    one module name (``pkg.py`` beside ``pkg/__init__.py``)."""
    reported: bool = True
    """``False`` for an excluded module read only because a member imports it."""


@dataclass
class Members:
    """What a walk of the given paths found."""

    files: list[Member] = field(default_factory=list)
    missing: list[MissingPath] = field(default_factory=list)
    links_leaving: list[LinkLeavingRoots] = field(default_factory=list)

    @property
    def modules(self) -> list[ProjectModule]:
        return [member.module for member in self.files if member.module is not None]


def find_members(paths: Sequence[Path], configs: ProjectConfigs, names: ModuleNames) -> Members:
    """The files under ``paths`` (each once, however many paths name it), named by ``names``."""
    found = Members()
    seen: set[Path] = set()  # `check src src/app.py` checks (and fixes) src/app.py once
    files: list[FoundFile] = []
    for item in discover(paths, configs):
        if isinstance(item, MissingPath):
            found.missing.append(item)
        elif isinstance(item, LinkLeavingRoots):
            found.links_leaving.append(item)
        elif (identity := _identity(item, len(paths))) not in seen:
            seen.add(identity)
            files.append(item)
    modules = unique_modules((item.path, names.module_for(item.path)) for item in files)
    found.files = [Member(i.path, i.config.settings, modules.get(i.path)) for i in files]
    return found


def _identity(found: FoundFile, paths_given: int) -> Path:
    """What makes two found files one. A walk of one folder meets a file once, except through
    a link: only then (or when several paths may overlap) is the real path worth its cost."""
    if paths_given > 1 or found.walked_through_a_link:
        return found.path.resolve()
    return found.path
