"""`make clean` removes everything the build and the tests made, so a checkout is as cloned.

A copy of the checkout builds the .vsix, runs a test file and the linter (reusing this checkout's
virtual environment), then `make clean` must leave nothing that git ignores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[1]
VENV = Path(sys.executable).parents[1]


def run(command: list[str], cwd: Path, **env: str) -> None:
    result = subprocess.run(
        command, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}{result.stderr}"


def ignored_files(checkout: Path) -> list[str]:
    status = subprocess.run(
        ["git", "status", "--ignored", "--porcelain"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line[3:] for line in status.stdout.splitlines() if line.startswith("!! ")]


def copy_of_the_checkout(target: Path) -> Path:
    """A clone with this checkout's files as they are now (changes not committed included)."""
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def test_make_clean_leaves_nothing_the_build_and_the_tests_made(tmp_path: Path) -> None:
    checkout = copy_of_the_checkout(tmp_path / "looplint")
    # This checkout's environment, marked up to date (-o) so that make never reinstalls it.
    make = ["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.installed"]
    run([*make, "vsix"], checkout)
    run(
        [sys.executable, "-m", "pytest", "tests/test_jedi_inference.py", "-q", "-x"],
        checkout,
        PYTHONPATH=str(checkout / "server"),
    )
    run([str(VENV / "bin" / "ruff"), "check", "server", "tests"], checkout)
    made = ignored_files(checkout)
    for expected in ("vscode-client/node_modules/", "vscode-client/bundled/", ".pytest_cache/"):
        assert expected in made

    run(["make", "--no-print-directory", "clean"], checkout)

    assert ignored_files(checkout) == []
