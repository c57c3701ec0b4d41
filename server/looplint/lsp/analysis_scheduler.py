"""When documents are analyzed: off the message thread, debounced, newest version only,
each within a time limit.

Each open document (a file, or a whole notebook) has at most one analysis job; jobs of
different documents run side by side on the executor's threads, so a slow document never
makes another one wait for its diagnostics. A new edit cancels the job it supersedes: one
still waiting (debounce or executor queue) never runs, one already running stops at the
engine's next checkpoint. So a client typing fast never builds a backlog, and nobody ever
sees diagnostics for a version that is no longer current. An analysis that outlives its time
limit stops the same way, and its document gets no findings (the log says why). The limit is
processor time, the analysis thread's own: on a busy machine a thread waits, and waiting is
no reason to give up on a document.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from looplint.engine.interruption import stop_when

logger = logging.getLogger(__name__)

EDIT_DEBOUNCE_SECONDS = 0.2
"""Quiet time after an edit before analyzing: long enough to coalesce a burst of keystrokes."""

TIMER_LATENESS_SECONDS = 0.002
"""How late an event loop timer may fire: epoll counts whole milliseconds and rounds up. A job
wakes this much before its start and the worker thread sleeps the rest, precisely."""


class Snapshot(Protocol):
    """What is analyzed: a document's state, equal to another exactly when nothing changed."""

    @property
    def uri(self) -> str: ...


SnapshotT = TypeVar("SnapshotT", bound=Snapshot)


class Result(Protocol[SnapshotT]):
    @property
    def snapshot(self) -> SnapshotT: ...


ResultT = TypeVar("ResultT", bound=Result)  # type: ignore[type-arg]


@dataclass(slots=True)
class _Job(Generic[ResultT]):
    task: asyncio.Task[ResultT]
    superseded: threading.Event = field(default_factory=threading.Event)
    """Set when a newer job replaces this one: its analysis stops at the next checkpoint."""


class AnalysisScheduler(Generic[SnapshotT, ResultT]):
    """Runs analyses on ``executor`` and keeps the latest result per document."""

    def __init__(
        self,
        executor: Executor,
        take_snapshot: Callable[[str], SnapshotT | None],
        analyze: Callable[[SnapshotT], ResultT],
        on_result: Callable[[ResultT], None],
        time_limit: Callable[[], float],
    ) -> None:
        """``time_limit``: the seconds an analysis may take, read when it is scheduled."""
        self._executor = executor
        self._time_limit = time_limit
        self._take_snapshot = take_snapshot
        self._analyze = analyze
        self._on_result = on_result
        self._jobs: dict[str, _Job[ResultT]] = {}
        self._results: dict[str, ResultT] = {}
        self._one_at_a_time: dict[str, threading.Lock] = {}
        """Per document: a job starts once the one it superseded has stopped."""
        self._settings_settled = asyncio.Event()
        self._settings_settled.set()

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Analyze the document's current text ``delay`` seconds from now (from the edit, not
        from when the job first runs), replacing any pending job."""
        start_at = time.monotonic() + delay
        snapshot = self._take_snapshot(uri)
        self.cancel(uri)
        if snapshot is None:
            return
        superseded = threading.Event()
        running = self._one_at_a_time.setdefault(uri, threading.Lock())
        task = asyncio.create_task(self._run(snapshot, start_at, superseded, running))
        self._jobs[uri] = _Job(task, superseded)

    def cancel(self, uri: str) -> None:
        """Drop the pending job of ``uri``, if any."""
        job = self._jobs.pop(uri, None)
        if job is not None and not job.task.done():
            job.superseded.set()
            job.task.cancel()

    def forget(self, uri: str) -> None:
        """The document was closed: drop its job and its result."""
        self.cancel(uri)
        self._results.pop(uri, None)
        self._one_at_a_time.pop(uri, None)

    def hold(self) -> None:
        """Settings are being re-read: requests wait until ``resume`` rather than get old ones."""
        self._settings_settled.clear()

    def resume(self) -> None:
        self._settings_settled.set()

    def last(self, uri: str) -> ResultT | None:
        """The latest result delivered for ``uri``, current or not."""
        return self._results.get(uri)

    async def current(self, uri: str) -> ResultT | None:
        """The analysis of the document's current version and settings; ``None`` if not open.

        Waits for the pending job when there is one; if an edit supersedes it meanwhile,
        waits for the job that replaced it.
        """
        await self._settings_settled.wait()
        while True:
            job = self._jobs.get(uri)
            if job is None:
                snapshot = self._take_snapshot(uri)
                result = self._results.get(uri)
                if snapshot is None:
                    return None
                if result is not None and result.snapshot == snapshot:
                    return result
                self.schedule(uri)
                continue
            try:
                return await asyncio.shield(job.task)
            except asyncio.CancelledError:
                if not job.task.cancelled():
                    raise  # the request itself was cancelled
                logger.debug("Analysis of %s superseded while a request waited", uri)

    def _analyze_at(
        self,
        snapshot: SnapshotT,
        start_at: float,
        superseded: threading.Event,
        running: threading.Lock,
        limit: float,
    ) -> ResultT:
        """On a worker: sleep what is left of the debounce (a thread sleeps precisely), then
        analyze until done, superseded or out of time."""
        time.sleep(max(0.0, start_at - time.monotonic()))
        with running:
            return self._analyze_until_stopped(snapshot, superseded, limit)

    def _analyze_until_stopped(
        self, snapshot: SnapshotT, superseded: threading.Event, limit: float
    ) -> ResultT:
        deadline = time.thread_time() + limit

        def reason_to_stop() -> str | None:
            if superseded.is_set():
                return "superseded (by an edit, or the document was closed)"
            if time.thread_time() > deadline:
                logger.warning(
                    "Analysis of %s stopped after %g s of processor time "
                    "(setting analysisTimeLimit): no findings",
                    snapshot.uri,
                    limit,
                )
                return "over its time limit"
            return None

        with stop_when(reason_to_stop):
            return self._analyze(snapshot)

    async def _run(
        self,
        snapshot: SnapshotT,
        start_at: float,
        superseded: threading.Event,
        running: threading.Lock,
    ) -> ResultT:
        limit = self._time_limit()
        try:
            early_wait = start_at - TIMER_LATENESS_SECONDS - time.monotonic()
            if early_wait > 0:
                await asyncio.sleep(early_wait)
            result = await asyncio.get_running_loop().run_in_executor(
                self._executor, self._analyze_at, snapshot, start_at, superseded, running, limit
            )
        finally:
            job = self._jobs.get(snapshot.uri)
            if job is not None and job.task is asyncio.current_task():
                del self._jobs[snapshot.uri]
        self._results[snapshot.uri] = result
        self._on_result(result)
        return result
