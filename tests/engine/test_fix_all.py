"""Fix-all applies every safe fix and nothing else, leaves the rest of the text alone, and
changes nothing the second time."""

import ast

import pytest
from analyzed import EVERY_RULE, clean, codes, fixed
from looplint.engine import analyze, fix_source

MODULE = '''
    """A service with every kind of finding."""

    import asyncio  # the event loop
    import nest_asyncio


    def patch_for_notebooks():  # never called: patches nothing
        nest_asyncio.apply()


    async def fetch(n):
        return n


    async def handler(loop, items):
        # Load everything first.
        first = asyncio.run(fetch(1))   # odd   spacing kept
        second = asyncio.get_event_loop().run_until_complete(fetch(2))
        asyncio.run(fetch(3), debug=True)
        total = sum(asyncio.run(fetch(x)) for x in items)
        loop.run_until_complete(fetch(4))
        return first + second + total


    def main():
        asyncio.run(handler(None, []))
    '''


def test_only_safe_fixes_are_applied() -> None:
    result = fix_source(clean(MODULE))
    assert "first = await fetch(1)   # odd   spacing kept" in result.source
    assert "second = await fetch(2)" in result.source
    assert "asyncio.run(fetch(3), debug=True)" in result.source
    assert "sum(asyncio.run(fetch(x)) for x in items)" in result.source
    assert "loop.run_until_complete(fetch(4))" in result.source
    assert result.applied == 2


def test_the_remaining_findings_are_those_without_a_safe_fix() -> None:
    result = fix_source(clean(MODULE))
    assert result.remaining == analyze(result.source)
    assert all(finding.safe_fix is None for finding in result.remaining)
    assert sorted(f.code for f in result.remaining) == ["LOOP101", "LOOP101", "LOOP102", "LOOP401"]


def test_lines_outside_the_edits_are_unchanged() -> None:
    before = clean(MODULE).split("\n")
    after = fix_source(clean(MODULE)).source.split("\n")
    assert len(after) == len(before)
    changed = [
        number for number, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
    ]
    assert changed == [16, 17]


def test_fix_all_is_idempotent() -> None:
    once = fix_source(clean(MODULE))
    twice = fix_source(once.source)
    assert twice.source == once.source
    assert twice.applied == 0


def test_a_clean_module_is_returned_as_is() -> None:
    source = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n"
    result = fix_source(source)
    assert (result.source, result.applied, result.remaining) == (source, 0, [])


def test_nested_starts_are_fixed_over_several_rounds() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.run(wrap(asyncio.run(inner())))
        """
    result = fixed(source)
    assert "return await wrap(await inner())" in result
    assert codes(result) == []


def test_a_fix_that_adds_an_import_is_applied_once_for_many_findings() -> None:
    source = """
        from asyncio import get_event_loop

        async def a():
            return get_event_loop()

        async def b():
            return get_event_loop()
        """
    result = fixed(source, EVERY_RULE)
    assert result.count("import asyncio\n") == 1
    assert result.count("asyncio.get_running_loop()") == 2
    ast.parse(result)


def test_crlf_line_endings_are_preserved() -> None:
    source = (
        "import asyncio\r\n\r\nasync def handler():\r\n    x = asyncio.run(h())\r\n    return x\r\n"
    )
    result = fix_source(source).source
    assert (
        result
        == "import asyncio\r\n\r\nasync def handler():\r\n    x = await h()\r\n    return x\r\n"
    )


def test_an_inserted_import_uses_the_files_line_ending() -> None:
    source = (
        "from asyncio import get_event_loop\r\n\r\n"
        "async def handler():\r\n    return get_event_loop()\r\n"
    )
    assert fix_source(source, EVERY_RULE).source == (
        "import asyncio\r\nfrom asyncio import get_event_loop\r\n\r\n"
        "async def handler():\r\n    return asyncio.get_running_loop()\r\n"
    )


def test_lone_carriage_returns_are_line_breaks() -> None:
    source = "import asyncio\r\rasync def handler():\r    x = asyncio.run(h())\r    return x\r"
    assert fix_source(source).source == source.replace("asyncio.run(h())", "await h()")


def test_a_byte_order_mark_is_kept_and_positions_ignore_it() -> None:
    source = "\ufeffimport asyncio\n\nasync def handler():\n    asyncio.run(h())\n"
    (finding,) = analyze(source)
    assert (finding.span.start.line, finding.span.start.column) == (3, 4)
    assert (
        fix_source(source).source == "\ufeffimport asyncio\n\nasync def handler():\n    await h()\n"
    )


def test_a_start_on_the_first_line_after_a_byte_order_mark() -> None:
    source = "\ufeffasync def handler(): import asyncio; asyncio.run(h())\n"
    (finding,) = analyze(source)
    assert finding.span.start.column == len("\ufeffasync def handler(): import asyncio; ")
    assert fix_source(source).source == "\ufeffasync def handler(): import asyncio; await h()\n"


@pytest.mark.parametrize(
    "prefix", ['s = "héllo🙂"; ', 's = "日本語"; ', "s = '\\u00e9'; ", 'x = "🙂🙂🙂"; y = "ü"; ']
)
def test_columns_count_code_points_after_non_ascii_text(prefix: str) -> None:
    source = f"import asyncio\n\nasync def handler():\n    {prefix}asyncio.run(h())\n"
    (finding,) = analyze(source)
    start = finding.span.start.column
    end = finding.span.end.column
    line = source.split("\n")[3]
    assert line[start:end] == "asyncio.run(h())"
    assert fix_source(source).source == source.replace("asyncio.run(h())", "await h()")


def test_non_ascii_inside_the_call_keeps_the_span_right() -> None:
    source = 'import asyncio\n\nasync def handler():\n    asyncio.run(greet("héllo🙂"))  # ✓\n'
    assert fix_source(source).source == (
        'import asyncio\n\nasync def handler():\n    await greet("héllo🙂")  # ✓\n'
    )


def test_a_form_feed_does_not_split_lines() -> None:
    source = "import asyncio\n\x0c\nasync def handler():\n    x = 1\x0c; asyncio.run(h())\n"
    (finding,) = analyze(source)
    assert (finding.span.start.line, finding.span.start.column) == (3, 12)
    assert fix_source(source).source == source.replace("asyncio.run(h())", "await h()")
