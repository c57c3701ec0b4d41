"""Run a child process and learn its wall time and peak memory from the kernel."""

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildRun:
    """How one child process went."""

    seconds: float
    """Wall time from spawning the child to reaping it."""
    peak_rss_mb: float
    """High-water mark of resident memory of the child or, if larger, of any child it waited for."""
    returncode: int
    timed_out: bool
    """It was still running when the time limit came, and was killed with its process group."""
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], *, timeout: float, keep_stdout: bool = True) -> ChildRun:
    """Run ``argv`` to completion (or ``timeout``) and reap it with ``wait4`` for its ``ru_maxrss``.

    ``resource.getrusage(RUSAGE_CHILDREN)`` would mix in every earlier child of the benchmark;
    ``wait4`` reports this child alone (with the descendants it reaped, such as worker processes).
    The child leads its own process group, so a timeout also stops the workers it started.
    """
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            stdout=stdout if keep_stdout else subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        return ChildRun(
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,
            returncode=process.returncode,
            timed_out=timed_out.is_set(),
            stdout=stdout.read().decode("utf-8", "replace"),
            stderr=stderr.read().decode("utf-8", "replace"),
        )
