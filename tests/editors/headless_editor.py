"""Run a real editor headless and read the JSON lines its driver script reports.

The driver scripts (nvim/drive.lua, emacs/drive.el) act like a user and report what the user
would see; the tests judge those reports. Every editor gets a private HOME and XDG folders, so
no personal configuration leaks in, and finds this project's own `looplint` first on PATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = REPO_ROOT / ".venv" / "bin"
DRIVERS = Path(__file__).resolve().parent

# What a driver does once the diagnostics are shown: take the preferred quick fix and save,
# just save (so fixes on save run), save while the server is stopped (SIGSTOP), so the
# fix-on-save request times out, or edit a helper module in another buffer.
Action = Literal["quickfix", "save", "save_stalled", "helper"]

# The drivers bound each of their own waits; this only stops an editor that hangs outright.
EDITOR_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class EditorRun:
    """What one headless editor session reported, and how it ended."""

    events: list[dict[str, Any]]
    returncode: int
    stderr: str
    seconds: float

    def event(self, name: str) -> dict[str, Any]:
        """The event called `name`; fails with the transcript if the editor never got there."""
        matches = [event for event in self.events if event["event"] == name]
        assert len(matches) == 1, f"expected one {name!r} event\n{self.transcript()}"
        return matches[0]

    def events_named(self, name: str) -> list[dict[str, Any]]:
        return [event for event in self.events if event["event"] == name]

    def transcript(self) -> str:
        lines = [json.dumps(event, ensure_ascii=False) for event in self.events]
        return "\n".join([*lines, f"exit status {self.returncode}, stderr:", self.stderr])


def require_editor(path: Path) -> Path:
    """The editor's executable; a missing editor fails the test (make test installs them)."""
    assert path.is_file(), f"{path} is missing: run `make system-deps` (.ci/install-system-deps)"
    return path


def isolated_environment(home: Path, **variables: str) -> dict[str, str]:
    """A fresh HOME and XDG folders, and this project's .venv/bin first on PATH."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "NVIM", "VIM", "EMACS", "VIRTUAL_ENV"))
    }
    environment.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_DIRS=str(home / ".no-system-config"),
        XDG_DATA_DIRS=str(home / ".no-system-data"),
        PATH=os.pathsep.join([str(VENV_BIN), environment.get("PATH", "")]),
        **variables,
    )
    return environment


def run_editor(argv: list[str], *, cwd: Path, env: dict[str, str]) -> EditorRun:
    """Runs the editor to completion and parses the JSON lines it wrote to stdout."""
    started = time.monotonic()
    with subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as editor:
        try:
            stdout, stderr = editor.communicate(timeout=EDITOR_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            editor.kill()
            stdout, stderr = editor.communicate()
            stderr += f"\n[killed after {EDITOR_TIMEOUT_SECONDS} s]"
    events = [json.loads(line) for line in stdout.splitlines() if line.startswith('{"')]
    return EditorRun(
        events=events,
        returncode=editor.returncode,
        stderr=stderr,
        seconds=time.monotonic() - started,
    )
