"""The installed extension, checked through the real `vscode` API inside VS Code's extension host.

The specifications themselves are extension_host/files.js, notebooks.js and first_start.js;
this runs each in a fresh workspace and reports its result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from code_server import CodeServer
from conftest import HERE, pyenv_python, run_node


def run_specification(
    specification: str, code_server: CodeServer, workspace: Path, artifacts: Path
) -> None:
    """Runs one specification in a fresh extension host; the server is the bundled copy."""
    (workspace / ".vscode").mkdir(parents=True)
    settings = {"looplint.interpreter": str(pyenv_python("3.10")), "looplint.logLevel": "debug"}
    (workspace / ".vscode" / "settings.json").write_text(json.dumps(settings))
    assert code_server.extension_dir is not None

    output = run_node(
        "extension_host.mjs",
        {
            "CODE_SERVER_ORIGIN": f"http://127.0.0.1:{code_server.port}",
            "WORKSPACE": str(workspace),
            "EXTENSION_DIR": str(code_server.extension_dir),
            "TESTS": str(HERE / "extension_host" / specification),
            "ARTIFACTS": str(artifacts),
        },
    )

    assert "not ok" not in output
    assert "all passed" in output


@pytest.mark.parametrize("specification", ["files.js", "notebooks.js"])
def test_extension_host_specification(
    specification: str, code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    run_specification(specification, code_server, tmp_path / "project", artifacts)


def test_the_bundled_server_compiles_its_bytecode_into_the_extensions_storage(
    code_server: CodeServer, tmp_path: Path, artifacts: Path
) -> None:
    storage = code_server.user_data / "User" / "globalStorage" / "looplint.looplint" / "bytecode"
    run_specification("first_start.js", code_server, tmp_path / "project", artifacts)

    assert code_server.extension_dir is not None
    compiled = {path.name.split(".")[0] for path in storage.rglob("looplint/**/*.pyc")}
    assert {"__main__", "server", "analysis"} <= compiled
    assert list(code_server.extension_dir.rglob("__pycache__")) == []
