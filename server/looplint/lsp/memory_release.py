"""Giving memory back after analyses: the server runs for hours, its peaks should not stay.

Three things outlive an analysis unless released:

- its syntax trees and scopes, left in reference cycles that only a full garbage collection
  frees; Python runs one rarely (once a quarter more long-lived objects exist), so the garbage
  of several large analyses piles up first;
- the parse trees jedi (LOOP201's inference) keeps of every module it read, the open document
  included, for as long as the process lives;
- freed heap pages, which glibc keeps mapped until asked to return them.

A full collection walks every object of the server, some 40 ms with a large workspace index,
so a release is earned by volume: once ``RELEASE_AFTER_CHARACTERS`` of source have been
analyzed since the last one, and after each build of the workspace index. It runs on one of
the analysis threads, after the results that earned it went out.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor

from looplint.jedi_inference import forget_parses

logger = logging.getLogger(__name__)

RELEASE_AFTER_CHARACTERS = 500_000
"""About 13,000 lines: analyzing them takes some ten times longer than a release, and leaves
some 20 MB of garbage in cycles."""


class MemoryRelease:
    """Releases what analyses left behind, on ``executor`` (the analysis threads)."""

    def __init__(self, executor: Executor) -> None:
        self._executor = executor
        self._analyzed = 0
        """Characters of source analyzed since the last release was queued."""

    def analyzed(self, characters: int) -> None:
        """An analysis of ``characters`` of source finished; release once they add up."""
        self._analyzed += characters
        if self._analyzed >= RELEASE_AFTER_CHARACTERS:
            self.release_soon()

    def release_soon(self) -> None:
        """Release on an analysis thread, as soon as one is free."""
        self._analyzed = 0
        try:
            self._executor.submit(_release)
        except RuntimeError:  # the executor is shut down: the process is about to end
            logger.debug("Not releasing memory: the server is shutting down")


def _release() -> None:
    started = time.perf_counter()
    forget_parses()  # first: the collection then frees jedi's trees too (they are cycles)
    collected = gc.collect()
    _return_free_heap()
    logger.debug(
        "Released memory: %d objects collected in %.1f ms",
        collected,
        (time.perf_counter() - started) * 1000,
    )


def _find_malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; ``None`` on other systems and C libraries."""
    if sys.platform != "linux":
        return None
    try:
        malloc_trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None
    if malloc_trim is not None:
        malloc_trim.argtypes = [ctypes.c_size_t]
        malloc_trim.restype = ctypes.c_int
    return malloc_trim


_MALLOC_TRIM = _find_malloc_trim()


def _return_free_heap() -> None:
    """Hand the heap's free pages back to the system, where the C library can."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
