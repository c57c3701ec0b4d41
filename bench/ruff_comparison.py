"""looplint beside ruff: ``ruff check --select ASYNC --no-cache`` and ``looplint check`` on the
same copy of the corpus, in the same rounds, interleaved.

Rows: cold (``--no-cache``), warm with nothing changed (the cache filled by the run before),
warm after one module changed (a comment appended to it), and ``looplint check`` of one small
file. Wall and CPU time come from the kernel (``wait4``: the command and the workers it waited
for); every looplint figure is read as a ratio to ruff's in the same rounds, so load from other
work weighs on both alike.

The measurements run on a copy: the edits and the cache never touch the corpus itself. The
looplint package is byte-compiled first, as an installed package is (``pip install`` compiles
it; a development checkout run with ``PYTHONDONTWRITEBYTECODE`` would compile every module of
it in every measured run, which no user's run does).
"""

import compileall
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import looplint
from child_process import ChildRun, run_child
from corpus_builder import Corpus, read_python_source
from samples import Samples

RUFF_CHECK = ("check", "--select", "ASYNC", "--no-cache")
EXIT_CODES = (0, 1)
"""Both tools exit 0 when clean and 1 when they report findings."""
SMALL_FILE_LINES = 150
"""The one-file row checks the file nearest this many lines among those that can hold a finding.
The warm-after-a-change row changes the longest of them."""


@dataclass(frozen=True)
class Timed:
    """Repeated runs of one command."""

    wall: Samples
    cpu: Samples
    peak_rss_mb: float
    """The largest high-water mark of resident memory of any one process, over all runs."""

    @classmethod
    def of(cls, runs: Iterable[ChildRun]) -> "Timed":
        done = list(runs)
        return cls(
            Samples.of(run.seconds for run in done),
            Samples.of(run.cpu_seconds for run in done),
            max(run.peak_rss_mb for run in done),
        )


@dataclass(frozen=True)
class RuffComparison:
    ruff: Timed
    cold: Timed
    """``looplint check --no-cache <corpus>``."""
    warm: Timed
    """``looplint check --cache-dir DIR <corpus>``, the cache filled by the run before it."""
    warm_after_edit: Timed
    """The same right after one module's content changed."""
    ruff_one_file: Timed
    one_file: Timed
    """``looplint check --no-cache <small file>``."""
    edited: str
    """The module changed before each warm-after-edit run, relative to the corpus."""
    small_file: str
    small_file_lines: int
    rounds: int
    load_at_start: tuple[float, float, float]
    load_at_end: tuple[float, float, float]


def ruff_executable() -> str | None:
    """ruff beside this interpreter (the test dependencies install it), else on the PATH."""
    return shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


def measure_against_ruff(
    corpus: Corpus,
    repeat: int,
    timeout: float,
    on_round: Callable[[int], None] = lambda _: None,
) -> RuffComparison | str:
    """The rows, ``repeat`` rounds each; or why they could not be measured."""
    ruff = ruff_executable()
    if ruff is None:
        return "ruff is not installed (`pip install ruff`)."
    candidates = _can_hold_findings(corpus)
    if not candidates:
        return "no file of the corpus defines a coroutine (`async def`)."
    edited = max(candidates, key=lambda item: item[1])[0]
    small, small_lines = min(candidates, key=lambda item: abs(item[1] - SMALL_FILE_LINES))
    compileall.compile_dir(Path(looplint.__file__).parent, quiet=1)
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="looplint-bench-") as scratch:
        tree = Path(scratch) / "corpus"
        shutil.copytree(corpus.root, tree, symlinks=True)
        cache = Path(scratch) / "cache"
        looplint_check = [sys.executable, "-m", "looplint", "check"]
        warm_argv = [*looplint_check, "--cache-dir", str(cache), str(tree)]
        argvs = {
            "ruff": [ruff, *RUFF_CHECK, str(tree)],
            "cold": [*looplint_check, "--no-cache", str(tree)],
            "warm": warm_argv,
            "warm_after_edit": warm_argv,
            "ruff_one_file": [ruff, *RUFF_CHECK, str(tree / small)],
            "one_file": [*looplint_check, "--no-cache", str(tree / small)],
        }
        _measured(warm_argv, timeout)  # fills the cache
        runs: dict[str, list[ChildRun]] = {name: [] for name in argvs}
        for round_number in range(1, repeat + 1):
            on_round(round_number)
            for name, argv in argvs.items():
                if name == "warm_after_edit":
                    _append_comment(tree / edited, round_number)
                runs[name].append(_measured(argv, timeout))
    return RuffComparison(
        **{name: Timed.of(done) for name, done in runs.items()},
        edited=edited.as_posix(),
        small_file=small.as_posix(),
        small_file_lines=small_lines,
        rounds=repeat,
        load_at_start=load_at_start,
        load_at_end=os.getloadavg(),
    )


def _can_hold_findings(corpus: Corpus) -> list[tuple[Path, int]]:
    """The files (relative to the corpus) that define a coroutine, with their line counts: the
    ones looplint analyzes rather than passes over."""
    return [
        (path.relative_to(corpus.root), lines)
        for path, lines in zip(corpus.files, corpus.lines_per_file, strict=True)
        if "async def" in read_python_source(path)
    ]


def _append_comment(path: Path, round_number: int) -> None:
    """A change of content, not of meaning: what the cache must notice and re-check."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n# changed by the benchmark, round {round_number}\n")


def _measured(argv: list[str], timeout: float) -> ChildRun:
    run = run_child(argv, timeout=timeout, keep_stdout=False)
    if run.timed_out or run.returncode not in EXIT_CODES:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise RuntimeError(
            f"{argv[0]} {' '.join(argv[1:4])} ... failed ({run.returncode}):\n{tail}"
        )
    return run
