"""Emacs with Eglot (Debian's emacs-nox + elpa-eglot), configured as the README says."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless_editor import (
    DRIVERS,
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

EMACS = Path("/usr/bin/emacs")  # installed by .ci/install-system-deps


def run_emacs(
    workspace: Path, sample: str, action: Action, findings: int
) -> tuple[EditorRun, SampleCopy]:
    """Opens `sample` in a new project; the user's init.el is the README recipe."""
    copy = create_project(workspace / "project", sample)
    home = workspace / "home"
    init = home / ".emacs.d" / "init.el"
    init.parent.mkdir(parents=True)
    init.write_text(readme_code_block("Emacs (Eglot)", "elisp"))
    run = run_editor(
        [
            str(require_editor(EMACS)),
            "--batch",
            "-l",
            str(init),  # --batch skips the init file; load it as a session would
            "-l",
            str(DRIVERS / "emacs" / "drive.el"),
            copy.path.name,
        ],
        cwd=copy.path.parent,
        env=isolated_environment(
            home, LOOPLINT_ACTION=action, LOOPLINT_EXPECTED_FINDINGS=str(findings)
        ),
    )
    return run, copy


@pytest.fixture(scope="module")
def quick_fix(tmp_path_factory: pytest.TempPathFactory) -> tuple[EditorRun, SampleCopy]:
    """One session: see the error, run M-x eglot-code-actions and take its default, save."""
    return run_emacs(tmp_path_factory.mktemp("emacs"), "fetch_in_main.py", "quickfix", 1)


def test_the_error_is_shown_at_the_call_in_character_columns(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, copy = quick_fix
    [call] = flagged_calls(copy.original)

    assert run.event("attached")["command"] == ["looplint", "server"]
    [diagnostic] = run.event("diagnostics")["items"]
    assert diagnostic["code"] == "LOOP101"
    assert diagnostic["type"] == "eglot-error"
    assert (diagnostic["line"], diagnostic["column"]) == (call.line, call.character_columns[0])
    assert diagnostic["end_column"] == call.character_columns[1]


def test_the_default_code_action_awaits_the_call_and_saving_clears_the_error(
    quick_fix: tuple[EditorRun, SampleCopy],
) -> None:
    run, copy = quick_fix
    [call] = flagged_calls(copy.original)

    assert run.event("quick_fix")["line"] == call.text.replace(FLAGGED_CALL, SAFE_FIX)
    assert not run.event("after_save")["diagnostics"]
    assert copy.path.read_text(encoding="utf-8") == safely_fixed(copy.original)


def test_the_readme_fix_on_save_recipe_fixes_every_finding_in_the_written_file(
    tmp_path: Path,
) -> None:
    run, copy = run_emacs(tmp_path, "two_fetches.py", "save", findings=2)

    assert [item["code"] for item in run.event("diagnostics")["items"]] == ["LOOP101"] * 2
    after_save = run.event("after_save")
    assert not after_save["diagnostics"]
    assert copy.path.read_text(encoding="utf-8") == safely_fixed(copy.original)


def test_saving_again_with_nothing_left_to_fix_shows_no_message(tmp_path: Path) -> None:
    """looplint offers no fix-all then, and the recipe does not turn that into an error."""
    run, copy = run_emacs(tmp_path, "two_fetches.py", "save", findings=2)

    assert run.event("second_save")["messages"] == []
    assert copy.path.read_text(encoding="utf-8") == safely_fixed(copy.original)
