"""code-server: the real VS Code workbench and Node extension host, served to a headless browser.

code-server 4.100.3 (VS Code 1.100.3) is the newest release that runs on the Node 20 this machine
has. It is pinned by code-server/package-lock.json and installed with `npm ci` into .cache/, where
it is reused while the lock file is unchanged. Everything it writes (settings, logs, extensions,
its own config) goes into a folder the caller owns, never into the real home folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
PINNED = HERE / "code-server"

# @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall unless
# this file is already in its cache; Debian's ripgrep package provides the binary instead.
RIPGREP_CACHE_FILE = (
    "vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
)

# User settings that keep the workbench quiet and offline (no telemetry, update checks,
# recommendations or experiments) and without the workspace-trust prompt, which would keep
# the extension from activating.
USER_SETTINGS = {
    "security.workspace.trust.enabled": False,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "workbench.enableExperiments": False,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "workbench.colorTheme": "Default Light Modern",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.disableAIFeatures": True,
    "npm.fetchOnlinePackageInfo": False,
    "typescript.disableAutomaticTypeAcquisition": True,
    "git.enabled": False,
    "editor.minimap.enabled": False,
}


def install_code_server(log_file: Path, say: Callable[[str], None]) -> Path:
    """Installs the pinned code-server (once per lock file) and returns its executable.

    The install builds native modules and takes minutes on a small machine: `say` tells so."""
    target = CACHE / "code-server"
    executable = target / "node_modules" / ".bin" / "code-server"
    lock = (PINNED / "package-lock.json").read_text()
    stamp = target / "installed-from.package-lock.json"
    if executable.exists() and stamp.exists() and stamp.read_text() == lock:
        return executable
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PINNED / name, target / name)
    npm_tmp = target / "tmp"
    _seed_ripgrep_cache(npm_tmp)
    node_prefix = Path(shutil.which("node") or "/usr/bin/node").resolve().parent.parent
    env = {
        **os.environ,
        "TMPDIR": str(npm_tmp),
        # node-pty's install script runs `npx node-gyp`; npx must not stop to ask.
        "npm_config_yes": "true",
        # Build the native modules against the installed Node's headers, not a download.
        "npm_config_nodedir": str(node_prefix),
        # code-server's postinstall refuses to run as root without it.
        "npm_config_unsafe_perm": "true",
    }
    say(f"installing code-server with npm ci, native modules included (log: {log_file}) ...")
    started = time.monotonic()
    with log_file.open("w") as log:
        subprocess.run(
            ["npm", "ci", "--unsafe-perm", "--foreground-scripts", "--no-audit", "--no-fund"],
            cwd=target,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    shutil.rmtree(npm_tmp, ignore_errors=True)
    stamp.write_text(lock)
    say(f"installing code-server: done in {time.monotonic() - started:.0f} s")
    return executable


def _seed_ripgrep_cache(tmp: Path) -> None:
    rg = shutil.which("rg")
    if rg is None:
        raise RuntimeError("ripgrep is missing: run .ci/install-system-deps")
    archive = tmp / RIPGREP_CACHE_FILE
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(rg, arcname="rg")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class CodeServer:
    """One code-server process serving any folder on this machine at http://127.0.0.1:<port>/."""

    executable: Path
    home: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None
    #: Where the installed .vsix was unpacked (set by install_extension).
    extension_dir: Path | None = None

    @property
    def user_data(self) -> Path:
        return self.home / "user-data"

    @property
    def extensions_dir(self) -> Path:
        return self.home / "extensions"

    @property
    def log_file(self) -> Path:
        return self.home / "code-server.log"

    def url_for(self, folder: Path) -> str:
        return f"http://127.0.0.1:{self.port}/?folder={folder}"

    def _env(self) -> dict[str, str]:
        # A desktop session does not set PYTHONDONTWRITEBYTECODE; with it the bundled server
        # would not compile its bytecode into the extension's storage as it does for users.
        inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return {
            **inherited,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "TMPDIR": tempfile.gettempdir(),
            # No extension gallery: the workbench makes no requests beyond 127.0.0.1.
            "EXTENSIONS_GALLERY": "{}",
        }

    def _dirs(self) -> list[str]:
        return [
            "--user-data-dir",
            str(self.user_data),
            "--extensions-dir",
            str(self.extensions_dir),
        ]

    def install_extension(self, vsix: Path) -> Path:
        """Installs a .vsix as a user would and returns the folder it was unpacked into."""
        (self.user_data / "User" / "globalStorage").mkdir(parents=True, exist_ok=True)
        self.extensions_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(self.executable), *self._dirs(), "--force", "--install-extension", str(vsix)],
            env=self._env(),
            check=True,
            capture_output=True,
        )
        manifest = json.loads((self.extensions_dir / "extensions.json").read_text())
        self.extension_dir = Path(manifest[0]["location"]["path"])
        return self.extension_dir

    def write_user_settings(self) -> None:
        settings = self.user_data / "User" / "settings.json"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(USER_SETTINGS, indent=2))

    def start(self, timeout: float = 60) -> None:
        """Starts code-server and waits until it answers on /healthz."""
        log = self.log_file.open("wb")
        self.process = subprocess.Popen(
            [
                str(self.executable),
                "--auth=none",
                f"--bind-addr=127.0.0.1:{self.port}",
                "--disable-telemetry",
                "--disable-update-check",
                "--disable-workspace-trust",
                "--disable-getting-started-override",
                "--disable-proxy",
                "--ignore-last-opened",
                *self._dirs(),
            ],
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"code-server exited early; see {self.log_file}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"code-server did not answer within {timeout} s; see {self.log_file}")

    def stop(self) -> None:
        """Stops code-server; its extension hosts and their language servers end with it."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
