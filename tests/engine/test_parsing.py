"""A syntax error in one place does not hide findings elsewhere, and no text makes the
engine raise."""

import pytest
from analyzed import flagged_lines
from looplint.engine import analyze, analyze_notebook, fix_source

INTACT = "async def intact():\n    asyncio.run(work())\n"


def line_of_the_start(source: str) -> int:
    """1-based line of the intact function's ``asyncio.run``."""
    return source.split("\n").index("    asyncio.run(work())") + 1


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param("def broken(:\n    pass\n", id="bad signature"),
        pytest.param("def broken():\n    x = [1, 2\n", id="unclosed bracket"),
        pytest.param("def broken():\n    return (\n", id="unclosed parenthesis at the end"),
        pytest.param("def broken():\n    x = 1\n      y = 2\n", id="unexpected indent"),
        pytest.param("def broken():\n  x = 1\n\ty = 2\n", id="tabs and spaces"),
        pytest.param("def broken():\n    asyncio.run(\n", id="half-typed call"),
        pytest.param("def broken():\n    asyncio.\n", id="half-typed attribute"),
        pytest.param("def broken():\n    x = = 1\n", id="double equals"),
        pytest.param("def broken()\n    pass\n", id="missing colon"),
        pytest.param('def broken():\n    s = "unterminated\n', id="unterminated string"),
        pytest.param("@decorator(\ndef broken():\n    pass\n", id="broken decorator"),
        pytest.param("print('a'\n", id="unclosed call at module level"),
        pytest.param("class Broken:\n    def method(self:\n        pass\n", id="broken method"),
    ],
)
def test_a_broken_function_before_intact_code_does_not_hide_its_findings(broken: str) -> None:
    source = f"import asyncio\n\n{broken}\n{INTACT}"
    assert flagged_lines(source) == [(line_of_the_start(source), "LOOP101")]


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param("def broken(:\n    pass\n", id="bad signature"),
        pytest.param("def broken():\n    x = [1, 2\n", id="unclosed bracket"),
        pytest.param("def broken():\n    asyncio.run(\n", id="half-typed call at the end"),
        pytest.param("async def broken():\n    await = 1\n", id="keyword as a target"),
        pytest.param("x = (\n", id="unclosed parenthesis at the end of the file"),
    ],
)
def test_a_broken_function_after_intact_code_does_not_hide_its_findings(broken: str) -> None:
    source = f"import asyncio\n\n{INTACT}\n{broken}"
    assert flagged_lines(source) == [(4, "LOOP101")]


def test_a_broken_method_does_not_hide_findings_in_the_other_methods() -> None:
    source = """
        import asyncio

        class Service:
            def broken(self:
                pass

            async def handle(self):
                asyncio.run(self.work())
        """
    assert flagged_lines(source) == [(8, "LOOP101")]


def test_several_broken_functions_between_intact_ones() -> None:
    source = """
        import asyncio

        async def first():
            asyncio.run(work())

        def broken_one(:
            pass

        def broken_two():
            return [

        async def second():
            asyncio.run(work())
        """
    assert flagged_lines(source) == [(4, "LOOP101"), (13, "LOOP101")]


def test_a_broken_line_in_the_flagged_function_itself_hides_only_that_function() -> None:
    source = """
        import asyncio

        async def editing():
            asyncio.run(work())
            asyncio.ru(

        async def other():
            asyncio.run(work())
        """
    assert (8, "LOOP101") in flagged_lines(source)


def test_a_half_typed_attribute_is_valid_and_clean() -> None:
    source = """
        import asyncio

        async def editing():
            asyncio.ru
        """
    assert flagged_lines(source) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n\n", id="blank lines"),
        pytest.param("async", id="a lone keyword"),
        pytest.param("async def", id="half a definition"),
        pytest.param("\x00async def f():\n    asyncio.run(x())\x00", id="null bytes"),
        pytest.param(bytes(range(256)).decode("latin-1"), id="binary junk"),
        pytest.param("\ufffd\ufffe\uffff async run", id="unusual code points"),
        pytest.param("\ud800 async asyncio.run()", id="lone surrogate"),
        pytest.param("(" * 500 + "async" + ")" * 500, id="deep parentheses"),
        pytest.param("[" * 5000 + "asyncio.run()", id="absurd unclosed nesting"),
        pytest.param(
            "async def f():\n"
            + "".join("    " * i + "if x:\n" for i in range(1, 120))
            + "    " * 120
            + "asyncio.run(y())\n",
            id="deeply nested blocks",
        ),
        pytest.param("x = " + " + ".join(["asyncio.run(a())"] * 3000) + "\n", id="long expression"),
        pytest.param(
            "async def f():\n    return " + "f(" * 400 + "asyncio.run(y())" + ")" * 400 + "\n",
            id="deeply nested calls",
        ),
        pytest.param("async def f():\n\tasyncio.run(x())\r\n  \rreturn\n", id="mixed line breaks"),
        pytest.param("async def f():\n    asyncio.run(x())  # noqa: \n", id="empty noqa list"),
        pytest.param("async def f(): asyncio.run(x()); \\\n", id="trailing backslash"),
        pytest.param('async def f():\n    """\n    asyncio.run(x())\n', id="open docstring"),
        pytest.param(
            "import asyncio\nasync def f(a, a):\n    asyncio.run(x())\n", id="duplicate parameter"
        ),
        pytest.param(
            "async def f():\n    nonlocal x\n    asyncio.run(y())\n", id="misplaced nonlocal"
        ),
    ],
)
def test_the_engine_never_raises(text: str) -> None:
    analyze(text)
    analyze_notebook([text, None, text])
    fix_source(text)


def test_deeply_nested_blocks_still_report_the_start() -> None:
    depth = 60
    body = "".join("    " * i + "if x:\n" for i in range(1, depth))
    source = "import asyncio\nasync def f():\n" + body + "    " * depth + "asyncio.run(y())\n"
    assert [f.code for f in analyze(source)] == ["LOOP101"]
