""" "Disable for this line": append ``# noqa: CODE`` or merge it into an existing one."""

import pytest
from analyzed import applied, codes, fix_of, kinds, only
from looplint.engine import FixKind


def with_line(line: str) -> str:
    return f"import asyncio\n\nasync def handler():\n    {line}\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("asyncio.run(h())", "asyncio.run(h())  # noqa: LOOP101"),
        ("asyncio.run(h())   ", "asyncio.run(h())  # noqa: LOOP101"),
        ("asyncio.run(h())  # noqa: E501", "asyncio.run(h())  # noqa: E501, LOOP101"),
        ("asyncio.run(h())  # NOQA:E501,W291", "asyncio.run(h())  # NOQA:E501,W291, LOOP101"),
        ("asyncio.run(h())  # why: legacy", "asyncio.run(h())  # noqa: LOOP101  # why: legacy"),
        (
            "asyncio.run(h())  # noqa: E501  # legacy",
            "asyncio.run(h())  # noqa: E501, LOOP101  # legacy",
        ),
        ("x = asyncio.run(h('#'))", "x = asyncio.run(h('#'))  # noqa: LOOP101"),
    ],
)
def test_the_noqa_fix_appends_or_merges(line: str, expected: str) -> None:
    source = with_line(line)
    fix = fix_of(only(source), FixKind.NOQA)
    result = applied(source, fix)
    assert not fix.safe
    assert result == with_line(expected)
    assert codes(result) == []


def test_the_title_names_the_code() -> None:
    assert fix_of(only(with_line("asyncio.run(h())")), FixKind.NOQA).title == (
        "Disable LOOP101 for this line"
    )


def test_a_multi_line_call_gets_the_comment_on_its_first_line() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(
                h()
            )
        """
    result = applied(source, fix_of(only(source), FixKind.NOQA))
    assert "    asyncio.run(  # noqa: LOOP101\n" in result
    assert codes(result) == []


def test_no_noqa_fix_inside_a_multi_line_string() -> None:
    source = '''
        import asyncio

        async def handler():
            return asyncio.run(h("""text
        more""")).upper()
        '''
    assert FixKind.NOQA not in kinds(only(source))
