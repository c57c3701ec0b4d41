"""Cycles in the call graph: followed to the loop start if there is one, never forever."""

import threading

import pytest
from analyzed import codes, findings, only
from looplint.engine import Finding

SECONDS_ALLOWED = 5


def analyzed_in_time(source: str) -> list[Finding]:
    """The findings, failing (not hanging) if the analysis does not finish."""
    result: list[list[Finding]] = []
    worker = threading.Thread(target=lambda: result.append(findings(source)), daemon=True)
    worker.start()
    worker.join(SECONDS_ALLOWED)
    assert result, f"the analysis did not finish in {SECONDS_ALLOWED}s"
    return result[0]


def test_mutual_recursion_with_a_loop_start_is_followed_to_it() -> None:
    source = """
        import asyncio

        def visit(node):
            for child in node.children:
                expand(child)

        def expand(node):
            if node.children:
                return visit(node)
            return asyncio.run(load(node))

        async def handler(tree):
            return visit(tree)
        """
    finding = only(source)
    assert finding.code == "LOOP201"
    assert "(handler → visit → expand → asyncio.run())" in finding.message


def test_mutual_recursion_without_a_loop_start_is_clean_and_finishes() -> None:
    source = """
        import asyncio

        def ping(n):
            return pong(n - 1) if n else 0

        def pong(n):
            return ping(n - 1) if n else 1

        async def handler():
            return ping(10)
        """
    assert analyzed_in_time(source) == []


def test_a_longer_cycle_without_a_loop_start_is_clean_and_finishes() -> None:
    source = """
        import asyncio

        def a(n):
            return b(n)

        def b(n):
            return c(n)

        def c(n):
            return a(n - 1) if n else asyncio.sleep(0)

        async def handler():
            return a(3)
        """
    assert analyzed_in_time(source) == []


@pytest.mark.parametrize(
    ("helper", "expected"),
    [
        pytest.param(
            """
def walk(n):
    if n:
        return walk(n - 1)
    return asyncio.run(work())
""",
            ["LOOP201"],
            id="with a loop start",
        ),
        pytest.param(
            """
def walk(n):
    return walk(n - 1) if n else 0
""",
            [],
            id="without a loop start",
        ),
    ],
)
def test_direct_recursion(helper: str, expected: list[str]) -> None:
    source = f"import asyncio\n{helper}\nasync def handler():\n    return walk(3)\n"
    assert [f.code for f in analyzed_in_time(source)] == expected


def test_the_caller_in_a_cycle_is_named_once_in_the_chain() -> None:
    source = """
        import asyncio

        def a(n):
            return b(n)

        def b(n):
            if n:
                return a(n - 1)
            return asyncio.run(work())

        async def handler():
            return a(3)
        """
    finding = only(source)
    assert "(handler → a → b → asyncio.run())" in finding.message
    assert codes(source) == ["LOOP201"]
