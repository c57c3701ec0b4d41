"""Building the workspace index: every module's own loop starters, then settled.

Runs on a thread of its own, so the message thread stays free and open documents go on being
analyzed (without the index) meanwhile. Phase 1 reads each module's loop starters; ``settle``
then follows calls between modules until no new starter appears.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from looplint.engine.analysis import analyze_module
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.jedi_inference import JediInference, import_roots
from looplint.links import target_outside
from looplint.lsp.workspace_files import python_files
from looplint.lsp.workspace_index import IndexedFolder
from looplint.lsp.workspace_modules import module_for_path
from looplint.project.settle import settle

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
    index = ProjectIndex(load, JediInference(import_roots([module for module, _ in modules])))
    report(0, len(modules))
    for done, (module, folder) in enumerate(modules, start=1):
        if stop.is_set():
            return None
        text = load(module)
        if text is not None:
            try:
                summary = analyze_module(
                    text,
                    folder.settings.rule_settings,
                    module_name=module.name,
                    is_package=module.is_package,
                    summary_only=True,
                )
            except Exception:
                logger.exception("Indexing %s failed", module.path)
            else:
                index.add_module(module, summary.starters)
        report(done, len(modules))
    by_name = {module.name: folder for module, folder in modules}
    changed = settle(index, lambda module: by_name[module.name].settings.rule_settings)
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
        for path in python_files(folder.root, folder.settings.exclude):
            target = target_outside(path, roots)
            module = module_for_path(path, roots) if target is None else None
            if target is not None:
                logger.info("Not indexing %s: a link to %s, outside the workspace", path, target)
            elif module is None:
                logger.debug("Not indexing %s: not an importable module", path)
            elif module.name in found:
                logger.debug(
                    "Not indexing %s: %s is %s", path, module.name, found[module.name][0].path
                )
            else:
                found[module.name] = (module, folder)
    logger.info("Indexing %d modules in %d workspace folders", len(found), len(folders))
    return list(found.values())
