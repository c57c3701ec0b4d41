"""The findings each front end reports for a project on disk, in one comparable form.

``looplint check --output-format json`` counts lines and columns from 1, in code points; the
language server from 0, in the client's units (UTF-16 here, the LSP's default). Both are
turned into a ``Reported``: a path relative to the project root, a 0-based line and a 0-based
UTF-16 column, so that a file with "é🚀" before a call shows any disagreement in columns.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lsp.stdio_client import PULLING_CLIENT, SERVER, framed, messages, notification, request
from pygls.uris import from_fs_path, to_fs_path

CLI = [sys.executable, "-m", "looplint", "check", "--output-format", "json", "."]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
STALL = 60.0
"""Seconds without the awaited message after which the server counts as stuck."""
MAX_ROUNDS = 10
"""Rounds of pulls every file after which the server's answers count as never settling."""


@dataclass(frozen=True, order=True)
class Place:
    """A range in a file of the project: 0-based lines, 0-based UTF-16 columns."""

    path: str
    start: tuple[int, int]
    end: tuple[int, int]

    def __str__(self) -> str:  # 1-based, as an editor shows it
        (line, column), (end_line, end_column) = self.start, self.end
        return f"{self.path}:{line + 1}:{column + 1}-{end_line + 1}:{end_column + 1}"


@dataclass(frozen=True, order=True)
class Step:
    """One step of a finding's related chain."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place} {self.message}"


@dataclass(frozen=True, order=True)
class Reported:
    place: Place
    code: str
    message: str
    related: tuple[Step, ...]

    def __str__(self) -> str:
        return "\n".join(
            [
                f"{self.place} {self.code} {self.message}",
                *(f"    related {s}" for s in self.related),
            ]
        )


def utf16_column(text: str, line: int, code_points: int) -> int:
    """The UTF-16 column of the ``code_points``-th code point of 0-based ``line`` (lines split
    where both front ends split them)."""
    lines = _LINE_BREAK.split(text)
    before = lines[line][:code_points] if line < len(lines) else ""
    return len(before.encode("utf-16-le")) // 2


class ProjectTexts:
    """The files of a project on disk, read once, for converting CLI columns."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str] = {}

    def place(self, path: str, json_range: dict[str, dict[str, int]]) -> Place:
        """A ``Place`` from the CLI's 1-based code-point range in ``path`` (relative to root)."""
        relative = Path(path).as_posix()
        if relative not in self._texts:
            self._texts[relative] = (self.root / relative).read_text(encoding="utf-8")
        text = self._texts[relative]

        def converted(position: dict[str, int]) -> tuple[int, int]:
            line = position["line"] - 1
            return line, utf16_column(text, line, position["column"] - 1)

        return Place(relative, converted(json_range["start"]), converted(json_range["end"]))


def cli_findings(completed: subprocess.CompletedProcess[bytes], root: Path) -> list[Reported]:
    """The findings of a finished ``CLI`` run in ``root``, sorted."""
    stderr = completed.stderr.decode("utf-8", "replace")
    assert completed.returncode in (0, 1), f"looplint check failed:\n{stderr}"
    texts = ProjectTexts(root)
    return sorted(
        Reported(
            place=texts.place(finding["path"], finding["range"]),
            code=finding["code"],
            message=finding["message"],
            related=tuple(
                Step(texts.place(step["path"], step["range"]), step["message"])
                for step in finding["related"]
            ),
        )
        for finding in json.loads(completed.stdout)
    )


def start_cli(root: Path) -> subprocess.Popen[bytes]:
    """``looplint check --output-format json .`` in ``root``, running beside the server."""
    return subprocess.Popen(CLI, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_cli(process: subprocess.Popen[bytes], root: Path) -> list[Reported]:
    stdout, stderr = process.communicate(timeout=300)
    completed = subprocess.CompletedProcess(CLI, process.returncode, stdout, stderr)
    return cli_findings(completed, root)


def python_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def server_findings(root: Path) -> list[Reported]:
    """What the language server reports with ``root`` as its workspace folder, once the index
    is built, every ``.py`` file is open and each has been pulled until two rounds agree."""
    client = WorkspaceClient(root)
    try:
        client.wait_for_index()
        files = python_files(root)
        for path in files:
            client.open(path)
        rounds = []
        while len(rounds) < MAX_ROUNDS:
            refreshes = client.refreshes
            rounds.append(sorted(f for path in files for f in client.pull(path)))
            if rounds[-2:] == [rounds[-1]] * 2 and client.refreshes == refreshes:
                return rounds[-1]
        raise AssertionError(f"the server's diagnostics did not settle in {MAX_ROUNDS} rounds")
    finally:
        client.close()


CAPABILITIES = {
    **PULLING_CLIENT,
    "textDocument": {
        **PULLING_CLIENT["textDocument"],
        "publishDiagnostics": {"relatedInformation": True},
    },
    "window": {"workDoneProgress": True},
}
"""Pulls, can be asked to pull again, takes related locations and shows progress."""


class WorkspaceClient:
    """A pulling client over stdio with one workspace folder: it answers every request the
    server makes with ``null``, counts ``workspace/diagnostic/refresh`` requests and watches
    ``$/progress`` for the end of indexing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.server = subprocess.Popen(
            [*SERVER[:-1], "warning"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.server.stdin is not None and self.server.stdout is not None
        self._stdin: IO[bytes] = self.server.stdin
        self._incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, args=(self.server.stdout,), daemon=True).start()
        self._last_id = 0
        self.refreshes = 0
        self.indexed = False
        folder = from_fs_path(str(root))
        self.request(
            "initialize",
            {
                "capabilities": CAPABILITIES,
                "workspaceFolders": [{"uri": folder, "name": root.name}],
                "rootUri": folder,
            },
        )
        self._send(notification("initialized", {}))

    def _read(self, stdout: IO[bytes]) -> None:
        for message in messages(stdout):
            self._incoming.put(message)
        self._incoming.put(None)

    def _send(self, data: bytes) -> None:
        self._stdin.write(data)
        self._stdin.flush()

    def _next(self) -> dict[str, Any]:
        try:
            message = self._incoming.get(timeout=STALL)
        except queue.Empty:
            raise AssertionError(f"the server said nothing for {STALL} s") from None
        if message is None:
            raise AssertionError("the server closed its output")
        return message

    def _handle(self, message: dict[str, Any]) -> None:
        """A message that is not the answer awaited: answer it or take note of it."""
        method = message.get("method")
        if "id" in message and method is not None:
            self.refreshes += method == "workspace/diagnostic/refresh"
            self._send(framed({"jsonrpc": "2.0", "id": message["id"], "result": None}))
        elif method == "$/progress" and message["params"]["value"].get("kind") == "end":
            self.indexed = True

    def request(self, method: str, params: object) -> Any:
        """The result of ``method``; a protocol error fails the test."""
        self._last_id += 1
        self._send(request(self._last_id, method, params))
        while True:
            message = self._next()
            if "method" not in message and message.get("id") == self._last_id:
                assert "error" not in message, f"{method} failed: {message['error']}"
                return message.get("result")
            self._handle(message)

    def wait_for_index(self) -> None:
        while not self.indexed:
            self._handle(self._next())

    def open(self, path: Path) -> None:
        self._send(
            notification(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": from_fs_path(str(path)),
                        "languageId": "python",
                        "version": 1,
                        "text": path.read_text(encoding="utf-8"),
                    }
                },
            )
        )

    def pull(self, path: Path) -> Iterator[Reported]:
        uri = from_fs_path(str(path))
        report = self.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        for item in report["items"]:
            yield Reported(
                place=self._place(uri, item["range"]),
                code=item["code"],
                message=item["message"],
                related=tuple(
                    Step(self._place(r["location"]["uri"], r["location"]["range"]), r["message"])
                    for r in item.get("relatedInformation") or []
                ),
            )

    def _place(self, uri: str, lsp_range: dict[str, dict[str, int]]) -> Place:
        path = Path(to_fs_path(uri) or uri)
        relative = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else uri
        start, end = lsp_range["start"], lsp_range["end"]
        return Place(relative, (start["line"], start["character"]), (end["line"], end["character"]))

    def close(self) -> None:
        """Shut the server down as a client does; kill it if that fails."""
        try:
            self.request("shutdown", None)
            self._send(notification("exit"))
            self._stdin.close()
            self.server.wait(timeout=STALL)
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()


@dataclass(frozen=True)
class BothReports:
    cli: list[Reported]
    server: list[Reported]


def both_reports(root: Path) -> BothReports:
    """What the CLI and the server report for the project in ``root`` (run side by side)."""
    cli = start_cli(root)
    try:
        server = server_findings(root)
    except BaseException:
        cli.kill()
        cli.wait()
        raise
    return BothReports(finish_cli(cli, root), server)


def disagreement(cli: list[Reported], server: list[Reported], listing: str) -> str:
    """Both sides, and what only one of them reports, for a failing comparison."""

    def lines(findings: list[Reported]) -> str:
        return "\n".join(f"  {f}".replace("\n", "\n  ") for f in findings) or "  (nothing)"

    only_cli = [f for f in cli if f not in server]
    only_server = [f for f in server if f not in cli]
    return (
        "the CLI and the server disagree "
        "(positions are line:column, 1-based, columns in UTF-16 units)\n"
        f"only the CLI reports:\n{lines(only_cli)}\n"
        f"only the server reports:\n{lines(only_server)}\n"
        f"the CLI reports:\n{lines(cli)}\n"
        f"the server reports:\n{lines(server)}\n"
        f"the project:\n{listing}"
    )
