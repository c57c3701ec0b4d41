"""Run a child process and learn its wall time, CPU time and peak memory from the kernel."""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass

# Linux keeps a process's memory high-water mark across exec, and a child starts with its
# parent's: a command spawned by the benchmark (tens of MB) would never read below it. So each
# command is spawned by this small interpreter instead, which reports what the kernel says of
# the command alone (wall seconds, CPU seconds, peak RSS in KB) on the pipe it is given.
_LAUNCHER = """\
import os, sys, time
report, argv = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(report, f"{seconds} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}".encode())
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


@dataclass(frozen=True)
class ChildRun:
    """How one child process went."""

    seconds: float
    """Wall time from spawning the child to reaping it."""
    cpu_seconds: float
    """User and system time of the child and of the children it waited for (its workers)."""
    peak_rss_mb: float
    """High-water mark of resident memory of the child or, if larger, of any child it waited for."""
    returncode: int
    timed_out: bool
    """It was still running when the time limit came, and was killed with its process group."""
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], *, timeout: float, keep_stdout: bool = True) -> ChildRun:
    """Run ``argv`` to completion (or ``timeout``); its figures are those ``wait4`` reports.

    ``resource.getrusage(RUSAGE_CHILDREN)`` would mix in every earlier child of the benchmark;
    ``wait4`` reports this child alone (with the descendants it reaped, such as worker processes).
    The child's launcher leads its own process group, so a timeout also stops the child and the
    workers it started.
    """
    report_read, report_write = os.pipe()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(report_write), *argv],
            stdout=stdout if keep_stdout else subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
            pass_fds=(report_write,),
        )
        os.close(report_write)
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            with os.fdopen(report_read, "rb") as report:
                figures = report.read().split()
            process.wait()
        finally:
            timer.cancel()
        seconds, cpu_seconds, peak_kb = (float(figure) for figure in figures or (timeout, 0, 0))
        stdout.seek(0)
        stderr.seek(0)
        return ChildRun(
            seconds=seconds,
            cpu_seconds=cpu_seconds,
            peak_rss_mb=peak_kb / 1024,
            returncode=process.returncode,
            timed_out=timed_out.is_set(),
            stdout=stdout.read().decode("utf-8", "replace"),
            stderr=stderr.read().decode("utf-8", "replace"),
        )
