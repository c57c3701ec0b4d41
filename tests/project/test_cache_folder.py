"""Where the cache lives: ``--no-cache`` turns it off; otherwise ``--cache-dir``, then
``$LOOPLINT_CACHE_DIR``, then ``cache-dir`` in pyproject.toml (relative to that file's folder),
then ``.looplint_cache`` in the project root."""

from __future__ import annotations

from pathlib import Path

import pytest
from looplint.cli.arguments import build_parser
from looplint.config import Options, load_pyproject
from looplint.project.cache_folder import cache_folder

NO_ENVIRONMENT: dict[str, str] = {}


def command_line(*args: str) -> tuple[Options, bool]:
    """The cache options of ``looplint check ARGS``, as the command line parses them."""
    parsed = build_parser().parse_args(["check", *args])
    return Options(cache_dir=parsed.cache_dir), parsed.no_cache


@pytest.fixture
def configured(tmp_path: Path) -> Options:
    pyproject = tmp_path / "project" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text('[tool.looplint]\ncache-dir = "build/lint-cache"\n')
    return load_pyproject(pyproject)


def test_by_default_the_cache_is_in_the_project_root(tmp_path: Path) -> None:
    options, no_cache = command_line()
    folder = cache_folder(options, Options(), tmp_path, no_cache=no_cache, environment={})
    assert folder == tmp_path / ".looplint_cache"


def test_the_setting_is_relative_to_its_pyproject(tmp_path: Path, configured: Options) -> None:
    options, no_cache = command_line()
    folder = cache_folder(options, configured, tmp_path, no_cache=no_cache, environment={})
    assert folder == tmp_path / "project" / "build" / "lint-cache"


def test_the_environment_variable_wins_over_the_setting(
    tmp_path: Path, configured: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    environment = {"LOOPLINT_CACHE_DIR": "ci-cache"}
    folder = cache_folder(Options(), configured, tmp_path / "project", environment=environment)
    assert folder == tmp_path / "ci-cache"


def test_an_empty_environment_variable_is_not_set(tmp_path: Path, configured: Options) -> None:
    environment = {"LOOPLINT_CACHE_DIR": " "}
    folder = cache_folder(Options(), configured, tmp_path, environment=environment)
    assert folder == configured.cache_dir


def test_the_command_line_wins_over_everything_set_elsewhere(
    tmp_path: Path, configured: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    options, no_cache = command_line("--cache-dir", "here")
    environment = {"LOOPLINT_CACHE_DIR": "ci-cache"}
    folder = cache_folder(options, configured, tmp_path, no_cache=no_cache, environment=environment)
    assert folder == tmp_path / "here"


def test_no_cache_turns_it_off_whatever_says_where(
    tmp_path: Path, configured: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    options, no_cache = command_line("--no-cache", "--cache-dir", "here")
    environment = {"LOOPLINT_CACHE_DIR": "ci-cache"}
    assert no_cache
    assert (
        cache_folder(options, configured, tmp_path, no_cache=no_cache, environment=environment)
        is None
    )
