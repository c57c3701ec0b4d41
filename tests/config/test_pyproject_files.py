"""find_pyproject finds the nearest pyproject.toml configuring looplint; load_pyproject reads it."""

from pathlib import Path

import pytest
from looplint.config import ConfigError, Options, find_pyproject, load_pyproject
from looplint.engine import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_pyproject_with_a_looplint_table(tmp_path: Path) -> None:
    root = write(tmp_path / "pyproject.toml", "[tool.looplint]\n")
    write(tmp_path / "pkg/pyproject.toml", "[project]\nname = 'pkg'\n")
    module = write(tmp_path / "pkg/deep/mod.py", "")
    assert find_pyproject(module) == root
    assert find_pyproject(module.parent) == root


def test_no_pyproject(tmp_path: Path) -> None:
    assert find_pyproject(tmp_path) is None


def test_unparsable_pyproject_mentioning_looplint_is_found_so_its_error_shows(
    tmp_path: Path,
) -> None:
    broken = write(tmp_path / "pyproject.toml", "[tool.looplint\nselect = []\n")
    assert find_pyproject(tmp_path) == broken
    with pytest.raises(ConfigError, match=r"invalid TOML: .*\(line 1, column 15\)$"):
        load_pyproject(broken)


def test_edits_are_seen(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_pyproject(tmp_path) is None
    write(path, "[project]\nname = 'x'\n\n[tool.looplint]\nselect = ['ALL']\n")
    assert find_pyproject(tmp_path) == path


def test_load_reads_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.looplint]\nseverity.LOOP101 = "hint"\n')
    assert load_pyproject(path) == Options(severity={"LOOP101": Severity.HINT})


def test_load_without_a_table_is_the_defaults(tmp_path: Path) -> None:
    assert load_pyproject(write(tmp_path / "pyproject.toml", "[tool.ruff]\n")) == Options()


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.looplint]\nselect = ["NOPE"]\n')
    with pytest.raises(ConfigError) as raised:
        load_pyproject(path)
    assert str(raised.value) == (
        f"{path}: [tool.looplint] select: unknown rule code or prefix 'NOPE'"
    )


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"pyproject.toml: cannot read: "):
        load_pyproject(tmp_path / "pyproject.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.looplint]\n# caf\xe9\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: not UTF-8 text"):
        load_pyproject(path)


def test_a_relative_cache_folder_is_relative_to_the_pyproject_s_folder(tmp_path: Path) -> None:
    path = write(
        tmp_path / "sub/pyproject.toml", '[tool.looplint]\ncache-dir = "../.caches/lint"\n'
    )
    assert load_pyproject(path).cache_dir == tmp_path / "sub" / ".." / ".caches" / "lint"


def test_an_absolute_cache_folder_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", f'[tool.looplint]\ncache-dir = "{tmp_path / "c"}"\n')
    assert load_pyproject(path).cache_dir == tmp_path / "c"
