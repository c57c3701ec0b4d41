"""The files the server's latency is measured on: real code of about the sizes asked for."""

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus_builder import STDLIB_FOLDER, Corpus, count_lines, read_python_source
from looplint.engine import analyze


@dataclass(frozen=True)
class LatencyDocument:
    """A file the latency is measured on: real code, one module or several joined."""

    label: str
    text: str
    sources: tuple[str, ...]
    """Corpus-relative paths of the modules it is made of."""

    @property
    def lines(self) -> int:
        return count_lines(self.text)


def choose_documents(corpus: Corpus, sizes: Sequence[int]) -> list[LatencyDocument]:
    """Real files of about each size, taken from the pinned packages when the corpus has them.

    Pinned packages make the choice the same on every interpreter, and they are async code, what
    looplint is written for. Among the modules within 10% of a size, the one with the most
    findings wins (so the server also builds diagnostics and quick fixes), then the nearest.
    A size no module comes that close to (15,000 lines: no real module is that long) is made by
    joining modules, each parseable on its own and free of ``from __future__`` imports, so the
    result still parses.
    """
    packages = [path for path in corpus.files if not _in_stdlib(corpus, path)]
    texts = {path: read_python_source(path) for path in packages or corpus.files}
    modules = {path: text for path, text in texts.items() if _parses(text)}
    lines = {path: count_lines(text) for path, text in modules.items()}
    documents = []
    for size in sizes:
        near = [path for path in modules if abs(lines[path] - size) <= size / 10]
        if near:
            chosen = [
                min(near, key=lambda path: (-len(analyze(modules[path])), abs(lines[path] - size)))
            ]
        else:
            chosen = _joined_to_size(modules, lines, size)
        text = "\n".join(modules[path].rstrip("\n") for path in chosen) + "\n"
        documents.append(
            LatencyDocument(
                label=f"~{size:,} lines",
                text=text,
                sources=tuple(path.relative_to(corpus.root).as_posix() for path in chosen),
            )
        )
    return documents


def _joined_to_size(modules: dict[Path, str], lines: dict[Path, int], size: int) -> list[Path]:
    """The largest modules while they fit in ``size``, then the smallest one that reaches it."""
    joinable = sorted(
        (path for path in modules if "from __future__" not in modules[path]),
        key=lines.__getitem__,
        reverse=True,
    )
    chosen: list[Path] = []
    total = 0
    for path in joinable:
        if total + lines[path] > size:
            break
        chosen.append(path)
        total += lines[path]
    reaching = [path for path in joinable if path not in chosen and total + lines[path] >= size]
    if total < size and reaching:
        chosen.append(min(reaching, key=lines.__getitem__))
    return chosen


def _in_stdlib(corpus: Corpus, path: Path) -> bool:
    return path.is_relative_to(corpus.root / STDLIB_FOLDER)


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
