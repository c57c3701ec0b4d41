"""`looplint check` imports only what checking needs: never the language server (pygls,
lsprotocol, ``looplint.lsp``), and jedi only when a call really needs inference. Importing is
most of what checking one small file costs.

Read from ``python -X importtime``, which names every module a process (and the workers it
forks) imports, on stderr.
"""

from __future__ import annotations

import subprocess
import sys

from cli_project import STARTS_A_LOOP, Project

LANGUAGE_SERVER = ("pygls", "lsprotocol", "cattrs", "looplint.lsp", "looplint.pylsp_plugin")
INFERENCE = ("jedi", "parso")
# The version is a constant of the package: asking importlib.metadata costs a tenth of start-up.
METADATA = ("importlib.metadata",)
# Enough files for `check` to share them out among worker processes (cli/parallel.py).
MANY_MODULES = 40


def imported_modules(project: Project, *args: str) -> set[str]:
    """The modules ``looplint check ARGS`` imports, in its process and in its workers."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "looplint", "check", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def among(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    """The modules that are one of ``packages`` or inside one."""
    return {
        name
        for name in modules
        if any(name == package or name.startswith(package + ".") for package in packages)
    }


def test_checking_one_file_imports_neither_server_nor_inference(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    modules = imported_modules(project, "app.py")
    assert "looplint.engine.analysis" in modules  # the measure sees what it should
    assert among(modules, LANGUAGE_SERVER + INFERENCE + METADATA) == set()


def test_a_project_resolved_by_looplint_itself_never_imports_jedi(project: Project) -> None:
    """Calls across modules that imports resolve (LOOP201), checked by worker processes."""
    project.write("shop/__init__.py", "")
    project.write("shop/client.py", "import asyncio\n\n\ndef load():\n    asyncio.run(f())\n")
    for number in range(MANY_MODULES):
        project.write(
            f"app{number}.py", "from shop.client import load\n\n\nasync def h():\n    load()\n"
        )
    modules = imported_modules(project, "--output-format", "json", ".")
    assert "concurrent.futures.process" in modules
    assert among(modules, LANGUAGE_SERVER + INFERENCE) == set()


def test_jedi_is_imported_when_a_call_needs_inference(project: Project) -> None:
    """The other side: `client.load()` after `client = get_client()`, which only jedi can
    resolve (see test_project_check)."""
    project.write("shop/__init__.py", "")
    project.write(
        "shop/client.py",
        "import asyncio\n\n\nasync def fetch():\n    return 1\n\n\nclass Client:\n"
        "    def load(self):\n        return asyncio.run(fetch())\n\n\n"
        "def get_client():\n    return Client()\n",
    )
    project.write(
        "app.py",
        "from shop.client import Client, get_client\n\n\nasync def handler():\n"
        "    client = get_client()\n    return client.load()\n",
    )
    modules = imported_modules(project, ".")
    assert "jedi" in modules
    assert among(modules, LANGUAGE_SERVER) == set()
