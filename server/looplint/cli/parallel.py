"""Checking many files at once, on every core; a handful in this process."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from looplint.cli.file_check import CheckOutcome, CheckRequest, check_file, use_project
from looplint.engine.project import ProjectIndex

# Below this many files per worker, starting a process costs more than the work it takes over.
FILES_PER_WORKER = 16


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
    # fork starts workers with the engine already imported; elsewhere, the platform's default.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    chunk_size = max(1, len(requests) // (workers * 4))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=use_project, initargs=(project,)
    ) as pool:
        return list(pool.map(check_file, requests, chunksize=chunk_size))
