"""``--unsafe-fixes``: apply each remaining finding's unsafe fix, in every file it edits.

An unsafe fix can span files (LOOP201's "make the helper async" edits the helper's module and
every caller's), so it is applied here, in one process, after a check of the whole project
that wrote nothing: the edits are chosen together (a fix is taken whole or not at all, and one
that collides with a fix taken before it waits for the next round), every new file content is
computed before any is written, and nothing is written if a file involved cannot be read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from looplint.cli.file_check import NOTEBOOK_SUFFIX, CheckOutcome
from looplint.cli.notebooks import parse_notebook
from looplint.cli.source_text import UnreadableSource, decode_json, decode_python
from looplint.engine import Edit, Fix, apply_edits
from looplint.engine.fixing import choose_fixes


@dataclass(frozen=True)
class UnsafeFixing:
    applied: Counter[Path]
    """Unsafe fixes applied, by the file of the finding each one fixed."""
    error: CheckOutcome | None = None
    """A file that could not be read or written."""


def apply_unsafe_fixes(outcomes: Sequence[CheckOutcome]) -> UnsafeFixing:
    """Apply the unsafe fix of every finding in ``outcomes`` that has no safe fix."""
    located: dict[int, tuple[Path, Fix]] = {}
    for outcome in outcomes:
        for finding in outcome.findings:
            fix = None if finding.safe_fix else finding.unsafe_fix
            if fix is not None:
                located[id(finding)] = (outcome.path, _in_files(fix, outcome.path))
    findings = [f for outcome in outcomes for f in outcome.findings if id(f) in located]
    chosen = choose_fixes(findings, lambda finding: located[id(finding)][1])
    by_path: dict[str, list[Edit]] = defaultdict(list)
    for _, edits in chosen:
        for edit in edits:
            by_path[str(edit.path)].append(edit)
    contents: dict[Path, bytes] = {}
    for name, file_edits in by_path.items():
        try:
            contents[Path(name)] = _edited(Path(name), file_edits)
        except (OSError, UnreadableSource) as error:
            return UnsafeFixing(Counter(), CheckOutcome(Path(name), error=_reason(error)))
    applied = Counter(located[id(finding)][0] for finding, _ in chosen)
    for path, content in contents.items():
        try:
            path.write_bytes(content)
        except OSError as error:
            return UnsafeFixing(applied, CheckOutcome(path, error=_reason(error)))
    return UnsafeFixing(applied)


def _in_files(fix: Fix, path: Path) -> Fix:
    """``fix`` with every edit naming its file (an edit of the finding's own file names none)."""
    return replace(fix, edits=tuple(replace(e, path=e.path or str(path)) for e in fix.edits))


def _edited(path: Path, edits: list[Edit]) -> bytes:
    data = path.read_bytes()
    if path.suffix != NOTEBOOK_SUFFIX:
        source = decode_python(data)
        return source.encode(apply_edits(source.text, edits))
    decoded = decode_json(data)
    notebook = parse_notebook(decoded.text)
    cells = [
        cell if cell is None else apply_edits(cell, [e for e in edits if e.cell == index])
        for index, cell in enumerate(notebook.cells)
    ]
    return decoded.encode(notebook.with_cells(cells))


def _reason(error: OSError | UnreadableSource) -> str:
    if isinstance(error, OSError):
        return f"cannot apply unsafe fixes: {error.strerror or error}"
    return f"cannot apply unsafe fixes: {error}"
