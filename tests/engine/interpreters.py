"""The real CPython interpreters that engine tests run programs under.

One per minor version from 3.10 (the oldest looplint supports): pyenv's, and the one running the
tests, which wins a tie (it is the one with the test dependencies installed).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PYENV_PYTHONS = "3.1[0-9]*/bin/python3"
VERSION_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple[int, int]

    def __str__(self) -> str:
        return f"py{self.version[0]}.{self.version[1]}"


def _version_of(python: str) -> tuple[int, int]:
    completed = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=VERSION_TIMEOUT_SECONDS,
    )
    major, minor = completed.stdout.split()
    return int(major), int(minor)


def _installed_interpreters() -> list[Interpreter]:
    candidates = [
        sys.executable,
        *map(str, sorted(Path.home().glob(f".pyenv/versions/{PYENV_PYTHONS}"))),
    ]
    by_version: dict[tuple[int, int], Interpreter] = {}
    for path in candidates:
        version = _version_of(path)
        if version >= (3, 10):
            by_version.setdefault(version, Interpreter(path, version))
    return sorted(by_version.values(), key=lambda interpreter: interpreter.version)


INTERPRETERS = _installed_interpreters()
RUNNING = next(i for i in INTERPRETERS if i.version == sys.version_info[:2])
"""The interpreter running the tests: the one that has the test dependencies (asgiref, say)."""
