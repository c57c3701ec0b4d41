"""Whole-corpus passes: ``ast.parse`` and the engine in one process, and the CLI with LOOP201 on
and off, on the whole corpus and on each of its folders on its own."""

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from child_process import ChildRun, run_child
from corpus_builder import Corpus
from samples import Samples

_WORKER = Path(__file__).with_name("single_process_worker.py")

CLI_OK_EXIT_CODES = (0, 1)
"""``looplint check`` exits 0 when clean, 1 when it reports findings; anything else is a failure."""

SINGLE_PROCESS_PASSES = ("parse", "engine")
CLI_PASSES = ("cli", "cli_without_loop201")
PASSES = SINGLE_PROCESS_PASSES + CLI_PASSES

LOOP201 = "LOOP201"
"""The cross-module rule: following calls into other files is what makes a whole-project run
more than a loop over its files."""

SLOW_FOLDER_SECONDS = 60
"""A folder whose first pair of runs takes longer than this is not measured again."""


@dataclass(frozen=True)
class PassResult:
    """Repeated runs of one pass over the corpus."""

    samples: Samples | None
    """Durations of the runs that finished; ``None`` if none did within the time limit."""
    peak_rss_mb: float
    """The largest high-water mark of resident memory over all runs, stopped ones included."""
    failures: int
    """Files rejected (``ast.parse``) or that made the engine raise; 0 for the CLI run."""
    timed_out: bool
    """A run hit the time limit; the pass was not repeated after that."""


@dataclass(frozen=True)
class CorpusFigures:
    parse: PassResult
    """(a) read + ``ast.parse`` of every file, one process."""
    engine: PassResult
    """(b) read + ``looplint.engine.analyze`` of every file, one process."""
    cli: PassResult
    """(c) ``looplint check <corpus>`` with default options (parallel), wall time."""
    cli_without_loop201: PassResult
    """(c') the same with ``--ignore LOOP201``: what following calls across files costs."""
    repeat: int
    timeout: float
    """Seconds after which a run was stopped."""


@dataclass(frozen=True)
class FolderFigures:
    """(c) and (c') on one top-level folder of the corpus: a project checked on its own."""

    folder: str
    files: int
    lines: int
    cli: PassResult
    cli_without_loop201: PassResult
    pairs: int
    """Pairs of runs made: fewer than asked when the folder was slow."""


def cli_argv(target: Path, *, loop201: bool) -> list[str]:
    """``looplint check --no-cache target`` (every file analyzed: the cost these rows measure;
    the cache has rows of its own, beside ruff), or with LOOP201 ignored."""
    argv = [sys.executable, "-m", "looplint", "check", "--no-cache", str(target)]
    return argv if loop201 else [*argv, "--ignore", LOOP201]


def measure_corpus(
    corpus: Corpus,
    repeat: int,
    timeout: float,
    on_round: Callable[[int], None] = lambda _: None,
) -> CorpusFigures:
    """Run the four passes ``repeat`` times, in rounds of (a), (b), (c), (c').

    Interleaving them spreads any load from other processes over all three alike, so their
    ratios stay meaningful on a shared machine. The single-process passes run in a fresh
    process each time: no run's caches or memory carry over, and each has its own memory
    high-water mark. A run still going after ``timeout`` seconds is stopped, and its pass
    skipped in later rounds, so a slow pass cannot hold up the whole benchmark.
    """
    runs: dict[str, list[ChildRun]] = {name: [] for name in PASSES}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as file_list:
        file_list.write("\n".join(str(path) for path in corpus.files))
        file_list.flush()
        argvs = {
            "parse": [sys.executable, str(_WORKER), "parse", file_list.name],
            "engine": [sys.executable, str(_WORKER), "engine", file_list.name],
            "cli": cli_argv(corpus.root, loop201=True),
            "cli_without_loop201": cli_argv(corpus.root, loop201=False),
        }
        for round_number in range(1, repeat + 1):
            on_round(round_number)
            for name in PASSES:
                if any(run.timed_out for run in runs[name]):
                    continue
                if name in CLI_PASSES:
                    runs[name].append(_cli_run(argvs[name], timeout))
                else:
                    runs[name].append(_checked(run_child(argvs[name], timeout=timeout), (0,)))
    return CorpusFigures(
        parse=_result(runs["parse"], _worker_report),
        engine=_result(runs["engine"], _worker_report),
        cli=_result(runs["cli"], _wall_time),
        cli_without_loop201=_result(runs["cli_without_loop201"], _wall_time),
        repeat=repeat,
        timeout=timeout,
    )


def measure_folders(
    corpus: Corpus,
    repeat: int,
    timeout: float,
    on_folder: Callable[[str], None] = lambda _: None,
) -> tuple[FolderFigures, ...]:
    """(c) and (c') on each top-level folder, ``repeat`` pairs each, alternating.

    Each package is a project of its own, the way a user runs looplint on one checkout, so its
    (c)/(c') is what LOOP201 costs in a real project. A folder whose first pair is slow
    (``SLOW_FOLDER_SECONDS``), or that hits the time limit, is measured once.
    """
    figures = []
    for folder in corpus.folders():
        on_folder(folder)
        target = corpus.root / folder
        with_loop201: list[ChildRun] = []
        without_loop201: list[ChildRun] = []
        for _ in range(repeat):
            with_loop201.append(_cli_run(cli_argv(target, loop201=True), timeout))
            without_loop201.append(_cli_run(cli_argv(target, loop201=False), timeout))
            pair = (with_loop201[-1], without_loop201[-1])
            if any(run.timed_out for run in pair) or (
                sum(run.seconds for run in pair) > SLOW_FOLDER_SECONDS
            ):
                break
        figures.append(
            FolderFigures(
                folder=folder,
                files=len(corpus.files_under(folder)),
                lines=corpus.lines_under(folder),
                cli=_result(with_loop201, _wall_time),
                cli_without_loop201=_result(without_loop201, _wall_time),
                pairs=len(with_loop201),
            )
        )
    return tuple(figures)


def _cli_run(argv: list[str], timeout: float) -> ChildRun:
    """A ``looplint check`` run, its report discarded: only its time and memory matter."""
    return _checked(run_child(argv, timeout=timeout, keep_stdout=False), CLI_OK_EXIT_CODES)


def _worker_report(run: ChildRun) -> tuple[float, int]:
    """A single-process pass times its own loop over the files (start-up and imports excluded)
    and counts its failures; it prints both as a JSON line."""
    report = json.loads(run.stdout)
    return report["seconds"], report["failures"]


def _wall_time(run: ChildRun) -> tuple[float, int]:
    """The CLI is timed from outside, start-up included; its findings are not failures."""
    return run.seconds, 0


def _result(runs: list[ChildRun], measured: Callable[[ChildRun], tuple[float, int]]) -> PassResult:
    finished = [measured(run) for run in runs if not run.timed_out]
    return PassResult(
        samples=Samples.of(seconds for seconds, _ in finished) if finished else None,
        peak_rss_mb=max(run.peak_rss_mb for run in runs),
        failures=finished[0][1] if finished else 0,
        timed_out=len(finished) < len(runs),
    )


def _checked(run: ChildRun, ok_exit_codes: tuple[int, ...]) -> ChildRun:
    if not run.timed_out and run.returncode not in ok_exit_codes:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"benchmark child exited with {run.returncode}:\n{tail}")
    return run
