"""Child process of the benchmark: one pass over a list of files in a single process.

Usage: ``python bench/single_process_worker.py parse|engine FILE_LIST``. Prints one JSON object:
the seconds the pass took (reading included, interpreter start-up and imports excluded) and how
many files failed (rejected by ``ast.parse``, or made the engine raise).
"""

import ast
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from corpus_builder import read_python_source


def parse_pass() -> Callable[[str], bool]:
    """``ast.parse`` alone: the floor for any analyzer that works on Python's own syntax tree."""

    def parses(source: str) -> bool:
        try:
            ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
        return True

    return parses


def engine_pass() -> Callable[[str], bool]:
    """The engine's entry point, imported here so the ``parse`` pass never loads it."""
    from looplint.engine import analyze

    def analyzes(source: str) -> bool:
        try:
            analyze(source)
        except Exception:
            return False
        return True

    return analyzes


PASSES: dict[str, Callable[[], Callable[[str], bool]]] = {
    "parse": parse_pass,
    "engine": engine_pass,
}


def main(mode: str, file_list: Path) -> None:
    work = PASSES[mode]()
    paths = [Path(line) for line in file_list.read_text(encoding="utf-8").splitlines()]
    failures = 0
    start = time.perf_counter()
    for path in paths:
        if not work(read_python_source(path)):
            failures += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "files": len(paths), "failures": failures}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
