"""Fixtures for the VS Code tests: the packaged extension, one code-server per session, workspaces.

Everything is installed on first use (Node packages from the npm registry, the .vsix by
`make vsix`); nothing is skipped for a missing tool under CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from code_server import CodeServer, install_code_server

REPO = Path(__file__).parents[2]
HERE = Path(__file__).parent
DRIVER = HERE / "driver"
ARTIFACTS = REPO / "tests" / "artifacts" / "vscode"
PYENV_VERSIONS = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"


def require_tool(name: str) -> str:
    """The path of a program the tests need; its absence is a failure under CI, a skip elsewhere."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is missing; `make system-deps` (.ci/install-system-deps) installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def pyenv_python(minor: str) -> Path:
    """A bare interpreter of the given version (pyenv), with nothing but the standard library."""
    candidates = sorted(PYENV_VERSIONS.glob(f"{minor}.*/bin/python"))
    if not candidates:
        message = f"Python {minor} is missing from {PYENV_VERSIONS}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return candidates[-1]


def run_node(script: str, env: dict[str, str], timeout: float = 180) -> str:
    """Runs a driver script with node and fails the test with its output when it fails.

    Chromium keeps crash reports under $XDG_CONFIG_HOME whatever its profile; point that into
    the cache so the tests leave nothing in the real home folder.
    """
    browser_home = HERE / ".cache" / "browser-home"
    result = subprocess.run(
        ["node", script],
        cwd=DRIVER,
        env={
            **os.environ,
            "XDG_CONFIG_HOME": str(browser_home / "config"),
            "XDG_CACHE_HOME": str(browser_home / "cache"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = result.stdout + result.stderr
    print(output)
    assert result.returncode == 0, f"{script} failed:\n{output}"
    return output


def announcer(config: pytest.Config) -> Callable[[str], None]:
    """Writes a line to the terminal past pytest's output capture, so a long set-up step is not
    silent (`make vsix`, code-server's npm ci with its native builds)."""

    def say(message: str) -> None:
        capture = config.pluginmanager.getplugin("capturemanager")
        reporter = config.pluginmanager.getplugin("terminalreporter")
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"[vscode tests] {message}")

    return say


@contextmanager
def long_step(config: pytest.Config, what: str) -> Iterator[None]:
    """Says what a long step does before it starts and how long it took once it is done."""
    say = announcer(config)
    say(f"{what} ...")
    started = time.monotonic()
    yield
    say(f"{what}: done in {time.monotonic() - started:.0f} s")


def run_quietly(command: list[str], cwd: Path) -> None:
    """Runs a build command; its output is shown only when it fails."""
    result = subprocess.run(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}")


def artifacts_for(request: pytest.FixtureRequest) -> Path:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def node_tools() -> None:
    """Node and npm, plus Chromium for the browser tests."""
    require_tool("node")
    require_tool("npm")


@pytest.fixture(scope="session")
def vsix(node_tools: None, pytestconfig: pytest.Config) -> Path:
    """The extension packaged exactly as `make vsix` ships it."""
    with long_step(pytestconfig, "building vscode-client/looplint.vsix with `make vsix`"):
        run_quietly(["make", "--no-print-directory", "vsix"], cwd=REPO)
    return REPO / "vscode-client" / "looplint.vsix"


@pytest.fixture(scope="session")
def driver(node_tools: None, pytestconfig: pytest.Config) -> Path:
    """playwright-core, pinned by driver/package-lock.json."""
    require_tool("chromium")
    lock = (DRIVER / "package-lock.json").read_text()
    stamp = DRIVER / "node_modules" / ".installed-from.package-lock.json"
    if not stamp.exists() or stamp.read_text() != lock:
        with long_step(
            pytestconfig, "installing playwright-core into tests/vscode/driver (npm ci)"
        ):
            run_quietly(["npm", "ci", "--no-audit", "--no-fund"], cwd=DRIVER)
        stamp.write_text(lock)
    return DRIVER


@pytest.fixture(scope="session")
def code_server(
    vsix: Path, driver: Path, tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[CodeServer]:
    """A running code-server with the .vsix installed, shared by the session's tests."""
    require_tool("rg")
    home = tmp_path_factory.mktemp("code-server-home")
    executable = install_code_server(home / "npm-ci.log", announcer(pytestconfig))
    server = CodeServer(executable=executable, home=home)
    server.install_extension(vsix)
    server.write_user_settings()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        logs = ARTIFACTS / "code-server-logs"
        shutil.rmtree(logs, ignore_errors=True)
        shutil.copytree(server.user_data / "logs", logs, dirs_exist_ok=True)


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    """Where a test leaves its screenshots (tests/artifacts/vscode/<test name>/)."""
    return artifacts_for(request)
