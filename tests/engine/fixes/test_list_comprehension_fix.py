"""Inside a generator expression ``await`` would make an async generator: the choice is a
list comprehension of awaited calls."""

import ast

import pytest
from analyzed import applied, fix_of, only
from looplint.engine import FixKind


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "return sum(asyncio.run(size(x)) for x in xs)",
            "return sum([await size(x) for x in xs])",
        ),
        (
            "return max(asyncio.run(size(x)) for x in xs if x)",
            "return max([await size(x) for x in xs if x])",
        ),
        (
            "return combine(first, (asyncio.run(size(x)) for x in xs))",
            "return combine(first, [await size(x) for x in xs])",
        ),
        (
            "total = (asyncio.run(size(x)) for x in xs)",
            "total = [await size(x) for x in xs]",
        ),
        (
            "return sorted((asyncio.run(size(x)) for x in xs), reverse=True)",
            "return sorted([await size(x) for x in xs], reverse=True)",
        ),
    ],
)
def test_the_generator_becomes_a_list_comprehension(body: str, expected: str) -> None:
    source = f"import asyncio\n\nasync def handler(xs, first):\n    {body}\n"
    finding = only(source)
    fix = fix_of(finding, FixKind.LIST_COMPREHENSION)
    result = applied(source, fix)
    assert not fix.safe
    assert result == f"import asyncio\n\nasync def handler(xs, first):\n    {expected}\n"
    ast.parse(result)


def test_nested_generators_get_no_list_comprehension() -> None:
    source = """
        import asyncio

        async def handler(rows):
            return sum(sum(asyncio.run(size(x)) for x in row) for row in rows)
        """
    assert all(fix.kind is not FixKind.LIST_COMPREHENSION for fix in only(source).fixes)
