"""The language server as an editor meets it: latency on real files, memory with many files open.

The server is started with ``python -m looplint server`` and driven over stdio by
:mod:`lsp_client`. Diagnostics are pulled (``textDocument/diagnostic``) when the server offers
it, as VS Code and Neovim do; otherwise the client waits for the pushed
``textDocument/publishDiagnostics`` of the version it sent.
"""

import ast
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corpus_builder import Corpus, count_lines, read_python_source
from latency_documents import LatencyDocument
from looplint.lsp.analysis_scheduler import EDIT_DEBOUNCE_SECONDS
from lsp_client import JsonObject, LspClient, Received, ServerError, reap, resident_memory_mb
from samples import Samples

SERVER_ARGV = (sys.executable, "-m", "looplint", "server")

INDEX_TIMEOUT_SECONDS = 300
"""How long the workspace index may take to build before the measurement gives up."""

SERIES_BUDGET_SECONDS = 30
"""Time after which a latency series stops, even short of its repetitions."""
MIN_SAMPLES = 3

CLIENT_CAPABILITIES: JsonObject = {
    "general": {"positionEncodings": ["utf-16"]},
    "window": {"workDoneProgress": True},
    "textDocument": {
        "synchronization": {"dynamicRegistration": False},
        "publishDiagnostics": {"versionSupport": True},
        "diagnostic": {"dynamicRegistration": False, "relatedDocumentSupport": False},
        "codeAction": {
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}
            },
            "resolveSupport": {"properties": ["edit"]},
        },
    },
}


@dataclass(frozen=True)
class DocumentLatency:
    document: LatencyDocument
    diagnostics: int
    """How many diagnostics the server reported for the document."""
    parse: Samples
    """``ast.parse`` of the same text in the benchmark process: the yardstick of the edit target."""
    open_to_diagnostics: Samples
    edit_to_diagnostics: Samples
    """Debounce delay already subtracted."""


@dataclass(frozen=True)
class ServerFigures:
    model: str
    """"pull" or "push": how diagnostics were obtained."""
    debounce_seconds: float
    """The server's wait after an edit before analysing; not configurable, so every edit
    latency has it subtracted."""
    documents: tuple[DocumentLatency, ...]
    code_action_document: LatencyDocument
    code_action: Samples
    code_actions_returned: int
    """How many actions the server offered for that request."""
    repeat: int
    """Samples asked for per series."""
    open_documents: int
    rss_mb: float
    """Resident memory with ``open_documents`` documents open and analyzed."""
    peak_rss_mb: float
    """Resident high-water mark of that same server since it started."""
    workspace_folders: tuple[str, ...]
    """Corpus-relative workspace folders the server was started with."""
    index_seconds: float | None
    """How long the server took to index them, if it announced an index build."""


def measure_server(
    corpus: Corpus, documents: Sequence[LatencyDocument], *, repeat: int, open_documents: int
) -> ServerFigures:
    """Open/edit latency per document, code actions on the middle one, then memory with many
    documents open, all in one server whose workspace is the projects the documents come from."""
    folders = sorted(
        {corpus.root / source.split("/")[0] for doc in documents for source in doc.sources}
    )
    with tempfile.TemporaryFile() as stderr:
        try:
            with _Session.start(corpus.root, folders, stderr) as session:
                latencies = tuple(session.document_latency(doc, repeat) for doc in documents)
                code_action_document = documents[len(documents) // 2]
                code_action, code_actions_returned = session.code_action_latency(
                    code_action_document, repeat
                )
                rss_mb, peak_rss_mb = session.memory_with_open_documents(
                    _spread(corpus.files, open_documents)
                )
                index_seconds = session.index_seconds
        except ServerError as error:
            stderr.seek(0)
            tail = "\n".join(stderr.read().decode("utf-8", "replace").splitlines()[-20:])
            raise ServerError(f"{error}\nserver stderr (last lines):\n{tail}") from error
    return ServerFigures(
        model=session.model,
        debounce_seconds=EDIT_DEBOUNCE_SECONDS,
        documents=latencies,
        code_action_document=code_action_document,
        code_action=code_action,
        code_actions_returned=code_actions_returned,
        repeat=repeat,
        open_documents=open_documents,
        rss_mb=rss_mb,
        peak_rss_mb=peak_rss_mb,
        workspace_folders=tuple(folder.relative_to(corpus.root).as_posix() for folder in folders),
        index_seconds=index_seconds,
    )


class _Session:
    """One server process, initialized, with the helpers each measurement needs."""

    def __init__(
        self, client: LspClient, model: str, corpus_root: Path, initialized_at: float
    ) -> None:
        self.client = client
        self.model = model
        self.corpus_root = corpus_root
        self.initialized_at = initialized_at
        self.index_seconds: float | None = None
        self.versions: dict[str, int] = {}

    @classmethod
    def start(cls, corpus_root: Path, folders: Sequence[Path], stderr: BinaryIO) -> "_Session":
        """Initialize with ``folders`` as workspace folders and wait for their index."""
        client = LspClient(SERVER_ARGV, cwd=folders[0], stderr=stderr)
        try:
            return cls._initialize(client, corpus_root, folders)
        except BaseException:
            client.process.kill()
            reap(client.process)
            raise

    @classmethod
    def _initialize(
        cls, client: LspClient, corpus_root: Path, folders: Sequence[Path]
    ) -> "_Session":
        reply = client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folders[0].as_uri(),
                "workspaceFolders": [
                    {"uri": folder.as_uri(), "name": folder.name} for folder in folders
                ],
                "capabilities": CLIENT_CAPABILITIES,
            },
        )
        server_capabilities = reply.message["result"]["capabilities"]
        model = "pull" if server_capabilities.get("diagnosticProvider") else "push"
        initialized_at = client.notify("initialized", {})
        session = cls(client, model, corpus_root, initialized_at)
        session.wait_for_background_work()
        return session

    def __enter__(self) -> "_Session":
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        """Shut the server down politely after success; after a failure, just stop it."""
        if error_type is None:
            self.client.shutdown()
        else:
            self.client.process.kill()
        reap(self.client.process)

    def wait_for_background_work(self) -> None:
        """Let the workspace index, announced with ``$/progress``, finish before measuring; note
        how long it took.

        Indexing is a one-off cost at start-up; measuring while it runs would charge it to
        whichever request came first.
        """
        try:
            begin = self.client.wait_for_notification(
                "$/progress", lambda params: params["value"].get("kind") == "begin", timeout=2
            )
        except ServerError:
            return  # no index announced
        token = begin.message["params"]["token"]
        end = self.client.wait_for_notification(
            "$/progress",
            lambda params: params["token"] == token and params["value"].get("kind") == "end",
            timeout=INDEX_TIMEOUT_SECONDS,
        )
        self.index_seconds = end.at - self.initialized_at

    def document_latency(self, document: LatencyDocument, repeat: int) -> DocumentLatency:
        def open_once(index: int) -> float:
            uri = self.document_uri(document, f"open{index}")
            sent_at = self.open(uri, document.text)
            latency = self.diagnostics(uri).at - sent_at
            self.close(uri)
            return latency

        opens = _series(repeat, open_once)

        uri = self.document_uri(document, "edits")
        self.open(uri, document.text)
        diagnostics = len(self.diagnostic_items(self.diagnostics(uri)))
        line = _blank_line_near_middle(document.text)
        parses = []

        def edit_once(index: int) -> float:
            sent_at = self.type_one_character(uri, line, insert=index % 2 == 0)
            latency = self.diagnostics(uri).at - sent_at - EDIT_DEBOUNCE_SECONDS
            parses.append(_time_parse(document.text))
            return latency

        edits = _series(repeat, edit_once)
        self.close(uri)
        return DocumentLatency(
            document=document,
            diagnostics=diagnostics,
            parse=Samples.of(parses),
            open_to_diagnostics=opens,
            edit_to_diagnostics=edits,
        )

    def code_action_latency(self, document: LatencyDocument, repeat: int) -> tuple[Samples, int]:
        """The request an editor sends when the cursor rests on a line, and how many it offers.

        The range is the first diagnostic (with it as context) if the file has any, else the
        middle line.
        """
        uri = self.document_uri(document, "actions")
        self.open(uri, document.text)
        items = self.diagnostic_items(self.diagnostics(uri))
        if items:
            context_range, context = items[0]["range"], [items[0]]
        else:
            middle = count_lines(document.text) // 2
            context_range = {
                "start": {"line": middle, "character": 0},
                "end": {"line": middle, "character": 0},
            }
            context = []
        params = {
            "textDocument": {"uri": uri},
            "range": context_range,
            "context": {"diagnostics": context, "triggerKind": 2},
        }
        offered = 0

        def ask_once(_: int) -> float:
            nonlocal offered
            request_id, sent_at = self.client.send_request("textDocument/codeAction", params)
            response = self.client.wait_for_response(request_id)
            offered = len(response.message.get("result") or [])
            return response.at - sent_at

        timings = _series(repeat, ask_once)
        self.close(uri)
        return timings, offered

    def memory_with_open_documents(self, paths: Sequence[Path]) -> tuple[float, float]:
        """Open every file, wait until each has diagnostics, then read the server's memory."""
        uris = [path.as_uri() for path in paths]
        for uri, path in zip(uris, paths, strict=True):
            self.open(uri, read_python_source(path))
        for uri in uris:
            self.diagnostics(uri)
        return resident_memory_mb(self.client.pid)

    def document_uri(self, document: LatencyDocument, purpose: str) -> str:
        """A new file beside the document's first module, so it belongs to that project.

        Each use gets its own URI: no late message about an earlier use can be mistaken for it.
        """
        folder = (self.corpus_root / document.sources[0]).parent
        return (folder / f"bench_{document.lines}_lines_{purpose}.py").as_uri()

    def open(self, uri: str, text: str) -> float:
        self.versions[uri] = 1
        return self.client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
        )

    def close(self, uri: str) -> None:
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.client.discard_notifications()

    def type_one_character(self, uri: str, line: int, *, insert: bool) -> float:
        """Type a space at the start of a blank line, or delete it again: the file stays valid."""
        self.versions[uri] += 1
        end = 1 if not insert else 0
        change = {
            "range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line, "character": end},
            },
            "text": " " if insert else "",
        }
        return self.client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": [change],
            },
        )

    def diagnostics(self, uri: str) -> Received:
        """The diagnostics of the document's current version, pulled or pushed."""
        if self.model == "pull":
            return self.client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        version = self.versions[uri]
        return self.client.wait_for_notification(
            "textDocument/publishDiagnostics",
            lambda params: params["uri"] == uri and params.get("version") == version,
        )

    def diagnostic_items(self, received: Received) -> list[JsonObject]:
        body = received.message.get("result") or received.message.get("params") or {}
        return list(body.get("items") or body.get("diagnostics") or [])


def _series(repeat: int, measure_once: Callable[[int], float]) -> Samples:
    """``measure_once(0)``, ``measure_once(1)``, ... up to ``repeat`` times, stopping early, after
    at least ``MIN_SAMPLES``, once ``SERIES_BUDGET_SECONDS`` have passed: a slow server then
    costs the benchmark minutes, not hours."""
    start = time.monotonic()
    values: list[float] = []
    for index in range(repeat):
        values.append(measure_once(index))
        if len(values) >= MIN_SAMPLES and time.monotonic() - start > SERIES_BUDGET_SECONDS:
            break
    return Samples.of(values)


def _time_parse(text: str) -> float:
    """One ``ast.parse`` of ``text``, timed between edits so both see the same machine load."""
    start = time.perf_counter()
    ast.parse(text)
    return time.perf_counter() - start


def _blank_line_near_middle(text: str) -> int:
    lines = text.split("\n")
    middle = len(lines) // 2
    blanks = [index for index, line in enumerate(lines) if not line.strip()]
    return min(blanks, key=lambda index: abs(index - middle)) if blanks else len(lines) - 1


def _spread(files: Sequence[Path], count: int) -> list[Path]:
    """``count`` files evenly spaced through the corpus, so every part of it is represented."""
    if count >= len(files):
        return list(files)
    step = len(files) / count
    return [files[int(index * step)] for index in range(count)]
