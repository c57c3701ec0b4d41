"""LOOP101 through ``functools.partial(asyncio.run, coro)``, called inline or stored first."""

import pytest
from analyzed import codes, only, preferred
from looplint.engine import Severity


def test_a_partial_of_asyncio_run_called_inline_is_fixed_by_awaiting_the_coroutine() -> None:
    source = """
        import asyncio
        import functools

        async def handler():
            return functools.partial(asyncio.run, fetch(1))()
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP101", Severity.ERROR)
    assert finding.message.startswith(
        "`functools.partial(asyncio.run, fetch(1))` calls `asyncio.run()`"
    )
    assert preferred(source).splitlines()[-1] == "    return await fetch(1)"


def test_a_stored_partial_of_asyncio_run_is_an_error_without_a_safe_fix() -> None:
    """The coroutine was made where the partial was: awaiting it there is a different edit."""
    source = """
        from asyncio import run
        from functools import partial

        async def handler():
            start = partial(run, fetch(1))
            return start()
        """
    finding = only(source)
    assert finding.code == "LOOP101"
    assert finding.message.startswith("`start` calls `asyncio.run()`")
    assert finding.safe_fix is None


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio
            import functools

            def main():
                return functools.partial(asyncio.run, fetch(1))()
            """,
            id="in sync code",
        ),
        pytest.param(
            """
            import asyncio
            import functools

            async def handler():
                return functools.partial(asyncio.sleep, 1)()
            """,
            id="a partial of something else",
        ),
        pytest.param(
            """
            import asyncio
            import functools

            async def handler():
                start = functools.partial(asyncio.run, fetch(1))
                return await asyncio.to_thread(start)
            """,
            id="handed to a thread",
        ),
    ],
)
def test_no_finding_where_the_partial_does_not_start_a_loop_inside_one(source: str) -> None:
    assert "LOOP101" not in codes(source)
