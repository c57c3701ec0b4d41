"""LOOP001: a syntax error is a finding of its own when the rule is on (it is off in the
engine's defaults, which the editor shares); never fixable, and no fix is written into a file
Python rejects."""

import pytest
from looplint.engine import RULES, RuleSettings, Severity, analyze, fix_source

WITH_SYNTAX_ERRORS = RuleSettings(frozenset(RULES))
FLAGGED = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"
BROKEN = FLAGGED + "\n\ndef broken(:\n    pass\n"


def test_off_by_default() -> None:
    assert [f.code for f in analyze(BROKEN)] == ["LOOP101"]


def test_a_syntax_error_is_reported_where_python_points() -> None:
    findings = analyze(BROKEN, WITH_SYNTAX_ERRORS)
    assert [f.code for f in findings] == ["LOOP101", "LOOP001"]
    error = findings[1]
    assert (error.span.start.line, error.span.start.column) == (7, 11)
    assert error.message == (
        "SyntaxError: invalid syntax: Python rejects this file; lines 8-9 not analyzed"
    )
    assert error.fixes == ()


def test_every_error_is_reported() -> None:
    source = "async def a(:\n    pass\n\ndef b(:\n    asyncio.run(main())\n"
    lines = [f.span.start.line for f in analyze(source, WITH_SYNTAX_ERRORS)]
    assert lines == [0, 3]


def test_a_file_that_can_hold_a_finding_is_checked_even_where_it_does_not() -> None:
    source = "import asyncio\n\nasyncio.run(main())\nx = (\n"
    assert [f.code for f in analyze(source, WITH_SYNTAX_ERRORS)] == ["LOOP001"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = (\n", id="no async anywhere"),
        pytest.param("async def main(:\n    pass\n", id="async but no call a rule looks at"),
        pytest.param(
            "async def main(conn):\n    conn.close(\n",
            id="only a call of a rule that needs names it does not write",
        ),
    ],
)
def test_a_file_that_cannot_hold_a_finding_is_not_parsed(source: str) -> None:
    """Parsing is most of what a check costs, and such a file has nothing for looplint: its
    syntax is Python's (and the editor's, and other linters') to report."""
    assert analyze(source, WITH_SYNTAX_ERRORS) == []


def test_a_null_byte_rejects_the_whole_file() -> None:
    [finding] = analyze("async def f():\n    asyncio.run(1)\x00\n", WITH_SYNTAX_ERRORS)
    assert finding.code == "LOOP001"
    assert (finding.span.start.line, finding.span.start.column) == (1, 18)
    assert finding.message.startswith("source code cannot contain null bytes")


def test_its_severity_is_configurable() -> None:
    settings = RuleSettings(frozenset(RULES), severities={"LOOP001": Severity.WARNING})
    assert [f.severity for f in analyze(BROKEN, settings)] == [Severity.ERROR, Severity.WARNING]


def test_fix_writes_nothing_into_a_file_python_rejects() -> None:
    result = fix_source(BROKEN)
    assert result.source == BROKEN
    assert result.applied == 0
    assert [f.code for f in result.remaining] == ["LOOP101"]


def test_fix_still_fixes_a_file_python_accepts() -> None:
    assert fix_source(FLAGGED).applied == 1


def test_syntax_of_a_newer_python_is_no_finding_and_fixes_still_apply() -> None:
    """On Python 3.11 the generic function is left out (and said, see test_skipped); on 3.12+
    it parses. Either way it is no syntax error of the file."""
    source = FLAGGED + "\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n"
    assert [f.code for f in analyze(source, WITH_SYNTAX_ERRORS)] == ["LOOP101"]
    assert fix_source(source).applied == 1
