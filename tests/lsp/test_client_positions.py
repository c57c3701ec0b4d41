"""``ClientPositions`` splits a text into lines exactly where the LSP does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from looplint.lsp.positions import ClientPositions


def lsp_line_starts(text: str) -> list[int]:
    """Line starts when only CR LF, CR and LF break lines, found one character at a time."""
    starts, index = [0], 0
    while index < len(text):
        index += 2 if text.startswith("\r\n", index) else 1
        if text[index - 1] in "\r\n":
            starts.append(index)
    return starts


@given(st.lists(st.sampled_from(["", "x", "漢", "🙂", "\n", "\r\n", "\r", "\f", "\u2028"])))
def test_lines_break_at_the_lsps_line_breaks_only(pieces: list[str]) -> None:
    text = "".join(pieces)
    positions = ClientPositions(text, "utf-16")
    assert list(positions.line_starts) == lsp_line_starts(text)
    lines = [positions.line(number) for number in range(positions.line_count)]
    assert "".join(lines) == text.replace("\r", "").replace("\n", "")
