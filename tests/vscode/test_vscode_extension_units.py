"""The extension's own logic (interpreter choice, settings mapping, launch plan, Python probe),
specified in vscode-client/test/unit/ and run with node's test runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO


def test_extension_unit_tests_pass(vsix: Path) -> None:
    result = subprocess.run(
        ["npm", "test", "--silent"], cwd=REPO / "vscode-client", capture_output=True, text=True
    )
    print(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
