"""Checking many files at once, on every core; a handful in this process."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from looplint.cli.file_check import (
    CheckOutcome,
    CheckRequest,
    check_file,
    summarize_module,
    use_project,
)
from looplint.engine import RuleSettings
from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.project.settle import SettingsFor, summarize

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Below this many files per worker, starting a process costs more than the work it takes over.
FILES_PER_WORKER = 16


def summarize_modules(
    project: ProjectIndex, modules: Sequence[ProjectModule], settings_for: SettingsFor
) -> list[Mapping[str, LoopStart] | None]:
    """Each module's loop starters, found with ``project`` (``settle``'s rounds)."""
    jobs: list[tuple[ProjectModule, RuleSettings]] = [(m, settings_for(m)) for m in modules]
    workers = min(os.cpu_count() or 1, len(jobs) // FILES_PER_WORKER)
    if workers < 2:
        return [summarize(project, module, settings) for module, settings in jobs]
    with _pool(workers, project) as pool:
        return list(pool.map(summarize_module, jobs, chunksize=_chunk_size(len(jobs), workers)))


def check_files(
    requests: Sequence[CheckRequest], project: ProjectIndex | None = None
) -> list[CheckOutcome]:
    """The outcome of each request, in the requests' order (following calls into ``project``)."""
    workers = min(os.cpu_count() or 1, len(requests) // FILES_PER_WORKER)
    if workers < 2:
        use_project(project)
        try:
            return [check_file(request) for request in requests]
        finally:
            use_project(None)
    with _pool(workers, project) as pool:
        chunk_size = _chunk_size(len(requests), workers)
        return list(pool.map(check_file, requests, chunksize=chunk_size))


def _pool(workers: int, project: ProjectIndex | None) -> ProcessPoolExecutor:
    """Workers that know ``project``. fork starts them with the engine already imported (and,
    on Linux, the index inherited rather than copied); elsewhere, the platform's default.
    (Imported here: a run that checks a handful of files, or none, starts no process.)"""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=use_project,
        initargs=(project, workers),
    )


def _chunk_size(jobs: int, workers: int) -> int:
    return max(1, jobs // (workers * 4))
