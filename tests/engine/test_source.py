"""``SourceText.code`` is the text as the parser sees it, whatever its line breaks."""

from __future__ import annotations

import pytest
from looplint.engine.source import SourceText


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a = 1\nb = 2\n", "a = 1\nb = 2\n"),
        ("a = 1\r\nb = 2\r\n", "a = 1\nb = 2\n"),
        ("a = 1\rb = 2\r", "a = 1\nb = 2\n"),
        ("a = 1\r\nb = 2\rc = 3\n", "a = 1\nb = 2\nc = 3\n"),
        ("\ufeffa = 1\n", "a = 1\n"),
        ("\ufeffa = 1\r\n", "a = 1\n"),
        ("a = '\f\v\x1c'\n", "a = '\f\v\x1c'\n"),
    ],
)
def test_code_has_newline_breaks_and_no_byte_order_mark(text: str, code: str) -> None:
    assert SourceText(text).code == code
