"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by the real ``pre-commit try-repo``.

try-repo installs looplint from a git repository into an environment of its own, as a user's
``pre-commit`` would. That repository is a commit of this checkout's files as they are now
(tracked and new, minus ignored), so the hooks are tested with the code beside them. The
environment is built once for the module (about a minute: pip installs looplint there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_project import CLEAN, STARTS_A_LOOP

ROOT = Path(__file__).resolve().parents[2]
GIT_IDENTITY = ("-c", "user.name=looplint tests", "-c", "user.email=tests@looplint.invalid")


def git(folder: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *GIT_IDENTITY, *args], cwd=folder, capture_output=True, text=True, check=True
    )
    return completed.stdout


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-commit repository holding this checkout's files as they are now."""
    repo = tmp_path_factory.mktemp("hooks-repo")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "looplint as it is now")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


class UserRepo:
    """A user's repository, where the hooks run on the files added to it."""

    def __init__(self, root: Path, hooks_repo: Path, pre_commit_home: Path) -> None:
        self.root = root
        self.hooks_repo = hooks_repo
        self.pre_commit_home = pre_commit_home
        git(root, "init", "-q")

    def add(self, name: str, text: str) -> None:
        (self.root / name).write_text(text, encoding="utf-8")
        git(self.root, "add", name)

    def try_hook(self, hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(self.hooks_repo), hook],
            cwd=self.root,
            env={**os.environ, "PRE_COMMIT_HOME": str(self.pre_commit_home)},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


@pytest.fixture
def user_repo(tmp_path: Path, hooks_repo: Path, pre_commit_home: Path) -> UserRepo:
    return UserRepo(tmp_path, hooks_repo, pre_commit_home)


def test_looplint_hook_fails_on_a_finding_and_names_it(user_repo: UserRepo) -> None:
    user_repo.add("app.py", STARTS_A_LOOP)
    user_repo.add("clean.py", CLEAN)
    result = user_repo.try_hook("looplint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "looplint....." in result.stdout and "Failed" in result.stdout
    assert "app.py:5:" in result.stdout
    assert "Found 1 problem (1 fixable with --fix)." in result.stdout


def test_looplint_fix_hook_fixes_the_file_then_passes_on_it(user_repo: UserRepo) -> None:
    user_repo.add("app.py", STARTS_A_LOOP)
    first = user_repo.try_hook("looplint-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "await work()" in (user_repo.root / "app.py").read_text(encoding="utf-8")
    git(user_repo.root, "add", "app.py")
    second = user_repo.try_hook("looplint-fix")
    assert second.returncode == 0, second.stdout + second.stderr
