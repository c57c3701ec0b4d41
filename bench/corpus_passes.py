"""Whole-corpus passes: ``ast.parse`` and the engine in one process, and the default CLI run."""

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

PASSES = ("parse", "engine", "cli")


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
    repeat: int
    timeout: float
    """Seconds after which a run was stopped."""


def measure_corpus(
    corpus: Corpus,
    repeat: int,
    timeout: float,
    on_round: Callable[[int], None] = lambda _: None,
) -> CorpusFigures:
    """Run the three passes ``repeat`` times, in rounds of (a), (b), (c).

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
            "cli": [sys.executable, "-m", "looplint", "check", str(corpus.root)],
        }
        for round_number in range(1, repeat + 1):
            on_round(round_number)
            for name in PASSES:
                if any(run.timed_out for run in runs[name]):
                    continue
                run = run_child(argvs[name], timeout=timeout, keep_stdout=name != "cli")
                runs[name].append(_checked(run, CLI_OK_EXIT_CODES if name == "cli" else (0,)))
    return CorpusFigures(
        parse=_result(runs["parse"], _worker_report),
        engine=_result(runs["engine"], _worker_report),
        cli=_result(runs["cli"], _wall_time),
        repeat=repeat,
        timeout=timeout,
    )


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
