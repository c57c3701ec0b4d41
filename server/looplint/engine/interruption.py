"""Stopping an analysis that is no longer worth finishing: too slow, or superseded.

The engine is pure and single-threaded; a front end that runs analyses on worker threads wraps
one in ``stop_when(reason)``, and the engine calls ``checkpoint()`` between statements and
between its passes. Once ``reason()`` gives a reason, ``checkpoint`` raises
``AnalysisStopped`` and the analysis unwinds without a result. Outside ``stop_when``,
``checkpoint`` does nothing, so the CLI and index builds run to the end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

StopReason = Callable[[], "str | None"]
"""Why to stop now (``"over its 10 s time limit"``); ``None`` to go on."""


class AnalysisStopped(Exception):
    """An analysis was stopped at a checkpoint; its message says why."""


class _Current(threading.local):
    reason: StopReason | None = None


_current = _Current()


@contextmanager
def stop_when(reason: StopReason) -> Iterator[None]:
    """Make this thread's analyses inside the block stop once ``reason()`` gives a reason."""
    outer = _current.reason
    _current.reason = reason
    try:
        yield
    finally:
        _current.reason = outer


def checkpoint() -> None:
    """Raise ``AnalysisStopped`` if the analysis running on this thread should stop."""
    reason = _current.reason
    if reason is not None and (why := reason()) is not None:
        raise AnalysisStopped(why)
