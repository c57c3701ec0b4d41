"""Nothing is skipped in silence: every file or region the engine could not analyze is part of
its result, with the lines and the reason."""

import sys
import time

import pytest
from looplint.engine import DEFAULT_SETTINGS, RULES, RuleSettings
from looplint.engine.analysis import analyze_module, analyze_notebook_cells
from looplint.engine.parsing import MAX_REPAIRS
from looplint.engine.skipped import SkippedRegion

FLAGGED = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"


def notes(source: str, settings: RuleSettings = DEFAULT_SETTINGS) -> list[str]:
    return [region.describe() for region in analyze_module(source, settings).skipped]


def test_describe_names_the_lines() -> None:
    assert SkippedRegion("why", (2, 2)).describe() == "line 3 not analyzed: why"
    assert SkippedRegion("why", (2, 5)).describe() == "lines 3-6 not analyzed: why"
    assert SkippedRegion("why").describe() == "not analyzed: why"


def test_an_intact_file_skips_nothing() -> None:
    assert notes(FLAGGED) == []


def test_a_region_around_a_syntax_error() -> None:
    assert notes(FLAGGED + "\n\ndef broken(:\n    pass\n") == [
        "lines 8-9 not analyzed: SyntaxError: invalid syntax"
    ]


def test_a_syntax_error_reported_as_loop001_is_not_said_twice() -> None:
    with_loop001 = RuleSettings(frozenset(RULES))
    assert notes(FLAGGED + "\n\ndef broken(:\n    pass\n", with_loop001) == []


def test_too_many_syntax_errors_leave_the_whole_file_out() -> None:
    broken = "".join(f"def broken{n}(:\n    pass\n" for n in range(MAX_REPAIRS + 1))
    result = analyze_module(FLAGGED + broken)
    assert result.findings == []
    assert result.skipped[-1] == SkippedRegion(f"more than {MAX_REPAIRS} syntax errors")


def test_a_null_byte_leaves_the_whole_file_out() -> None:
    assert notes(FLAGGED + "x = '\x00'\n") == [
        "not analyzed: source code cannot contain null bytes"
    ]


def test_nesting_too_deep_to_compile() -> None:
    deep = FLAGGED + "    x = " + "-" * 100_000 + "1\n"
    assert notes(deep) == ["not analyzed: nested too deeply for Python to compile"]


def test_nesting_too_deep_to_walk_leaves_out_only_its_statement() -> None:
    deep = "    x = " + "-" * 1000 + "asyncio.run(g())\n"
    source = FLAGGED + deep + "\n\nasync def other():\n    asyncio.run(work())\n"
    result = analyze_module(source)
    assert [f.span.start.line for f in result.findings] == [4, 9]  # the first came before it
    assert [r.describe() for r in result.skipped] == [
        "lines 4-6 not analyzed: nested too deeply to analyze"
    ]


def test_a_text_over_the_size_limit_is_not_analyzed() -> None:
    assert notes(FLAGGED, RuleSettings(max_file_size=50)) == [
        "not analyzed: 59 bytes is over the size limit of 50 bytes "
        "(setting max-file-size-mb / maxFileSizeMb)"
    ]
    assert notes(FLAGGED, RuleSettings(max_file_size=59)) == []


def test_the_size_limit_counts_utf8_bytes() -> None:
    text = FLAGGED + "# " + "é" * 20 + "\n"
    assert len(text) <= 100 < len(text.encode())
    assert notes(text, RuleSettings(max_file_size=100)) != []


def test_a_10_mb_line_is_refused_at_once() -> None:
    source = FLAGGED + "    " + "y=1;" * 2_500_000 + "\n"
    started = time.monotonic()
    assert notes(source) == [
        "not analyzed: 10 MB is over the size limit of 2 MB "
        "(setting max-file-size-mb / maxFileSizeMb)"
    ]
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "generic",
    ["def first[T](items: list[T]) -> T:\n    return items[0]\n", "type Pair = tuple[int, int]\n"],
)
def test_syntax_of_a_newer_python_is_said_with_the_version_that_reads_it(generic: str) -> None:
    result = analyze_module(FLAGGED + "\n\n" + generic)
    assert [f.code for f in result.findings] == ["LOOP101"]
    if sys.version_info >= (3, 12):
        assert result.skipped == ()
    else:
        [region] = result.skipped
        assert region.lines is not None and region.lines[0] == 7
        assert "uses syntax of Python 3.12" in region.reason
        assert "run looplint under that Python to analyze it" in region.reason


def test_a_notebook_cell_with_a_syntax_error_is_said_by_cell() -> None:
    cells = ["import asyncio", None, "def f(:\n    pass", "asyncio.run(main())"]
    result = analyze_notebook_cells(cells)
    assert [(f.code, f.cell) for f in result.findings] == [("LOOP301", 3)]
    assert [r.describe() for r in result.skipped] == [
        "cell 3, lines 1-2 not analyzed: SyntaxError: invalid syntax"
    ]


def test_a_notebook_over_the_size_limit_is_not_analyzed() -> None:
    result = analyze_notebook_cells(
        ["import asyncio", "asyncio.run(main())"], RuleSettings(max_file_size=10)
    )
    assert result.findings == []
    assert [r.describe() for r in result.skipped] == [
        "not analyzed: 33 bytes is over the size limit of 10 bytes "
        "(setting max-file-size-mb / maxFileSizeMb)"
    ]
