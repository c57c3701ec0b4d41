"""Building the workspace index: every module's own loop starters, then settled.

Runs on a thread of its own, so the message thread stays free and open documents go on being
analyzed (without the index) meanwhile. The project layer says which files are modules and
what they are called, exactly as for ``looplint check``; phase 1 reads each module's own loop
starters, imports into modules the workspace excludes are followed, and ``settle`` then follows
calls between modules until no new starter appears.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from looplint.engine import RuleSettings
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.links import target_outside
from looplint.lsp.workspace_index import IndexedFolder
from looplint.project.following import follow_imports
from looplint.project.indexing import new_index
from looplint.project.members import find_members
from looplint.project.settle import settle, starters_in

logger = logging.getLogger(__name__)

ProgressReport = Callable[[int, int], None]
"""Called with (modules read, modules in all) as the build goes."""


def build_project_index(
    folders: Sequence[IndexedFolder],
    load: Callable[[ProjectModule], str | None],
    report: ProgressReport,
    stop: threading.Event,
) -> ProjectIndex | None:
    """The index of every module in ``folders``; ``None`` if ``stop`` was set meanwhile."""
    started = time.perf_counter()
    modules = _modules_of(folders)
    index = new_index([module for module, _ in modules], load)
    settings = {module.path: folder for module, folder in modules}

    def settings_for(module: ProjectModule) -> RuleSettings:
        path = Path(module.path)
        folder = settings.get(module.path) or _folder_holding(folders, path)
        return folder.settings.configs.for_file(path).settings

    def add(module: ProjectModule) -> bool:
        try:
            starters = starters_in(module, load(module), settings_for(module))
        except Exception:
            logger.exception("Indexing %s failed", module.path)
            return False
        if starters is not None:
            index.add_module(module, starters)
        return starters is not None

    report(0, len(modules))
    for done, (module, _) in enumerate(modules, start=1):
        if stop.is_set():
            return None
        add(module)
        report(done, len(modules))
    for folder in folders:
        members = [module for module, holder in modules if holder is folder]
        follow_imports(index, folder.names, members, add)
    changed = settle(index, settings_for)
    logger.info(
        "Indexed %d modules in %.1f s: %d loop starters (%d modules call other modules' ones)",
        len(modules),
        time.perf_counter() - started,
        len(index),
        len(changed),
    )
    return index


def _modules_of(folders: Sequence[IndexedFolder]) -> list[tuple[ProjectModule, IndexedFolder]]:
    """Each module once: a file in nested folders belongs to the innermost one."""
    roots = [folder.root for folder in folders]
    found: dict[str, tuple[ProjectModule, IndexedFolder]] = {}
    for folder in folders:
        if not folder.settings.enabled:
            logger.info("Not indexing %s: looplint is disabled there", folder.root)
            continue
        members = find_members([folder.root], folder.settings.configs, folder.names)
        for link in members.links_leaving:
            logger.info(
                "Not indexing %s: a link to %s, outside the workspace", link.path, link.target
            )
        for member in members.files:
            path, module = member.path, member.module
            target = target_outside(path, roots)
            if target is not None:
                logger.info("Not indexing %s: a link to %s, outside the workspace", path, target)
            elif module is None:
                logger.debug("Not indexing %s: not a module", path)
            elif _folder_holding(folders, path) is not folder:
                logger.debug("Not indexing %s here: an inner workspace folder holds it", path)
            elif module.name in found:
                logger.debug(
                    "Not indexing %s: %s is %s", path, module.name, found[module.name][0].path
                )
            else:
                found[module.name] = (module, folder)
    logger.info("Indexing %d modules in %d workspace folders", len(found), len(folders))
    return list(found.values())


def _folder_holding(folders: Sequence[IndexedFolder], path: Path) -> IndexedFolder:
    """The innermost folder holding ``path`` (the first one when none does)."""
    return max(
        (folder for folder in folders if path.is_relative_to(folder.root)),
        key=lambda folder: len(folder.root.parts),
        default=folders[0],
    )
