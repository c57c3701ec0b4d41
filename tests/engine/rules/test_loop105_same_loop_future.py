"""LOOP105, the same deadlock without ``run_coroutine_threadsafe``: a ``concurrent.futures.Future``
that only a callback scheduled on the running loop completes, waited for with ``.result()`` on
that loop's thread. Reported only when nothing else can complete the future."""

import pytest
from analyzed import codes, fix_of, only, preferred
from looplint.engine import FixKind, Severity


@pytest.mark.parametrize(
    "callback",
    ["fut.set_result, 42", "lambda: fut.set_result(42)", "fut.set_exception, ValueError()"],
)
def test_a_future_completed_by_a_callback_on_the_running_loop_is_an_error(callback: str) -> None:
    source = f"""
        import asyncio
        import concurrent.futures

        async def handler():
            loop = asyncio.get_running_loop()
            fut = concurrent.futures.Future()
            loop.call_soon_threadsafe({callback})
            return fut.result()
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP105", Severity.ERROR)
    assert finding.span.start.line == 7
    assert "blocks forever" in finding.message
    assert "return await asyncio.wrap_future(fut)" in preferred(source)


def test_with_a_timeout_awaiting_is_a_choice() -> None:
    source = """
        import asyncio
        from concurrent.futures import Future

        async def handler():
            fut = Future()
            asyncio.get_running_loop().call_soon(fut.set_result, 42)
            return fut.result(timeout=1)
        """
    assert not fix_of(only(source), FixKind.AWAIT).safe


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """
            fut = concurrent.futures.Future()
            threading.Thread(target=complete, args=(fut,)).start()
            loop.call_soon_threadsafe(fut.set_result, 42)
            """,
            id="also handed to a thread",
        ),
        pytest.param(
            """
            fut = concurrent.futures.Future()
            other_loop.call_soon_threadsafe(fut.set_result, 42)
            """,
            id="completed on a loop of unknown origin",
        ),
        pytest.param(
            """
            fut = concurrent.futures.Future()
            fut.set_result(42)
            """,
            id="completed at once",
        ),
        pytest.param(
            """
            fut = make_future()
            loop.call_soon_threadsafe(fut.set_result, 42)
            """,
            id="not known to be a concurrent future",
        ),
        pytest.param(
            """
            loop.call_soon_threadsafe(fut.set_result, 42)
            """,
            id="a future of the module, which other code may complete",
        ),
    ],
)
def test_no_finding_when_something_else_may_complete_the_future(body: str) -> None:
    indented = "\n".join(f"    {line.strip()}" for line in body.strip().splitlines())
    source = f"""
import asyncio
import concurrent.futures
import threading

fut = concurrent.futures.Future()

async def handler(other_loop):
    loop = asyncio.get_running_loop()
{indented}
    return fut.result()
"""
    assert "LOOP105" not in codes(source)
