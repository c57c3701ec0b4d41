"""A real JupyterLab with jupyterlab-lsp in a virtual environment of its own, for browser tests.

Each set-up is what a user installs (`pip install looplint jupyterlab jupyterlab-lsp`, with or
without python-lsp-server), pinned, into ``.cache/<name>`` once; looplint is installed from this
repository in editable mode, so the environment always runs the code under test. The server runs
on localhost without a token, in a temporary root, with its own Jupyter configuration folders.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).parents[2]
CACHE = Path(__file__).parent / ".cache"
JUPYTERLAB = ("jupyterlab==4.6.6", "jupyterlab-lsp==5.3.0")


@dataclass(frozen=True)
class LabSetup:
    """One way looplint reaches JupyterLab: its own server, or pylsp with the plugin."""

    name: str
    requirements: tuple[str, ...]
    language_server: str
    """The jupyter-lsp session that must serve Python notebooks."""


LOOPLINT_SERVER = LabSetup("looplint-server", JUPYTERLAB, "looplint")
PYLSP_PLUGIN = LabSetup("pylsp-plugin", (*JUPYTERLAB, "python-lsp-server==1.15.0"), "pylsp")


def lab_environment(setup: LabSetup) -> Path:
    """The set-up's virtual environment, created and installed on first use."""
    folder = CACHE / setup.name
    stamp = folder / "installed-requirements.txt"
    wanted = "\n".join((*setup.requirements, f"-e {REPO}"))
    if stamp.exists() and stamp.read_text() == wanted:
        return folder
    say(f"installing JupyterLab set-up {setup.name!r} into {folder} (once; a minute or two)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
    subprocess.run(
        [str(folder / "bin" / "pip"), "install", "--quiet", *setup.requirements, "-e", str(REPO)],
        check=True,
        capture_output=True,
    )
    stamp.write_text(wanted)
    return folder


def say(message: str) -> None:
    """A progress line on the terminal, past pytest's capture: long steps say what they do."""
    print(f"[jupyterlab] {message}", file=sys.__stderr__, flush=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class JupyterLab:
    """``jupyter lab`` from ``environment`` serving ``root`` at http://127.0.0.1:<port>/."""

    environment: Path
    root: Path
    home: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def log_file(self) -> Path:
        return self.home / "jupyter-lab.log"

    def url_for(self, notebook: str) -> str:
        return f"http://127.0.0.1:{self.port}/lab/tree/{notebook}"

    def start(self, timeout: float = 90) -> None:
        env = {
            **os.environ,
            "HOME": str(self.home),
            "JUPYTER_CONFIG_DIR": str(self.home / "config"),
            "JUPYTER_DATA_DIR": str(self.home / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
            "IPYTHONDIR": str(self.home / "ipython"),
            "PATH": f"{self.environment / 'bin'}{os.pathsep}{os.environ['PATH']}",
        }
        command = [
            str(self.environment / "bin" / "jupyter"),
            "lab",
            "--allow-root",  # CI runs as root
            "--no-browser",
            f"--port={self.port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={self.root}",
        ]
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited:\n{self.log_file.read_text()}")
            try:
                self.language_servers()
                return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"jupyter lab did not start:\n{self.log_file.read_text()}")

    def language_servers(self) -> dict[str, object]:
        """jupyter-lsp's sessions: the language servers it found, by name."""
        status_url = f"http://127.0.0.1:{self.port}/lsp/status"
        with urllib.request.urlopen(status_url, timeout=5) as response:
            return json.load(response)["sessions"]

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
