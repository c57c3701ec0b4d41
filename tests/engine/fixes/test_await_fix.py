"""``asyncio.run(X)`` → ``await X``, with the parentheses ``await``'s precedence needs."""

import ast

import pytest
from analyzed import applied, findings, fix_of, only, preferred
from looplint.engine import FixKind


def handler(body: str) -> str:
    return f"import asyncio\n\nasync def handler():\n    {body}\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("asyncio.run(h())", "await h()"),
        ("x = asyncio.run(h())", "x = await h()"),
        ("return asyncio.run(h())", "return await h()"),
        ("print(asyncio.run(h()))", "print(await h())"),
        ("return f'{asyncio.run(h())}'", "return f'{await h()}'"),
        ("return asyncio.run(h()).attr", "return (await h()).attr"),
        ("return asyncio.run(h()).method()", "return (await h()).method()"),
        ("return asyncio.run(h())[0]", "return (await h())[0]"),
        ("return asyncio.run(h())(x)", "return (await h())(x)"),
        ("return asyncio.run(h()) + 1", "return await h() + 1"),
        ("return asyncio.run(h()) ** 2", "return await h() ** 2"),
        ("return -asyncio.run(h())", "return -await h()"),
        ("return not asyncio.run(h())", "return not await h()"),
        ("return await asyncio.run(h())", "return await h()"),
        ("return [asyncio.run(h(x)) for x in xs]", "return [await h(x) for x in xs]"),
        ("return asyncio.run(client.get(url).json())", "return await client.get(url).json()"),
        ("return asyncio.run(asyncio.wait_for(h(), 5))", "return await asyncio.wait_for(h(), 5)"),
    ],
)
def test_the_call_becomes_an_await_with_the_right_parentheses(body: str, expected: str) -> None:
    result = preferred(handler(body))
    assert result == handler(expected)
    ast.parse(result)


def test_a_multi_line_argument_is_copied_verbatim() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.run(
                fetch(
                    "https://example.org",
                    timeout=5,
                )
            )
        """
    result = preferred(source)
    assert (
        "    return await fetch(\n"
        '            "https://example.org",\n'
        "            timeout=5,\n"
        "        )\n" in result
    )
    ast.parse(result)


def test_an_argument_that_is_not_a_primary_is_parenthesised() -> None:
    source = handler("return asyncio.run(first or second)")
    fix = fix_of(only(source), FixKind.AWAIT)
    assert not fix.safe
    assert applied(source, fix) == handler("return await (first or second)")


@pytest.mark.parametrize("option", ["debug=True", "loop_factory=factory"])
def test_keyword_arguments_make_the_fix_a_choice_that_says_what_it_drops(option: str) -> None:
    source = handler(f"return asyncio.run(h(), {option})")
    finding = only(source)
    fix = fix_of(finding, FixKind.AWAIT)
    assert finding.safe_fix is None
    assert f"drops `{option.split('=')[0]}=`" in fix.title
    assert applied(source, fix) == handler("return await h()")


def test_the_title_shows_the_replacement() -> None:
    fix = fix_of(only(handler("asyncio.run(h())")), FixKind.AWAIT)
    assert "await h()" in fix.title


def test_the_edit_spans_only_the_call() -> None:
    source = handler("value = transform(asyncio.run(h()), 1)  # keep")
    assert preferred(source) == handler("value = transform(await h(), 1)  # keep")


@pytest.mark.parametrize(
    "body",
    [
        "callback = lambda: asyncio.run(h())",
        "class Local:\n        value = asyncio.run(h())",
        "total = sum(asyncio.run(h(x)) for x in xs)",
    ],
)
def test_no_await_fix_where_await_would_not_be_legal_or_equivalent(body: str) -> None:
    source = handler(body)
    for finding in findings(source):
        assert all(fix.kind is not FixKind.AWAIT for fix in finding.fixes)
