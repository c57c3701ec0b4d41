"""Parse a module so that a syntax error in one place does not hide findings elsewhere.

``ast.parse`` gives nothing for a file with one broken function. When it fails we blank the
smallest enclosing block around the error (a ``def``/``class`` body, or else the top-level
statement) — keeping the line count so positions stay right — and parse again, a few times.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass

from looplint.engine.source import split_lines

_MAX_REPAIRS = 12
_BLOCK_OPENERS = ("def ", "async def ", "class ", "@")


@dataclass(frozen=True, slots=True)
class ParsedModule:
    tree: ast.Module
    repaired: bool = False
    """Whether broken regions were blanked: the tree is then not the text's own."""


def parse_module(text: str, *, top_level_await: bool = False) -> ParsedModule | None:
    """Parse ``text``, blanking broken regions; ``None`` if nothing usable remains."""
    flags = ast.PyCF_ONLY_AST | (ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if top_level_await else 0)
    lines = split_lines(text)
    blanked: set[int] = set()
    for _ in range(_MAX_REPAIRS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escape sequences and the like
                tree = compile("\n".join(lines), "<looplint>", "exec", flags, dont_inherit=True)
        except SyntaxError as error:
            region = _broken_region(lines, error.lineno)
            if region is None or region <= blanked:
                return None
            first = min(region)
            for index in region:
                lines[index] = _blank(lines[index]) if index == first else ""
            blanked |= region
        except (ValueError, RecursionError, MemoryError):
            return None  # null bytes, absurd nesting: nothing sensible to analyze
        else:
            return ParsedModule(tree, repaired=bool(blanked))
    return None


def _blank(line: str) -> str:
    """A ``pass`` at the line's indentation: the whole broken region becomes one no-op."""
    return f"{line[: _indent(line)]}pass"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _broken_region(lines: list[str], lineno: int | None) -> set[int] | None:
    """Lines of the innermost ``def``/``class`` (or top-level statement) around ``lineno``."""
    if not lines:
        return None
    error = min(max((lineno or 1) - 1, 0), len(lines) - 1)
    while error > 0 and not _is_code(lines[error]):
        error -= 1
    header = _enclosing_header(lines, error)
    if header is None:
        start = error
        while start > 0 and (_indent(lines[start]) > 0 or not _is_code(lines[start])):
            start -= 1
        limit = 0
    else:
        start, limit = header, _indent(lines[header])
    end = start + 1
    while end < len(lines) and (not _is_code(lines[end]) or _indent(lines[end]) > limit):
        end += 1
    if header is None and end <= error:
        end = error + 1
    return {i for i in range(start, end) if lines[i].strip()} or {error}


def _enclosing_header(lines: list[str], error: int) -> int | None:
    """The nearest ``def``/``class`` line above ``error`` whose block contains it."""
    error_indent = _indent(lines[error])
    for index in range(error, -1, -1):
        line = lines[index]
        if not _is_code(line):
            continue
        if line.lstrip().startswith(_BLOCK_OPENERS) and (
            index == error or _indent(line) < error_indent
        ):
            while index > 0 and lines[index - 1].lstrip().startswith("@"):
                index -= 1
            return index
        if _indent(line) == 0 and index != error:
            return None
    return None
