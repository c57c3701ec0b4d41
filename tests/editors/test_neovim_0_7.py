"""Neovim 0.7 (Debian's), which cannot pull diagnostics: looplint must push them."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless_editor import DRIVERS, EditorRun, isolated_environment, require_editor, run_editor
from sample_project import (
    FLAGGED_CALL,
    SAFE_FIX,
    SampleCopy,
    create_project,
    flagged_calls,
    safely_fixed,
)

NVIM_0_7 = Path("/usr/bin/nvim")  # Debian 12's neovim 0.7.2, from .ci/install-system-deps
ERROR = 1  # vim.diagnostic.severity.ERROR


@pytest.fixture(scope="module")
def quick_fix(tmp_path_factory: pytest.TempPathFactory) -> tuple[EditorRun, SampleCopy]:
    """One session: see the error, take the preferred code action, save."""
    workspace = tmp_path_factory.mktemp("nvim-0.7")
    copy = create_project(workspace / "project", "fetch_in_main.py")
    home = workspace / "home"
    home.mkdir()
    run = run_editor(
        [
            str(require_editor(NVIM_0_7)),
            "--headless",
            "-u",
            str(DRIVERS / "nvim" / "init_0_7.lua"),
            "-S",
            str(DRIVERS / "nvim" / "drive.lua"),
            copy.path.name,
        ],
        cwd=copy.path.parent,
        env=isolated_environment(home, LOOPLINT_ACTION="quickfix", LOOPLINT_EXPECTED_FINDINGS="1"),
    )
    return run, copy


def test_the_pushed_error_is_shown_at_the_call_in_byte_columns(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, copy = quick_fix
    [call] = flagged_calls(copy.original)

    assert run.event("attached")["nvim"].startswith("0.7.")
    [diagnostic] = run.event("diagnostics")["items"]
    assert diagnostic["code"] == "LOOP101"
    assert diagnostic["severity"] == ERROR
    assert (diagnostic["lnum"], diagnostic["col"]) == (call.line, call.byte_columns[0])
    assert (diagnostic["end_lnum"], diagnostic["end_col"]) == (call.line, call.byte_columns[1])


def test_the_preferred_quick_fix_awaits_the_call_and_saving_clears_the_error(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, copy = quick_fix
    [call] = flagged_calls(copy.original)

    assert run.event("code_action_menu")["chosen"], "no preferred action in the menu"
    assert run.event("quick_fix")["line"] == call.text.replace(FLAGGED_CALL, SAFE_FIX)
    assert not run.event("after_save")["diagnostics"]
    assert copy.path.read_text(encoding="utf-8") == safely_fixed(copy.original)
