"""The Python files the editors open, and where looplint must report them in each editor's units.

Each sample puts `asyncio.run(fetch())` inside an `async def`, on a line that starts with
"héllo🙂": `é` is two UTF-8 bytes and `🙂` four UTF-8 bytes / two UTF-16 units, so a column
converted with the wrong encoding lands somewhere else and the test sees it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "sample"
FLAGGED_CALL = "asyncio.run(fetch())"
SAFE_FIX = "await fetch()"


@dataclass(frozen=True)
class FlaggedCall:
    """One `asyncio.run(fetch())` in a sample: its 0-based line and that line's text."""

    line: int
    text: str

    @property
    def character_columns(self) -> tuple[int, int]:
        """Start and end in code points (Emacs buffer columns)."""
        start = self.text.index(FLAGGED_CALL)
        return start, start + len(FLAGGED_CALL)

    @property
    def byte_columns(self) -> tuple[int, int]:
        """Start and end in UTF-8 bytes (Neovim's vim.diagnostic columns)."""
        start, end = self.character_columns
        return len(self.text[:start].encode()), len(self.text[:end].encode())


def flagged_calls(source: str) -> list[FlaggedCall]:
    return [
        FlaggedCall(line=number, text=text)
        for number, text in enumerate(source.split("\n"))
        if FLAGGED_CALL in text
    ]


def safely_fixed(source: str) -> str:
    """The sample as looplint's safe fix leaves it."""
    return source.replace(FLAGGED_CALL, SAFE_FIX)


@dataclass(frozen=True)
class SampleCopy:
    """The copy of a sample that an editor opens and saves, and its text before the editor ran."""

    path: Path
    original: str


def create_project(root: Path, sample: str) -> SampleCopy:
    """A project folder (pyproject.toml marks its root) holding a copy of `sample`."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "sample"\nversion = "0"\n')
    path = Path(shutil.copy(SAMPLES / sample, root / sample))
    return SampleCopy(path=path, original=path.read_text(encoding="utf-8"))
