"""The language server as an editor meets it: latency on real files, memory with many files open.

The server is started and driven over stdio by :mod:`server_session`. Diagnostics are pulled
(``textDocument/diagnostic``) when the server offers it, as VS Code and Neovim do; otherwise the
client waits for the pushed ``textDocument/publishDiagnostics`` of the version it sent.
"""

import ast
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus_builder import Corpus, count_lines, read_python_source
from latency_documents import LatencyDocument
from looplint.lsp.analysis_scheduler import EDIT_DEBOUNCE_SECONDS
from lsp_client import JsonObject, resident_memory_mb
from samples import Samples
from server_session import ServerSession, diagnostic_items, running_server

SERIES_BUDGET_SECONDS = 30
"""Time after which a latency series stops, even short of its repetitions."""
MIN_SAMPLES = 3

CLIENT_CAPABILITIES: JsonObject = {
    "general": {"positionEncodings": ["utf-16"]},
    "window": {"workDoneProgress": True},
    "workspace": {"diagnostics": {"refreshSupport": True}},  # else the server pushes instead
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
    with running_server(folders, CLIENT_CAPABILITIES) as session:
        latencies = tuple(_document_latency(session, corpus.root, doc, repeat) for doc in documents)
        code_action_document = documents[len(documents) // 2]
        code_action, code_actions_returned = _code_action_latency(
            session, corpus.root, code_action_document, repeat
        )
        rss_mb, peak_rss_mb = _memory_with_open_documents(
            session, _spread(corpus.files, open_documents)
        )
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
        index_seconds=session.index_seconds,
    )


def _document_latency(
    session: ServerSession, corpus_root: Path, document: LatencyDocument, repeat: int
) -> DocumentLatency:
    def open_once(index: int) -> float:
        uri = _document_uri(corpus_root, document, f"open{index}")
        sent_at = session.open(uri, document.text)
        latency = session.diagnostics(uri).at - sent_at
        session.close(uri)
        return latency

    opens = _series(repeat, open_once)

    uri = _document_uri(corpus_root, document, "edits")
    session.open(uri, document.text)
    diagnostics = len(diagnostic_items(session.diagnostics(uri)))
    line, end = _code_line_near_middle(document.text)
    parses = []

    def edit_once(index: int) -> float:
        sent_at = _type_one_character(session, uri, line, end, insert=index % 2 == 0)
        latency = session.diagnostics(uri).at - sent_at - EDIT_DEBOUNCE_SECONDS
        parses.append(_time_parse(document.text))
        return latency

    edits = _series(repeat, edit_once)
    session.close(uri)
    return DocumentLatency(
        document=document,
        diagnostics=diagnostics,
        parse=Samples.of(parses),
        open_to_diagnostics=opens,
        edit_to_diagnostics=edits,
    )


def _code_action_latency(
    session: ServerSession, corpus_root: Path, document: LatencyDocument, repeat: int
) -> tuple[Samples, int]:
    """The request an editor sends when the cursor rests on a line, and how many it offers.

    The range is the first diagnostic (with it as context) if the file has any, else the
    middle line.
    """
    uri = _document_uri(corpus_root, document, "actions")
    session.open(uri, document.text)
    items = diagnostic_items(session.diagnostics(uri))
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
        request_id, sent_at = session.client.send_request("textDocument/codeAction", params)
        response = session.client.wait_for_response(request_id)
        offered = len(response.message.get("result") or [])
        return response.at - sent_at

    timings = _series(repeat, ask_once)
    session.close(uri)
    return timings, offered


def _memory_with_open_documents(
    session: ServerSession, paths: Sequence[Path]
) -> tuple[float, float]:
    """Open every file, wait until each has diagnostics, then read the server's memory."""
    uris = [path.as_uri() for path in paths]
    for uri, path in zip(uris, paths, strict=True):
        session.open(uri, read_python_source(path))
    for uri in uris:
        session.diagnostics(uri)
    return resident_memory_mb(session.client.pid)


def _document_uri(corpus_root: Path, document: LatencyDocument, purpose: str) -> str:
    """A new file beside the document's first module, so it belongs to that project.

    Each use gets its own URI: no late message about an earlier use can be mistaken for it.
    """
    folder = (corpus_root / document.sources[0]).parent
    return (folder / f"bench_{document.lines}_lines_{purpose}.py").as_uri()


def _type_one_character(
    session: ServerSession, uri: str, line: int, end: int, *, insert: bool
) -> float:
    """Type a space at the end of a line (``end``, in UTF-16 units), or delete it again: the
    file stays valid."""
    change = {
        "range": {
            "start": {"line": line, "character": end},
            "end": {"line": line, "character": end if insert else end + 1},
        },
        "text": " " if insert else "",
    }
    return session.change(uri, [change])


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


def _code_line_near_middle(text: str) -> tuple[int, int]:
    """The line of code (indented: in a function or class body, where people type) nearest
    the middle of the file, and where it ends in UTF-16 units (the client's encoding)."""
    lines = text.split("\n")
    middle = len(lines) // 2
    code = [
        index
        for index, line in enumerate(lines)
        if line.startswith((" ", "\t"))
        and line.strip()
        and not line.strip().startswith("#")
        and not line.endswith("\\")
    ]
    line = min(code, key=lambda index: abs(index - middle)) if code else len(lines) - 1
    return line, len(lines[line].encode("utf-16-le")) // 2


def _spread(files: Sequence[Path], count: int) -> list[Path]:
    """``count`` files evenly spaced through the corpus, so every part of it is represented."""
    if count >= len(files):
        return list(files)
    step = len(files) / count
    return [files[int(index * step)] for index in range(count)]
