"""--fix --unsafe-fixes: besides the safe fixes, each finding's unsafe fix (the choice its rule's
doc names), written to every file it edits. Proven by running the program before and after on
every installed CPython: it raised, and once fixed it runs and prints what it was meant to."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cli_project import STARTS_A_LOOP, Project

ASYNCIO_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"
MODULE_ARGS = ("-E", "-s", "-m")  # not -I, so that the project folder is on the path

# `load` is no thin wrapper (it does more than return the coroutine's result), so no safe fix:
# making it async, with its three callers in two other modules, is the unsafe fix.
PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/helpers.py": """\
import asyncio


async def fetch(name):
    await asyncio.sleep(0)
    return name.upper()


def load(name):
    value = asyncio.run(fetch(name))
    return value + "!"
""",
    "pkg/jobs.py": """\
from pkg import helpers


async def job(name):
    return helpers.load(name)
""",
    "pkg/app.py": """\
import asyncio

from pkg.helpers import load
from pkg.jobs import job


async def handler(name):
    return load(name)


async def main():
    print(await handler("a"), load("b"), await job("c"))


if __name__ == "__main__":
    asyncio.run(main())
""",
}
ONE_FILE = (
    PACKAGE["pkg/helpers.py"]
    + """

async def main():
    print(load("a"), asyncio.run(fetch("b")))


if __name__ == "__main__":
    asyncio.run(main())
"""
)


def interpreters() -> list[object]:
    """Every installed CPython from 3.10 (pyenv's), else the one running the tests."""
    found = sorted(Path.home().glob(".pyenv/versions/3.1[0-9]*/bin/python3"))
    pythons = [str(path) for path in found] or [sys.executable]
    return [pytest.param(python, id=Path(python).parts[-3]) for python in pythons]


def write_package(project: Project) -> None:
    for name, text in PACKAGE.items():
        project.write(name, text)


def test_check_shows_the_unsafe_fix_and_how_to_apply_it(project: Project) -> None:
    write_package(project)
    result = project.run("check")
    lines = result.stdout.splitlines()
    assert "  fix (unsafe): Make `load` async and await it (3 call sites)" in lines
    assert lines[-1] == "Found 3 problems (3 more with --fix --unsafe-fixes)."


def test_fix_alone_leaves_the_unsafe_fix(project: Project) -> None:
    write_package(project)
    result = project.run("check", "--fix")
    assert result.status == 1
    assert project.read("pkg/helpers.py") == PACKAGE["pkg/helpers.py"]


@pytest.mark.parametrize("python", interpreters())
def test_make_async_across_files_makes_the_program_run(project: Project, python: str) -> None:
    write_package(project)
    original = project.run_python(*MODULE_ARGS, "pkg.app", python=python)
    assert original.returncode != 0
    assert ASYNCIO_RUN_ERROR in original.stderr.splitlines()

    result = project.run("check", "--fix", "--unsafe-fixes")
    assert result.status == 0, result.stdout + result.stderr
    assert result.stdout == "Found 3 problems (3 fixed, 0 remaining).\n"
    assert "async def load(name):\n    value = await fetch(name)" in project.read("pkg/helpers.py")
    assert "return await helpers.load(name)" in project.read("pkg/jobs.py")
    assert 'await load("b")' in project.read("pkg/app.py")

    fixed = project.run_python(*MODULE_ARGS, "pkg.app", python=python)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, "A! B! C!\n", "")
    assert project.run("check").status == 0


def test_safe_and_unsafe_fixes_in_one_file(project: Project) -> None:
    project.write("app.py", ONE_FILE)
    result = project.run("check", "--fix", "--unsafe-fixes", "app.py")
    assert (result.status, result.stdout) == (0, "Found 2 problems (2 fixed, 0 remaining).\n")
    fixed = project.run_python(
        *MODULE_ARGS,
        "app",
    )
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, "A! B\n", "")


def test_unsafe_fixes_needs_fix_and_files(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    for args in (
        ("--unsafe-fixes",),
        ("--diff", "--unsafe-fixes"),
        ("--add-noqa", "--unsafe-fixes"),
    ):
        result = project.run("check", *args)
        assert result.status == 2
        assert result.stderr == (
            "looplint check: error: --unsafe-fixes applies fixes: use it with --fix\n"
        )
    result = project.run("check", "--fix", "--unsafe-fixes", "-", stdin=STARTS_A_LOOP)
    assert result.status == 2
    assert "cannot read stdin" in result.stderr
