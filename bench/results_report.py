"""bench/RESULTS.md: the figures of one run, each next to its target and whether it was met."""

import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from corpus_builder import STDLIB_FOLDER
from corpus_passes import SLOW_FOLDER_SECONDS, CorpusFigures, FolderFigures, PassResult
from project_server import CALLER_NAME, LOOP_START, NO_LOOP_START, ProjectServerFigures
from ruff_comparison import RUFF_CHECK, RuffComparison, Timed
from samples import Samples
from server_latency import SERIES_BUDGET_SECONDS, ServerFigures

ENGINE_OVER_PARSE_LIMIT = 1.5
"""The engine, in one process, takes at most this many times as long as ``ast.parse`` alone."""
PARALLEL_REFERENCE_CORES = 2
"""The default parallel run beats one single-process ``ast.parse`` pass on this many cores."""
MEMORY_LIMIT_MB = 150.0
EDIT_OVER_PARSE_LIMIT = 1.5
"""Median edit-to-diagnostics latency, relative to ``ast.parse`` of the same file."""
CODE_ACTION_LIMIT_SECONDS = 0.020
LOOP201_COST_LIMIT = 1.3
"""A whole-project run with LOOP201 takes at most this many times as long as one without."""
CALLER_UPDATE_LIMIT_SECONDS = 0.200
"""After an edit to one module, the open modules calling it have new diagnostics within this
(p95, debounce subtracted), on the largest project."""
COLD_OVER_RUFF_LIMIT = 3.0
"""``looplint check --no-cache`` takes at most this many times ruff's wall time."""
WARM_OVER_RUFF_LIMIT = 1.0
"""A warm run, nothing or one module changed, takes no longer than ruff."""
MEMORY_OVER_RUFF_LIMIT = 2.0
ONE_FILE_LIMIT_SECONDS = 0.25


@dataclass(frozen=True)
class CorpusSummary:
    description: str
    """Where the files come from, one Markdown list item per part."""
    files: int
    lines: int


def render(
    corpus: CorpusSummary,
    figures: CorpusFigures,
    folders: tuple[FolderFigures, ...],
    server: ServerFigures | str,
    project_server: ProjectServerFigures | str,
    ruff: RuffComparison | str,
    *,
    looplint_version: str,
    load_at_start: tuple[float, float, float],
) -> str:
    """The whole RESULTS.md; each server part is its figures, or why they could not be measured.

    The load averages at the start and end tell a reader whether other work shared the CPUs.
    """
    sections = [
        "# looplint benchmark results",
        "Written by `make bench` (`bench/run.py`); overwritten by every run. Targets come from "
        'the benchmark issue; the "result" column says whether this run met them.',
        _machine(looplint_version, load_at_start),
        _corpus(corpus),
        _ruff_section(ruff),
        _corpus_table(figures),
        _folder_table(folders, figures.timeout),
        _server_section(server),
        _project_server_section(project_server),
    ]
    return "\n\n".join(sections) + "\n"


def _machine(looplint_version: str, load_at_start: tuple[float, float, float]) -> str:
    start, end = (
        ", ".join(f"{value:.2f}" for value in load) for load in (load_at_start, os.getloadavg())
    )
    return "\n".join(
        [
            "## Machine",
            "",
            f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
            f"- CPU cores: {os.cpu_count()}; load average (1, 5, 15 min) at the start: {start}, "
            f"at the end: {end}",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.release()} {platform.machine()}",
            f"- looplint {looplint_version}",
        ]
    )


def _corpus(corpus: CorpusSummary) -> str:
    return "\n".join(
        [
            "## Corpus",
            "",
            f"{corpus.files:,} files, {corpus.lines:,} lines:",
            "",
            corpus.description,
        ]
    )


def _corpus_table(figures: CorpusFigures) -> str:
    parse, engine, cli = figures.parse, figures.engine, figures.cli
    without_loop201 = figures.cli_without_loop201
    cores = os.cpu_count() or 1
    rows = [
        "| measurement | min | median | peak RSS | target | result |",
        "|---|---|---|---|---|---|",
        _pass_row(
            "(a) read + `ast.parse`, one process",
            parse,
            figures.timeout,
            f"the floor ({parse.failures} files rejected by `ast.parse`)",
            "",
        ),
        _pass_row(
            "(b) read + `looplint.engine.analyze`, one process",
            engine,
            figures.timeout,
            f"≤ {ENGINE_OVER_PARSE_LIMIT}x (a)",
            _ratio_verdict(engine, parse, lambda ratio: ratio <= ENGINE_OVER_PARSE_LIMIT, ""),
        ),
        _pass_row(
            "(c) `looplint check --no-cache <corpus>`, default workers (wall)",
            cli,
            figures.timeout,
            f"< 1.0x (a) on {PARALLEL_REFERENCE_CORES} cores",
            _ratio_verdict(cli, parse, lambda ratio: ratio < 1.0, f" on {cores} cores"),
        ),
        _pass_row(
            "(c') `looplint check --no-cache <corpus> --ignore LOOP201`, default workers (wall)",
            without_loop201,
            figures.timeout,
            "the same run without LOOP201",
            "",
        ),
        f"| LOOP201 cost: (c) / (c') | | | | ≤ {LOOP201_COST_LIMIT}x | "
        f"{_loop201_cost_verdict(cli, without_loop201)} |",
        _memory_row("(d) peak memory of (b)", engine.peak_rss_mb),
        _memory_row("(d) peak memory of (c), largest process", cli.peak_rss_mb),
    ]
    notes = [
        "## Whole corpus",
        "",
        f"{figures.repeat} rounds of (a), (b), (c), (c'), interleaved so that other load on the "
        "machine weighs on all four alike; ratios compare medians. (a) and (b) run in a fresh "
        "process each time and time only the loop over the files (reading included, "
        "interpreter start-up and imports excluded); (c) and (c') are the wall time of the whole "
        "command, start-up included, with its output discarded; (c') differs from (c) only by "
        "`--ignore LOOP201`, which also skips the project index and the second pass over the "
        "files that call into other modules. Peak RSS is the kernel's high-water mark "
        "(`ru_maxrss` from `wait4`); for (c) and (c') it is the largest single process among the "
        "command and the workers it started, not their sum. A run still going after "
        f"{figures.timeout:.0f} s is stopped and its pass not repeated."
        + (f" {engine.failures} files made the engine raise." if engine.failures else ""),
        "",
    ]
    return "\n".join(notes + rows)


def _ruff_section(comparison: RuffComparison | str) -> str:
    """Each looplint row as a ratio to ruff's medians of the same rounds, wall and CPU."""
    ruff_command = f"`ruff {' '.join(RUFF_CHECK)} <corpus>`"
    heading = "## Beside ruff"
    if isinstance(comparison, str):
        return f"{heading}\n\nNot measured: {comparison}"
    ruff, cold = comparison.ruff, comparison.cold
    load_at_start, load_at_end = (
        ", ".join(f"{value:.2f}" for value in load)
        for load in (comparison.load_at_start, comparison.load_at_end)
    )
    memory = cold.peak_rss_mb / ruff.peak_rss_mb
    one_file = comparison.one_file.wall.median
    rows = [
        heading,
        "",
        f"{comparison.rounds} rounds of {ruff_command} and each looplint command below, "
        "interleaved, on a copy of the corpus; figures are medians, wall time on "
        f"{os.cpu_count()} cores and CPU time (user + system, workers included), both from the "
        "kernel; each ratio is to ruff's median of the same rounds. Warm runs keep their cache "
        "in a folder of their own (`--cache-dir`), filled by one run before the rounds; before "
        f"each warm run after a change, a comment is appended to `{comparison.edited}` (the "
        "longest file that defines a coroutine). Load average (1, 5, 15 min) at the start: "
        f"{load_at_start}; at the end: {load_at_end}. Peak RSS is the largest single process "
        "(`ru_maxrss`, read by a small launcher so that the benchmark's own memory does not "
        "floor it). looplint is byte-compiled before the rounds, as `pip install` leaves it.",
        "",
        "| command | wall | CPU | wall / ruff | CPU / ruff | peak RSS | target | result |",
        "|---|---|---|---|---|---|---|---|",
        _ruff_row(ruff_command, ruff, ruff, "the reference", ""),
        _ruff_row(
            "cold: `looplint check --no-cache <corpus>`",
            cold,
            ruff,
            f"≤ {COLD_OVER_RUFF_LIMIT:g}x ruff (wall)",
            _over_ruff_verdict(cold, ruff, COLD_OVER_RUFF_LIMIT),
        ),
        _ruff_row(
            "warm, nothing changed: `looplint check --cache-dir DIR <corpus>`",
            comparison.warm,
            ruff,
            f"≤ {WARM_OVER_RUFF_LIMIT:g}x ruff (wall)",
            _over_ruff_verdict(comparison.warm, ruff, WARM_OVER_RUFF_LIMIT),
        ),
        _ruff_row(
            "warm, one module changed: the same",
            comparison.warm_after_edit,
            ruff,
            f"≤ {WARM_OVER_RUFF_LIMIT:g}x ruff (wall)",
            _over_ruff_verdict(comparison.warm_after_edit, ruff, WARM_OVER_RUFF_LIMIT),
        ),
        f"| peak memory: cold looplint / ruff | | | | | {cold.peak_rss_mb:.0f} MB / "
        f"{ruff.peak_rss_mb:.0f} MB | ≤ {MEMORY_OVER_RUFF_LIMIT:g}x ruff | "
        f"{_verdict(memory <= MEMORY_OVER_RUFF_LIMIT, f'{memory:.2f}x')} |",
        _ruff_row(
            f"one file, ruff: `ruff {' '.join(RUFF_CHECK)} {comparison.small_file}`",
            comparison.ruff_one_file,
            ruff,
            f"for reference ({comparison.small_file_lines} lines)",
            "",
        ),
        _ruff_row(
            f"one file: `looplint check --no-cache {comparison.small_file}`",
            comparison.one_file,
            ruff,
            f"≤ {ONE_FILE_LIMIT_SECONDS} s (wall)",
            _verdict(one_file <= ONE_FILE_LIMIT_SECONDS, f"{one_file:.2f} s"),
        ),
    ]
    return "\n".join(rows)


def _ruff_row(name: str, timed: Timed, ruff: Timed, target: str, verdict: str) -> str:
    wall, cpu = timed.wall.median, timed.cpu.median
    return (
        f"| {name} | {wall:.2f} s | {cpu:.2f} s | {wall / ruff.wall.median:.2f}x | "
        f"{cpu / ruff.cpu.median:.2f}x | {timed.peak_rss_mb:.0f} MB | {target} | {verdict} |"
    )


def _over_ruff_verdict(timed: Timed, ruff: Timed, limit: float) -> str:
    ratio = timed.wall.median / ruff.wall.median
    return _verdict(ratio <= limit, f"{ratio:.2f}x")


def _folder_table(folders: tuple[FolderFigures, ...], timeout: float) -> str:
    """(c) against (c') on each folder of the corpus checked on its own, the stdlib last."""
    ordered = sorted(folders, key=lambda figures: figures.folder == STDLIB_FOLDER)
    rows = [
        "## LOOP201 cost per project",
        "",
        "Each top-level folder of the corpus checked on its own, as a user checks one project: "
        "(c) `looplint check --no-cache <corpus>/<folder>` and (c') the same with "
        "`--ignore LOOP201`, alternately, up to as many pairs as the whole-corpus rounds "
        "(one pair when the first "
        f"takes over {SLOW_FOLDER_SECONDS} s); n is the number of pairs, figures are medians "
        "of wall time with the output discarded, and the peak RSS is that of the largest "
        f"single process. The standard library (`{STDLIB_FOLDER}/`) is many unrelated modules "
        "and test suites rather than one project, and is listed last.",
        "",
        "| folder | files | lines | (c) LOOP201 on | (c') `--ignore LOOP201` | n | "
        "peak RSS (c) / (c') | target | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for figures in ordered:
        with_loop201, without_loop201 = figures.cli, figures.cli_without_loop201
        rows.append(
            f"| `{figures.folder}/` | {figures.files:,} | {figures.lines:,} | "
            f"{_median(with_loop201, timeout)} | {_median(without_loop201, timeout)} | "
            f"{figures.pairs} | "
            f"{with_loop201.peak_rss_mb:.0f} MB / {without_loop201.peak_rss_mb:.0f} MB | "
            f"(c) ≤ {LOOP201_COST_LIMIT}x (c') | "
            f"{_loop201_cost_verdict(with_loop201, without_loop201)} |"
        )
    return "\n".join(rows)


def _server_section(server: ServerFigures | str) -> str:
    heading = "## Language server (`python -m looplint server`, stdio)"
    if isinstance(server, str):
        return f"{heading}\n\nNot measured: {server}"
    notes = [
        heading,
        "",
        f"Diagnostics obtained by **{server.model}** "
        + (
            "(`textDocument/diagnostic` sent right after the change; latency = until its "
            "response). "
            if server.model == "pull"
            else "(latency = until `textDocument/publishDiagnostics` for the new version). "
        )
        + f"The server waits {server.debounce_seconds * 1000:.0f} ms after an edit before "
        "analysing (`EDIT_DEBOUNCE_SECONDS`, not configurable), so that delay is subtracted from "
        "every edit latency (the server counts it from the edit's arrival); the timer's own "
        "overshoot (under a millisecond) stays in. An edit is one character, as when typing: a "
        "space typed at the end of the indented line of code nearest the middle of the file (in "
        "a function or class body), then deleted again, alternately. Each series has up to "
        f"{server.repeat} samples (n in the table), fewer when it passes "
        f"{SERIES_BUDGET_SECONDS} s; "
        "`ast.parse` is timed on the same text in the benchmark process, once after each edit.",
        "",
        "Workspace folders: "
        + ", ".join(f"`{folder}`" for folder in server.workspace_folders)
        + " (the projects the measured files come from; each measured file is opened as a new "
        "file beside its first module). "
        + (
            f"Their index was built in {server.index_seconds:.1f} s (from `initialized` to the "
            "end of its `$/progress`) before anything was measured."
            if server.index_seconds is not None
            else "The server announced no index build."
        ),
        "",
        "| file | lines | made of | diagnostics | `ast.parse` p50 | didOpen→diagnostics "
        "p50 / p95 | didChange→diagnostics p50 / p95 | target | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for latency in server.documents:
        ratio = latency.edit_to_diagnostics.median / latency.parse.median
        notes.append(
            f"| {latency.document.label} | {latency.document.lines:,} | "
            f"{', '.join(f'`{source}`' for source in latency.document.sources)} | "
            f"{latency.diagnostics} | {_ms(latency.parse.median)} | "
            f"{_percentiles(latency.open_to_diagnostics)} | "
            f"{_percentiles(latency.edit_to_diagnostics)} | "
            f"edit p50 ≤ {EDIT_OVER_PARSE_LIMIT}x `ast.parse` | "
            f"{_verdict(ratio <= EDIT_OVER_PARSE_LIMIT, f'{ratio:.2f}x')} |"
        )
    actions = server.code_action
    notes += [
        "",
        "| measurement | figure | target | result |",
        "|---|---|---|---|",
        f"| `textDocument/codeAction` on the {server.code_action_document.label} file "
        f"({server.code_action_document.lines:,} lines, {server.code_actions_returned} actions "
        "offered), p50 / p95 | "
        f"{_percentiles(actions)} | < {_ms(CODE_ACTION_LIMIT_SECONDS)} | "
        f"{_verdict(actions.median < CODE_ACTION_LIMIT_SECONDS, 'p50')} |",
        f"| server memory with {server.open_documents} documents open and analyzed, RSS / peak | "
        f"{server.rss_mb:.0f} MB / {server.peak_rss_mb:.0f} MB | < {MEMORY_LIMIT_MB:.0f} MB | "
        f"{_verdict(server.rss_mb < MEMORY_LIMIT_MB, 'RSS')} |",
        "",
        "The code-action request is the one an editor sends when the cursor rests on a line: the "
        "range of the file's first diagnostic with that diagnostic as context, or the middle line "
        "with no context when the file has none. Memory is read from `/proc/<pid>/status` of the "
        "same server after the measured files were closed and the other documents, spread evenly "
        "over the corpus, were opened and their diagnostics received: VmRSS then, and VmHWM, the "
        "high-water mark since start-up (the largest file's analysis included).",
    ]
    return "\n".join(notes)


def _project_server_section(figures: ProjectServerFigures | str) -> str:
    heading = "## Language server on the largest project"
    if isinstance(figures, str):
        return f"{heading}\n\nNot measured: {figures}"
    notes = [
        heading,
        "",
        f"`{figures.folder}/` ({figures.files:,} files, {figures.lines:,} lines), the corpus "
        f"folder with the most lines (`{STDLIB_FOLDER}/` aside), is the only workspace folder of "
        "a new server for each client. Index time is from `initialized` to the end of the "
        '"Indexing workspace" `$/progress` (the client advertises `window.workDoneProgress` and '
        "accepts the token); memory is VmRSS and VmHWM from `/proc/<pid>/status` right after it.",
        "",
        "Two modules are written beside the package's sources before the server starts, and "
        f"removed afterwards: `{figures.helper}`, whose `load()` starts an event loop "
        f"(`{LOOP_START}`), and `{figures.caller}`, whose `async def handler()` calls "
        "`load()`: LOOP201 across modules. The caller is opened and its LOOP201 awaited; the "
        f"helper is then opened and edited {figures.edits} times, alternately replacing "
        f"`{LOOP_START}` with `{NO_LOOP_START}` (the caller's LOOP201 must go) and putting it "
        "back (it must return). Latency is from the helper's `didChange` until the caller's "
        "diagnostics follow: **push**, a client without the `textDocument.diagnostic` "
        "capability, waits for `publishDiagnostics` of the caller; **pull**, a client with "
        "`workspace.diagnostics.refreshSupport`, pulls the helper at once (as an editor pulls "
        "the document being typed in), waits for `workspace/diagnostic/refresh` and then pulls "
        f"the caller. The server's {figures.debounce_seconds * 1000:.0f} ms edit debounce is "
        "subtracted, as above.",
        "",
        f"| client | index time | memory after indexing, RSS / peak | edit → `{CALLER_NAME}` "
        "updated, p50 / p95 | loop start removed, p50 | loop start restored, p50 | target | "
        "result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for client in figures.clients:
        index = f"{client.index_seconds:.1f} s" if client.index_seconds is not None else "none"
        updated = client.caller_updated
        notes.append(
            f"| {client.model} | {index} | {client.rss_mb:.0f} MB / {client.peak_rss_mb:.0f} MB | "
            f"{_percentiles(updated)} | {_ms(client.loop_removed.median)} | "
            f"{_ms(client.loop_restored.median)} | p95 ≤ {_ms(CALLER_UPDATE_LIMIT_SECONDS)} | "
            f"{_verdict(updated.p95 <= CALLER_UPDATE_LIMIT_SECONDS, f'p95 {_ms(updated.p95)}')} |"
        )
    return "\n".join(notes)


def _pass_row(name: str, result: PassResult, timeout: float, target: str, verdict: str) -> str:
    if result.samples is None:
        timing = f"stopped after {timeout:.0f} s | stopped after {timeout:.0f} s"
    else:
        stopped = f" (a later run stopped after {timeout:.0f} s)" if result.timed_out else ""
        timing = f"{result.samples.min:.2f} s | {result.samples.median:.2f} s{stopped}"
    return f"| {name} | {timing} | {result.peak_rss_mb:.0f} MB | {target} | {verdict} |"


def _ratio_verdict(
    result: PassResult, parse: PassResult, meets: Callable[[float], bool], context: str
) -> str:
    """Compare medians with (a); a pass stopped at the time limit fails its target."""
    if result.samples is None:
        return _verdict(False, "did not finish")
    if parse.samples is None:
        return "n/a ((a) did not finish)"
    ratio = result.samples.median / parse.samples.median
    return _verdict(meets(ratio), f"{ratio:.2f}x (a){context}")


def _loop201_cost_verdict(with_loop201: PassResult, without_loop201: PassResult) -> str:
    """Compare medians; a run with LOOP201 stopped at the time limit fails the target."""
    if with_loop201.samples is None:
        return _verdict(False, "did not finish")
    if without_loop201.samples is None:
        return "n/a ((c') did not finish)"
    ratio = with_loop201.samples.median / without_loop201.samples.median
    return _verdict(ratio <= LOOP201_COST_LIMIT, f"{ratio:.2f}x")


def _median(result: PassResult, timeout: float) -> str:
    if result.samples is None:
        return f"stopped after {timeout:.0f} s"
    return f"{result.samples.median:.2f} s"


def _memory_row(name: str, peak_rss_mb: float) -> str:
    return (
        f"| {name} | | | {peak_rss_mb:.0f} MB | < {MEMORY_LIMIT_MB:.0f} MB | "
        f"{_verdict(peak_rss_mb < MEMORY_LIMIT_MB, f'{peak_rss_mb:.0f} MB')} |"
    )


def _verdict(passed: bool, detail: str) -> str:
    return f"{'PASS' if passed else 'FAIL'} ({detail})"


def _percentiles(samples: Samples) -> str:
    return f"{_ms(samples.median)} / {_ms(samples.p95)} (n={len(samples.seconds)})"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
