"""looplint in a real JupyterLab with jupyterlab-lsp, driven in Chromium as a person would use it:
a cell that calls ``asyncio.run(main())`` is underlined within seconds, hovering explains it, and
typing the fix clears it — with looplint's own server, and through pylsp with looplint's plugin."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jupyter_lab import LOOPLINT_SERVER, PYLSP_PLUGIN, JupyterLab, LabSetup, lab_environment, say

ARTIFACTS = Path(__file__).parents[1] / "artifacts" / "jupyterlab"
RUNTIME_ERROR = "asyncio.run() cannot be called from a running event loop"
CELLS = [
    ("code", "import asyncio\n\n\nasync def main():\n    return 42\n"),
    ("markdown", "# Results\n"),
    ("code", "%time x = 1\nresult = asyncio.run(main())\nresult\n"),
]
FAILING_CELL = 2
FIXED_CELL = "result = await main()\nresult"


def write_notebook(path: Path) -> None:
    cells = [
        {"id": f"cell-{index}", "cell_type": kind, "metadata": {}, "source": source}
        | ({"execution_count": None, "outputs": []} if kind == "code" else {})
        for index, (kind, source) in enumerate(CELLS)
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python", "mimetype": "text/x-python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook, indent=1))


@pytest.mark.parametrize("setup", [LOOPLINT_SERVER, PYLSP_PLUGIN], ids=lambda setup: setup.name)
def test_a_failing_cell_is_underlined_explained_and_cleared_by_typing_the_fix(
    setup: LabSetup, driver: Path, tmp_path: Path
) -> None:
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    home.mkdir()
    write_notebook(root / "demo.ipynb")
    lab = JupyterLab(lab_environment(setup), root, home)
    artifacts = ARTIFACTS / setup.name
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    lab.start()
    try:
        assert list(lab.language_servers()) == [setup.language_server]
        say(f"{setup.name}: opening demo.ipynb in Chromium")
        report = drive_notebook(driver, lab.url_for("demo.ipynb"), artifacts)
    finally:
        lab.stop()
        shutil.copy(lab.log_file, artifacts / "jupyter-lab.log")

    assert report["underlined"] == ["asyncio.run(main())"]
    assert report["secondsToDiagnostic"] < 60
    assert RUNTIME_ERROR in report["diagnosticTooltip"]
    assert "looplint" in report["diagnosticTooltip"]
    if setup is LOOPLINT_SERVER:  # pylsp's hover is jedi's: looplint explains in the diagnostic
        assert report["hover"] is not None
        assert "LOOP301" in report["hover"]
        assert RUNTIME_ERROR in report["hover"]
        assert "Safe fix: Replace with await main()" in report["hover"]
        assert len(report["hover"].splitlines()) <= 12  # the short form, not the rule's document
    assert report["cellAfterEdit"] == FIXED_CELL
    assert report["underlinedAfterEdit"] == []


def drive_notebook(driver: Path, url: str, artifacts: Path) -> dict[str, object]:
    browser_home = driver.parent / ".cache" / "browser-home"
    result = subprocess.run(
        ["node", "notebook.mjs"],
        cwd=driver,
        env={
            **os.environ,
            "LAB_URL": url,
            "ARTIFACTS": str(artifacts),
            "FAILING_CELL": str(FAILING_CELL),
            "FIXED_CELL": FIXED_CELL,
            "XDG_CONFIG_HOME": str(browser_home / "config"),
            "XDG_CACHE_HOME": str(browser_home / "cache"),
        },
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the browser driver failed:\n{output}"
    last_line = re.findall(r"^\{.*\}$", result.stdout, re.MULTILINE)[-1]
    return json.loads(last_line)
