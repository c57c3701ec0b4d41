"""LOOP001: a syntax error is a finding of its own when the rule is on (it is off in the
engine's defaults, which the editor shares); never fixable, and no fix is written into a file
Python rejects."""

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
    source = "def a(:\n    pass\n\ndef b(:\n    pass\n"
    lines = [f.span.start.line for f in analyze(source, WITH_SYNTAX_ERRORS)]
    assert lines == [0, 3]


def test_a_file_without_async_is_still_checked() -> None:
    assert [f.code for f in analyze("x = (\n", WITH_SYNTAX_ERRORS)] == ["LOOP001"]


def test_a_null_byte_rejects_the_whole_file() -> None:
    [finding] = analyze("async def f():\n    x = 1\x00\n", WITH_SYNTAX_ERRORS)
    assert finding.code == "LOOP001"
    assert (finding.span.start.line, finding.span.start.column) == (1, 9)
    assert finding.message.startswith("source code cannot contain null bytes")


def test_its_severity_is_configurable() -> None:
    settings = RuleSettings(frozenset(RULES), severities={"LOOP001": Severity.WARNING})
    assert [f.severity for f in analyze("x = (\n", settings)] == [Severity.WARNING]


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
