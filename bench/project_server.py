"""The language server on the corpus's largest project: its index, and an edit felt across files.

LOOP201 makes a file's diagnostics depend on other files: once a helper stops starting an event
loop, the coroutine calling it from another module is no longer at fault. With the largest
package opened as the only workspace folder, this measures how long the server's initial index
takes, the memory it holds once built, and how long after an edit to a helper the diagnostics of
a module calling it are updated: for a client that receives pushed diagnostics, and for one
that pulls them when the server asks it to (``workspace/diagnostic/refresh``).

The helper and its caller are two small modules written beside the package's own sources for
the measurement, and removed afterwards: the corpus is reused by later runs.
"""

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus_builder import STDLIB_FOLDER, Corpus
from looplint.lsp.analysis_scheduler import EDIT_DEBOUNCE_SECONDS
from looplint.project.modules import SRC_FOLDER, ModuleNames
from lsp_client import JsonObject, Received, ServerError, resident_memory_mb
from samples import Samples
from server_session import ServerSession, diagnostic_items, running_server

LOOP201 = "LOOP201"

HELPER_NAME = "looplint_bench_helper.py"
CALLER_NAME = "looplint_bench_caller.py"

_HELPER_LINES = (
    "import asyncio",
    "",
    "",
    "async def fetch():",
    "    return {}",
    "",
    "",
    "def load():",
)
_RETURN = "    return "
LOOP_START = "asyncio.run(fetch())"
NO_LOOP_START = "{}"
"""What the edit puts in place of ``LOOP_START``, and takes out again."""

CALLER_TEMPLATE = "from {helper} import load\n\n\nasync def handler():\n    return load()\n"

_CLIENT_BASE: JsonObject = {
    "general": {"positionEncodings": ["utf-16"]},
    "window": {"workDoneProgress": True},
}
PUSH_CLIENT: JsonObject = {
    **_CLIENT_BASE,
    "textDocument": {
        "synchronization": {"dynamicRegistration": False},
        "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
    },
}
"""A client that cannot pull: the server publishes every document's diagnostics."""
PULL_CLIENT: JsonObject = {
    **_CLIENT_BASE,
    "textDocument": {
        "synchronization": {"dynamicRegistration": False},
        "diagnostic": {"dynamicRegistration": False, "relatedDocumentSupport": False},
    },
    "workspace": {"diagnostics": {"refreshSupport": True}},
}
"""A client that pulls, and pulls again when the server asks: VS Code's language client."""

SETTLE_SECONDS = 1.0
"""Quiet time after opening the helper, before the first edit: any re-analysis its opening
caused is over, and its messages are discarded."""
UPDATE_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class ClientFigures:
    """One server session, driven by one kind of client."""

    model: str
    """"push" or "pull"."""
    index_seconds: float | None
    """From ``initialized`` to the end of the index build's ``$/progress``, if announced."""
    rss_mb: float
    """Resident memory once the index was built."""
    peak_rss_mb: float
    """Resident high-water mark since start-up, read at the same time."""
    loop_removed: Samples
    """From each ``didChange`` taking the helper's loop start out until the caller's diagnostics
    no longer report LOOP201, debounce subtracted."""
    loop_restored: Samples
    """The same for the edits putting it back, until LOOP201 is reported again."""

    @property
    def caller_updated(self) -> Samples:
        """Every edit, both ways."""
        return Samples.of(self.loop_removed.seconds + self.loop_restored.seconds)


@dataclass(frozen=True)
class ProjectServerFigures:
    folder: str
    """The corpus folder opened as the workspace folder."""
    files: int
    lines: int
    helper: str
    """Corpus-relative path of the edited module."""
    caller: str
    """Corpus-relative path of the module calling it, whose diagnostics are awaited."""
    debounce_seconds: float
    edits: int
    """Edits asked for per client."""
    clients: tuple[ClientFigures, ...]


def largest_project(corpus: Corpus) -> str | None:
    """The corpus folder with the most lines, the stdlib aside (it is no one project)."""
    projects = [folder for folder in corpus.folders() if folder != STDLIB_FOLDER]
    return max(projects, key=corpus.lines_under, default=None)


def measure_project_server(corpus: Corpus, folder: str, edits: int) -> ProjectServerFigures:
    """Index time, memory and edit-to-caller latency, with a push client, then a pull client.

    Each client gets a server of its own, so each index build is measured from a cold start.
    """
    project = corpus.root / folder
    with _helper_and_caller(project) as (helper, caller):
        clients = tuple(
            _measure_client(project, helper, caller, capabilities, edits)
            for capabilities in (PUSH_CLIENT, PULL_CLIENT)
        )
    return ProjectServerFigures(
        folder=folder,
        files=len(corpus.files_under(folder)),
        lines=corpus.lines_under(folder),
        helper=helper.relative_to(corpus.root).as_posix(),
        caller=caller.relative_to(corpus.root).as_posix(),
        debounce_seconds=EDIT_DEBOUNCE_SECONDS,
        edits=edits,
        clients=clients,
    )


def source_folder(project: Path) -> Path:
    """Where the project's own modules live: its package named after it (in ``src/`` or not),
    else its top folder."""
    for package in (project / project.name, project / SRC_FOLDER / project.name):
        if (package / "__init__.py").is_file():
            return package
    return project


def helper_text(*, starts_loop: bool) -> str:
    result = LOOP_START if starts_loop else NO_LOOP_START
    return "\n".join([*_HELPER_LINES, _RETURN + result]) + "\n"


@contextlib.contextmanager
def _helper_and_caller(project: Path) -> Iterator[tuple[Path, Path]]:
    """Write the two modules beside the project's sources; remove them whatever happens.

    The caller imports the helper by the module name the server gives it (relative to the
    workspace folder, or to its ``src/``), so the server can follow the call.
    """
    folder = source_folder(project)
    helper, caller = folder / HELPER_NAME, folder / CALLER_NAME
    module = ModuleNames(project).module_for(helper)
    if module is None:
        raise ServerError(f"{helper} would not be a module of the workspace {project}")
    try:
        helper.write_text(helper_text(starts_loop=True), encoding="utf-8")
        caller.write_text(CALLER_TEMPLATE.format(helper=module.name), encoding="utf-8")
        yield helper, caller
    finally:
        helper.unlink(missing_ok=True)
        caller.unlink(missing_ok=True)


def _measure_client(
    project: Path, helper: Path, caller: Path, capabilities: JsonObject, edits: int
) -> ClientFigures:
    """Start a server on ``project``, read its memory once indexed, then edit the helper
    ``edits`` times, alternately taking its loop start out and putting it back."""
    with running_server([project], capabilities) as session:
        rss_mb, peak_rss_mb = resident_memory_mb(session.client.pid)
        helper_uri, caller_uri = helper.as_uri(), caller.as_uri()
        session.open(caller_uri, caller.read_text(encoding="utf-8"))
        _caller_reports_loop201(session, caller_uri)
        session.open(helper_uri, helper.read_text(encoding="utf-8"))
        session.diagnostics(helper_uri)
        time.sleep(SETTLE_SECONDS)
        session.client.discard_notifications()
        latencies: dict[bool, list[float]] = {False: [], True: []}
        for index in range(edits):
            starts_loop = index % 2 == 1
            sent_at = session.change(helper_uri, [_loop_start_change(starts_loop=starts_loop)])
            updated = _caller_after_edit(
                session, caller_uri, helper_uri, expect_loop201=starts_loop
            )
            latencies[starts_loop].append(updated.at - sent_at - EDIT_DEBOUNCE_SECONDS)
            session.client.discard_notifications()
    return ClientFigures(
        model=session.model,
        index_seconds=session.index_seconds,
        rss_mb=rss_mb,
        peak_rss_mb=peak_rss_mb,
        loop_removed=Samples.of(latencies[False]),
        loop_restored=Samples.of(latencies[True]),
    )


def _loop_start_change(*, starts_loop: bool) -> JsonObject:
    """The content change that makes the helper start a loop again, or stop starting one."""
    old, new = (NO_LOOP_START, LOOP_START) if starts_loop else (LOOP_START, NO_LOOP_START)
    line, column = len(_HELPER_LINES), len(_RETURN)
    return {
        "range": {
            "start": {"line": line, "character": column},
            "end": {"line": line, "character": column + len(old)},
        },
        "text": new,
    }


def _caller_reports_loop201(session: ServerSession, caller_uri: str) -> None:
    """Wait for the caller's first diagnostics: they must report the call into the helper."""
    if not _reports_loop201(diagnostic_items(session.diagnostics(caller_uri))):
        raise ServerError(f"{caller_uri}: LOOP201 not reported on the call into the helper")


def _caller_after_edit(
    session: ServerSession, caller_uri: str, helper_uri: str, *, expect_loop201: bool
) -> Received:
    """The first diagnostics of the caller that follow the helper's edit.

    A push client waits for them to be published. A pull client pulls the helper it just
    changed, as an editor pulls the document being typed in, and pulls the caller each time the
    server asks for a new pull, until the caller's diagnostics have changed.
    """
    if session.model == "push":
        return session.client.wait_for_notification(
            "textDocument/publishDiagnostics",
            lambda params: (
                params["uri"] == caller_uri
                and _reports_loop201(params["diagnostics"]) == expect_loop201
            ),
            timeout=UPDATE_TIMEOUT_SECONDS,
        )
    helper_pull, _ = session.client.send_request(
        "textDocument/diagnostic", {"textDocument": {"uri": helper_uri}}
    )
    deadline = time.monotonic() + UPDATE_TIMEOUT_SECONDS
    while True:
        session.client.wait_for_server_request(
            "workspace/diagnostic/refresh", timeout=max(deadline - time.monotonic(), 0)
        )
        pulled = session.diagnostics(caller_uri)
        if _reports_loop201(diagnostic_items(pulled)) == expect_loop201:
            session.client.wait_for_response(helper_pull)
            return pulled


def _reports_loop201(diagnostics: list[JsonObject]) -> bool:
    return any(diagnostic.get("code") == LOOP201 for diagnostic in diagnostics)
