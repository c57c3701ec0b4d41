"""Fixtures for the JupyterLab tests: the browser driver and the tools it needs.

Everything is installed on first use (JupyterLab set-ups from PyPI, playwright-core from the npm
registry); under CI a missing tool is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

DRIVER = Path(__file__).parent / "driver"


def require_tool(name: str) -> str:
    """The path of a program the tests need; its absence is a failure under CI, a skip elsewhere."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is missing; `make system-deps` (.ci/install-system-deps) installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def driver() -> Path:
    """playwright-core (pinned by driver/package-lock.json) and Debian's Chromium."""
    for tool in ("node", "npm", "chromium"):
        require_tool(tool)
    lock = (DRIVER / "package-lock.json").read_text()
    stamp = DRIVER / "node_modules" / ".installed-from.package-lock.json"
    if not stamp.exists() or stamp.read_text() != lock:
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=DRIVER, check=True, capture_output=True
        )
        stamp.write_text(lock)
    return DRIVER
