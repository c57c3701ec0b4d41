"""Parse a module so that a syntax error in one place does not hide findings elsewhere.

``ast.parse`` gives nothing for a file with one broken function. When it fails we blank the
smallest enclosing block around the error (a ``def``/``class`` body, or else the top-level
statement) — keeping the line count so positions stay right — and parse again, a few times.
Every error met is kept (``SyntaxProblem``), with the lines it cost, so that what was not
analyzed can be said: as a finding (LOOP001), or as a note.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass

from looplint.engine.newer_syntax import newer_syntax_in
from looplint.engine.source import split_lines

MAX_REPAIRS = 12
_BLOCK_OPENERS = ("def ", "async def ", "class ", "@")


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """Why Python rejects (part of) a text, and what it cost the analysis."""

    message: str
    """Python's own words, e.g. ``SyntaxError: expected ':'``."""
    line: int
    column: int
    """0-based, in code points, where Python points."""
    region: tuple[int, int] | None
    """The 0-based first and last line left out of the analysis; ``None``: the whole text."""
    newer_syntax: str | None = None
    """The newer Python the region's syntax needs (``"Python 3.12 (type parameter lists)"``),
    when that explains the error: the code may be valid for the project's Python."""


@dataclass(frozen=True, slots=True)
class ParsedModule:
    tree: ast.Module
    repaired: bool = False
    """Whether broken regions were blanked: the tree is then not the text's own."""


@dataclass(frozen=True, slots=True)
class ParseReport:
    """A parse that says what it could not read: ``parsed`` is ``None`` when nothing usable
    remains, and ``problems`` lists every error met."""

    parsed: ParsedModule | None
    problems: tuple[SyntaxProblem, ...]


def parse_module(text: str, *, top_level_await: bool = False) -> ParsedModule | None:
    """Parse ``text``, blanking broken regions; ``None`` if nothing usable remains."""
    return parse_reporting(text, top_level_await=top_level_await).parsed


def parse_reporting(text: str, *, top_level_await: bool = False) -> ParseReport:
    """``parse_module``, also saying which errors cost which lines."""
    flags = ast.PyCF_ONLY_AST | (ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if top_level_await else 0)
    lines = split_lines(text)
    if "\0" in text:  # Python rejects the whole file (a ValueError or a SyntaxError)
        line = text.count("\n", 0, text.index("\0"))
        column = lines[line].index("\0") if line < len(lines) else 0
        return ParseReport(None, (_whole("source code cannot contain null bytes", line, column),))
    blanked: set[int] = set()
    problems: list[SyntaxProblem] = []
    for _ in range(MAX_REPAIRS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escape sequences and the like
                tree = compile("\n".join(lines), "<looplint>", "exec", flags, dont_inherit=True)
        except SyntaxError as error:
            line, column = _where(error, lines)
            region = _broken_region(lines, error.lineno)
            message = f"{type(error).__name__}: {error.msg}"
            if region is None or region <= blanked:
                problems.append(_whole(message, line, column))
                return ParseReport(None, tuple(problems))
            span = (min(region), max(region))
            newer = newer_syntax_in([lines[index] for index in sorted(region)])
            problems.append(SyntaxProblem(message, line, column, span, newer))
            first = min(region)
            for index in region:
                lines[index] = _blank(lines[index]) if index == first else ""
            blanked |= region
        except (RecursionError, MemoryError):
            problems.append(_whole("nested too deeply for Python to compile", 0, 0))
            return ParseReport(None, tuple(problems))
        except ValueError as error:
            problems.append(_whole(f"ValueError: {error}", 0, 0))
            return ParseReport(None, tuple(problems))
        else:
            return ParseReport(ParsedModule(tree, repaired=bool(blanked)), tuple(problems))
    line, column = (problems[-1].line, problems[-1].column) if problems else (0, 0)
    problems.append(_whole(f"more than {MAX_REPAIRS} syntax errors", line, column))
    return ParseReport(None, tuple(problems))


def _whole(message: str, line: int, column: int) -> SyntaxProblem:
    return SyntaxProblem(message, line, column, None)


def _where(error: SyntaxError, lines: list[str]) -> tuple[int, int]:
    """The 0-based line and code-point column a ``SyntaxError`` points at, within the text."""
    line = min(max((error.lineno or 1) - 1, 0), max(len(lines) - 1, 0))
    column = max((error.offset or 1) - 1, 0)
    return line, min(column, len(lines[line]) if lines else 0)


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
