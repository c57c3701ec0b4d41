"""``# noqa`` comments: which findings they suppress, and the edit that adds one.

``# noqa`` alone suppresses every finding on its line; ``# noqa: LOOP101, LOOP102`` only
those codes. Comments are found with the tokenizer over the finding's statement (a compound
statement's header only, where the finding is), so a ``#`` inside a string is never mistaken
for one. Each statement is tokenized once however many findings it holds (``LineEnds``): a
list of a thousand flagged calls costs one pass, not a thousand.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field

from looplint.engine.findings import Edit, Fix, FixKind, Position, Span
from looplint.engine.source import SourceText

_NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class LineComment:
    column: int  # code points
    text: str


@dataclass(frozen=True, slots=True)
class LineEnd:
    """What a line ends with, as far as appending a comment is concerned."""

    comment: LineComment | None
    can_append: bool  # False inside a multi-line string or after a backslash


def suppressed_codes(comment: LineComment | None) -> frozenset[str] | None:
    """Codes a comment suppresses; an empty set means all (bare ``# noqa``); None means none."""
    if comment is None:
        return None
    match = _NOQA.search(comment.text)
    if match is None:
        return None
    codes = match.group("codes")
    return frozenset(re.split(r"[\s,]+", codes.upper().strip())) if codes else frozenset()


def is_suppressed(code: str, comment: LineComment | None) -> bool:
    codes = suppressed_codes(comment)
    return codes is not None and (not codes or code in codes)


@dataclass(frozen=True, slots=True)
class _TokenizedLines:
    """What tokenizing one statement's lines learned: comments and multi-line strings."""

    comments: dict[int, LineComment] = field(default_factory=dict)  # by 0-based line
    string_lines: set[int] = field(default_factory=set)  # lines that end inside a string
    failed: bool = False  # the tokenizer gave up: comments are then found by pattern


class LineEnds:
    """How the lines of one text end, tokenizing each statement at most once."""

    def __init__(self, source: SourceText) -> None:
        self._source = source
        self._tokenized: dict[tuple[int, int], _TokenizedLines] = {}

    def at(self, statement: ast.AST, line: int) -> LineEnd:
        """How ``line`` (0-based) ends, ``statement`` being the innermost one holding it."""
        first, last = _statement_lines(statement, line)
        key = (first, last)
        if key not in self._tokenized:
            self._tokenized[key] = _tokenize(self._source.lines, first, last)
        tokenized = self._tokenized[key]
        physical = self._source.lines[line]
        can_append = not physical.rstrip().endswith("\\") and line not in tokenized.string_lines
        if tokenized.failed:
            return LineEnd(_comment_by_pattern(physical), can_append)
        return LineEnd(tokenized.comments.get(line), can_append)


def _statement_lines(statement: ast.AST, line: int) -> tuple[int, int]:
    """The 0-based lines to tokenize for a finding on ``line``: the statement's, or only its
    header (``if``, ``for``, ``def`` and their decorators...) when the finding is there."""
    decorators = getattr(statement, "decorator_list", ())
    first = min([statement.lineno, *(d.lineno for d in decorators)]) - 1  # type: ignore[attr-defined]
    last: int = statement.end_lineno - 1  # type: ignore[attr-defined]
    body = getattr(statement, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        inner = body[0]
        inner_first = min([inner.lineno, *(d.lineno for d in getattr(inner, "decorator_list", ()))])
        header_last = inner_first - 2  # the line before the body's first
        if line <= header_last:
            last = header_last
    return min(first, line), max(last, line)


def _tokenize(lines: list[str], first: int, last: int) -> _TokenizedLines:
    found = _TokenizedLines()
    text = "\n".join(lines[first : last + 1]) + "\n"
    if "#" not in text and "'" not in text and '"' not in text:
        return found  # no comment, no string: nothing the tokenizer could tell
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            row = token.start[0] - 1 + first
            if token.type == tokenize.COMMENT:
                found.comments[row] = LineComment(token.start[1], token.string)
            elif token.type == tokenize.STRING and token.start[0] != token.end[0]:
                found.string_lines.update(range(row, token.end[0] - 1 + first))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return _TokenizedLines(string_lines=found.string_lines, failed=True)
    return found


def _comment_by_pattern(line: str) -> LineComment | None:
    match = _NOQA.search(line)
    return LineComment(match.start(), line[match.start() :]) if match else None


def noqa_fix(source: SourceText, code: str, line: int, end: LineEnd) -> Fix | None:
    """ "Disable CODE for this line": append ``# noqa: CODE`` or merge into an existing one."""
    if not end.can_append:
        return None
    physical = source.lines[line]
    comment = end.comment
    if comment is not None:
        match = _NOQA.search(comment.text)
        if match is not None:
            codes = match.group("codes")
            if not codes:
                return None  # a bare `# noqa` already suppresses everything
            start = comment.column + match.end()
            position = Position(line, start)
            return _fix(code, Edit(Span(position, position), f", {code}"))
    code_end = len(physical.rstrip())
    if comment is not None:
        code_end = len(physical[: comment.column].rstrip())
        new_text = f"  # noqa: {code}  {comment.text}"
        span = Span(Position(line, code_end), Position(line, len(physical.rstrip())))
        return _fix(code, Edit(span, new_text))
    span = Span(Position(line, code_end), Position(line, len(physical)))
    return _fix(code, Edit(span, f"  # noqa: {code}"))


def _fix(code: str, edit: Edit) -> Fix:
    return Fix(f"Disable {code} for this line", False, FixKind.NOQA, (edit,))
