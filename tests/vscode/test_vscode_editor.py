"""The packaged extension in a real VS Code (code-server in headless Chromium), used by hand.

Each test opens its own workspace folder whose settings point looplint.interpreter at a bare
Python 3.10 (standard library only), so the server runs from the .vsix's bundled libraries.
Screenshots of every step are left in tests/artifacts/vscode/<test name>/.
"""

from __future__ import annotations

import json
from pathlib import Path

from code_server import CodeServer
from conftest import pyenv_python, run_node

SAMPLE = """\
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 42


async def main():
    return asyncio.run(fetch())
"""
FINDING_LINE = 10  # 1-based, as the Problems panel shows it
FIX_TITLE = "looplint (LOOP101): Replace with `await fetch()`"


def make_workspace(root: Path, settings: dict[str, object], name: str = "project") -> Path:
    workspace = root / name
    (workspace / ".vscode").mkdir(parents=True)
    (workspace / ".vscode" / "settings.json").write_text(json.dumps(settings, indent=2))
    (workspace / "service.py").write_text(SAMPLE)
    return workspace


def test_quick_fix_from_the_ctrl_dot_menu_is_saved_to_disk(
    code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    workspace = make_workspace(tmp_path, {"looplint.interpreter": str(pyenv_python("3.10"))})

    run_node(
        "quick_fix.mjs",
        {
            "WORKBENCH_URL": code_server.url_for(workspace),
            "ARTIFACTS": str(artifacts),
            "FILE": "service.py",
            "LINE": str(FINDING_LINE),
            "FIX_TITLE": FIX_TITLE,
        },
    )

    assert (workspace / "service.py").read_text() == SAMPLE.replace(
        "return asyncio.run(fetch())", "return await fetch()"
    )


def test_fix_all_on_save_is_saved_to_disk(
    code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    workspace = make_workspace(
        tmp_path,
        {
            "looplint.interpreter": str(pyenv_python("3.10")),
            "editor.codeActionsOnSave": {"source.fixAll.looplint": "explicit"},
        },
    )

    run_node(
        "fix_all_on_save.mjs",
        {
            "WORKBENCH_URL": code_server.url_for(workspace),
            "ARTIFACTS": str(artifacts),
            "FILE": "service.py",
        },
    )

    assert "return await fetch()" in (workspace / "service.py").read_text()


def test_too_old_python_gives_one_notification_saying_what_to_do(
    code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    old_python = pyenv_python("3.9")
    workspace = make_workspace(tmp_path, {"looplint.interpreter": str(old_python)})

    run_node(
        "missing_python.mjs",
        {
            "WORKBENCH_URL": code_server.url_for(workspace),
            "ARTIFACTS": str(artifacts),
            "FILE": "service.py",
            "EXPECTED_MESSAGE": "looplint needs Python 3.10 or newer",
        },
    )


def output_channel_log(code_server: CodeServer, marker: str) -> list[str]:
    """The lines of the *looplint* output channel of the window whose log mentions ``marker``."""
    logs = sorted((code_server.user_data / "logs").rglob("*looplint*.log"))
    texts = [path.read_text(encoding="utf-8") for path in logs]
    matching = [text for text in texts if marker in text]
    assert len(matching) == 1, f"no single looplint output mentions {marker!r} among {logs}"
    return matching[0].splitlines()


def test_a_bad_setting_is_one_notification_and_the_log_stays_quiet(
    code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    """looplint.logLevel is left at its default (warning); the server is restarted once."""
    folder = "bad-setting-project"
    workspace = make_workspace(
        tmp_path,
        {"looplint.interpreter": str(pyenv_python("3.10")), "looplint.select": ["LOOP999"]},
        name=folder,
    )
    message = f"looplint.select: unknown rule code or prefix 'LOOP999' (folder {folder})"

    run_node(
        "bad_setting.mjs",
        {
            "WORKBENCH_URL": code_server.url_for(workspace),
            "ARTIFACTS": str(artifacts),
            "FILE": "service.py",
            "EXPECTED_MESSAGE": message,
        },
    )

    lines = output_channel_log(code_server, message)
    print("\n".join(lines))
    assert len([line for line in lines if line.endswith("server running")]) == 2
    assert len([line for line in lines if message in line]) == 2, "once per server start"
    server_records = [line for line in lines if " looplint." in line]
    assert [line for line in server_records if "INFO" in line or "[Info" in line] == []
    assert [line for line in lines if "exited with code 0" in line] == []
