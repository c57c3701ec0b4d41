"""LOOP201 through nested ``def``s and lambdas: their bodies run when (and where) they are called.

Called inline from a coroutine they run on its loop; handed to another thread they run where
no loop is running, which is correct.
"""

import pytest
from analyzed import codes, flagged_lines, only


def test_a_nested_def_called_inline_is_followed() -> None:
    source = """
        import asyncio

        async def handler():
            def load():
                return asyncio.run(fetch())
            return load()
        """
    finding = only(source)
    assert finding.code == "LOOP201"
    assert "(handler → load → asyncio.run())" in finding.message
    assert finding.span.start.line == 5


def test_nested_defs_calling_each_other_are_followed() -> None:
    source = """
        import asyncio

        async def handler():
            def load():
                return asyncio.run(fetch())

            def load_twice():
                return load(), load()

            return load_twice()
        """
    finding = only(source)
    assert "(handler → load_twice → load → asyncio.run())" in finding.message


def test_a_nested_def_of_a_sync_helper_is_followed() -> None:
    source = """
        import asyncio

        def load_settings():
            def blocking():
                return asyncio.run(fetch())
            return blocking()

        async def handler():
            return load_settings()
        """
    finding = only(source)
    assert "(handler → load_settings → blocking → asyncio.run())" in finding.message


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("load = lambda: asyncio.run(fetch())\n    return load()", id="named lambda"),
        pytest.param("return (lambda: asyncio.run(fetch()))()", id="lambda called at once"),
    ],
)
def test_a_lambda_called_inline_is_followed(call: str) -> None:
    source = f"""
import asyncio

async def handler():
    {call}
"""
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "handoff",
    [
        pytest.param("await asyncio.to_thread(load)", id="asyncio.to_thread"),
        pytest.param(
            "await asyncio.get_running_loop().run_in_executor(None, load)",
            id="loop.run_in_executor",
        ),
        pytest.param("threading.Thread(target=load).start()", id="threading.Thread(target=)"),
        pytest.param("concurrent.futures.ThreadPoolExecutor().submit(load)", id="Executor.submit"),
    ],
)
def test_a_nested_def_handed_to_another_thread_is_not_flagged(handoff: str) -> None:
    source = f"""
import asyncio
import concurrent.futures
import threading

async def handler():
    def load():
        return asyncio.run(fetch())
    {handoff}
"""
    assert codes(source) == []


def test_a_lambda_handed_to_another_thread_is_not_flagged() -> None:
    source = """
        import asyncio

        async def handler():
            return await asyncio.to_thread(lambda: asyncio.run(fetch()))
        """
    assert codes(source) == []


def test_a_nested_def_that_is_defined_but_never_called_is_not_flagged() -> None:
    source = """
        import asyncio

        async def handler():
            def load():
                return asyncio.run(fetch())
            return load
        """
    assert flagged_lines(source) == []
