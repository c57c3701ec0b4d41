"""``# noqa`` comments: which findings they suppress, and the edit that adds one.

``# noqa`` alone suppresses every finding on its line; ``# noqa: LOOP101, LOOP102`` only
those codes. Comments are found with the tokenizer over the finding's statement, so a
``#`` inside a string is never mistaken for one.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

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


def line_end(source: SourceText, first_line: int, last_line: int, line: int) -> LineEnd:
    """Tokenize lines ``first_line..last_line`` (0-based, a whole statement) to see how
    ``line`` ends."""
    text = "\n".join(source.lines[first_line : last_line + 1]) + "\n"
    physical = source.lines[line]
    comment: LineComment | None = None
    can_append = not physical.rstrip().endswith("\\")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            row = token.start[0] - 1 + first_line
            if token.type == tokenize.COMMENT and row == line:
                comment = LineComment(token.start[1], token.string)
            elif token.type == tokenize.STRING and token.start[0] != token.end[0]:
                inside = token.start[0] - 1 + first_line <= line < token.end[0] - 1 + first_line
                can_append = can_append and not inside
    except (tokenize.TokenError, SyntaxError, IndentationError):
        comment = _comment_by_pattern(physical)
    return LineEnd(comment, can_append)


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
