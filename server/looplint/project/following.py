"""Following imports into files the project was not given.

An excluded or gitignored module (generated code, a vendored helper) is not reported, but it
still runs: a helper in it that starts a loop still makes its caller's LOOP201. So every
member's imports are looked up on disk, below the project root, as Python would find them
(``ModuleNames.file_imported``); each module found that is not a member is read, summarized for
its loop starters and added to the index — then its own imports are followed in turn. A link
to a file outside the project is never followed (never read).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable

from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.links import target_outside
from looplint.project.modules import ModuleNames

logger = logging.getLogger(__name__)

# Modules read this way at the most: an import chain into a large excluded tree stops here.
MAX_FOLLOWED = 256

# Adds a module that is not a member to the index (reads it, finds its starters); whether it could.
AddModule = Callable[[ProjectModule], bool]


def follow_imports(
    index: ProjectIndex,
    names: ModuleNames,
    members: Iterable[ProjectModule],
    add: AddModule,
) -> list[ProjectModule]:
    """Add to ``index``, with ``add``, the modules below the root that ``members`` import
    (directly or through each other) but that are not members; returns them."""
    pending = list(members)
    known = {os.path.abspath(module.path) for module in pending}
    followed: list[ProjectModule] = []
    while pending and len(followed) < MAX_FOLLOWED:
        importer = pending.pop()
        for written in sorted(index.written_imports(importer.name)):
            path = names.file_imported(written, importer.search)
            if path is None or str(path) in known:
                continue
            known.add(str(path))
            if target_outside(path, [names.root]) is not None:
                logger.debug("Not following %s into %s (a link out of the project)", written, path)
                continue
            module = names.module_for(path)
            if module is None or index.holds(module.name) or not add(module):
                continue
            logger.info("Following %s into %s (not checked itself)", importer.path, path)
            followed.append(module)
            pending.append(module)
    return followed
