"""A temporary project, and the real ``looplint`` command run in it as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# An async def that starts a loop: LOOP101, whose safe fix is `await work()`.
# Line 5 has non-ASCII text before the call, so columns in code points differ from bytes.
STARTS_A_LOOP = """\
import asyncio


async def main():
    label = "état 🙂"; asyncio.run(work())
"""
CALL = "asyncio.run(work())"
CALL_LINE = 5
CALL_COLUMN = STARTS_A_LOOP.splitlines()[CALL_LINE - 1].index(CALL) + 1  # 1-based code points

CLEAN = """\
import asyncio


async def main():
    await work()
"""


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str
    stdout_bytes: bytes

    def json(self) -> object:
        return json.loads(self.stdout)


class Project:
    """A folder to write files in and run ``looplint`` from."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_bytes().decode("utf-8")

    def run(self, *args: str, stdin: bytes | str | None = None) -> Result:
        """``looplint ARGS`` in the project folder."""
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        completed = subprocess.run(
            [sys.executable, "-m", "looplint", *args],
            cwd=self.root,
            input=data,
            capture_output=True,
            timeout=120,
            check=False,
        )
        stderr = completed.stderr.decode("utf-8")
        assert "Traceback" not in stderr, stderr
        return Result(
            completed.returncode,
            completed.stdout.decode("utf-8"),
            stderr,
            completed.stdout,
        )

    def run_python(
        self, *args: str, python: str = sys.executable
    ) -> subprocess.CompletedProcess[str]:
        """``python ARGS`` in the project folder (by default the interpreter running the tests)."""
        return subprocess.run(
            [python, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


def notebook(*cells: tuple[str, str | list[str]], ensure_ascii: bool = False) -> str:
    """Notebook JSON as Jupyter writes it (indent 1); cells are (cell_type, source) pairs."""
    document = {
        "cells": [_cell(kind, source) for kind, source in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1, ensure_ascii=ensure_ascii) + "\n"


def _cell(kind: str, source: str | list[str]) -> dict[str, object]:
    cell: dict[str, object] = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell
