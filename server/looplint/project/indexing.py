"""A project's index of loop starters, made the same way for ``looplint check`` and the
language server: one kind of index, one inference budget.

The front ends differ only in how they run the first pass (the CLI checks every file in
worker processes and keeps what the index needs; the server summarizes each module on its
index thread) — what goes into the index, and how it is settled, is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.jedi_inference import JediInference

# What jedi may spend in all, over every worker, on calls looplint cannot resolve itself, each
# time the index is built or changes (the engine also bounds what one module's analysis asks).
INFERENCE_BUDGET_SECONDS = 1.0


def new_index(
    modules: Sequence[ProjectModule], load: Callable[[ProjectModule], str | None]
) -> ProjectIndex:
    """An empty index of these modules' project, reading their texts with ``load``."""
    inference = JediInference(modules)
    return ProjectIndex(load, inference, INFERENCE_BUDGET_SECONDS)
