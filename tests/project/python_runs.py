"""Programs run by a real interpreter, and whether they raised the loop's ``RuntimeError``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .expected_findings import Run

LOOP_ERROR = re.compile(
    r"RuntimeError: (asyncio\.run\(\) cannot be called from a running event loop"
    r"|This event loop is already running)"
)


def run_python(arguments: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python *arguments`` in ``cwd``, with the interpreter running the tests."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def raised_in_handle_at(completed: subprocess.CompletedProcess[str], path: Path, line: int) -> bool:
    """Whether the run raised the loop's error from the call at ``line`` of ``path``, in a
    coroutine ``handle``."""
    frame = f'File "{path}", line {line}, in handle'
    return bool(LOOP_ERROR.search(completed.stderr)) and frame in completed.stderr


def misbehaving(root: Path, runs: Iterable[Run]) -> list[str]:
    """Each run of the project in ``root`` that does not do what it says (fail at its
    expected finding, or finish cleanly), with what it printed."""
    told = []
    for run in runs:
        completed = run_python(run.arguments, root / run.cwd)
        expected = run.fails_at
        if expected is None:
            as_said = completed.returncode == 0
        else:
            as_said = raised_in_handle_at(completed, root / expected.path, expected.line)
        if not as_said:
            said = (
                "finish cleanly" if expected is None else f"fail at {expected.path}:{expected.line}"
            )
            told.append(
                f"python {' '.join(run.arguments)} in {run.cwd} should {said}:\n{completed.stderr}"
            )
    return told
