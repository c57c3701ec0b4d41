"""jupyter-lsp's spec for looplint: offered for Python notebooks only when no other Python
language server is installed (jupyterlab-lsp would use just one of the two).

Each case runs the spec in a bare interpreter whose modules and ``PATH`` are what the case says,
as jupyter-lsp runs it in the Jupyter server's environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SERVER_PACKAGE = Path(__file__).parents[1] / "server"
ASK_SPEC = (
    "import json; from looplint.jupyter_lsp_spec import looplint_spec; "
    "print(json.dumps(looplint_spec(None)))"
)


def spec_in(tmp_path: Path, *, modules: list[str] = (), commands: list[str] = ()) -> dict:  # type: ignore[assignment]
    site = tmp_path / "site"
    bin_folder = tmp_path / "bin"
    site.mkdir()
    bin_folder.mkdir()
    for module in modules:
        (site / module).mkdir()
        (site / module / "__init__.py").write_text("")
    for command in commands:
        (bin_folder / command).write_text("#!/bin/sh\n")
        (bin_folder / command).chmod(0o755)
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path[:0] = {[str(SERVER_PACKAGE), str(site)]!r}; {ASK_SPEC}",
        ],
        env={"PATH": f"{bin_folder}{os.pathsep}/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_alone_it_offers_looplints_server_for_python(tmp_path: Path) -> None:
    spec = spec_in(tmp_path)["looplint"]

    assert spec["languages"] == ["python"]
    assert spec["argv"][1:] == ["-m", "looplint", "server"]
    assert spec["requires_documents_on_disk"] is False
    assert spec["version"] == 2


@pytest.mark.parametrize("module", ["pylsp", "jedi_language_server"])
def test_beside_a_python_server_module_it_offers_nothing(tmp_path: Path, module: str) -> None:
    assert spec_in(tmp_path, modules=[module]) == {}


@pytest.mark.parametrize("command", ["pyright-langserver", "basedpyright-langserver"])
def test_beside_a_python_server_command_it_offers_nothing(tmp_path: Path, command: str) -> None:
    assert spec_in(tmp_path, commands=[command]) == {}
