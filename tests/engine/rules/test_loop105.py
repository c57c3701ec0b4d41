"""LOOP105: ``run_coroutine_threadsafe(C, loop).result()`` on the loop thread deadlocks."""

import pytest
from analyzed import codes, fix_of, only, preferred
from looplint.engine import FixKind, Severity


def test_waiting_on_the_running_loop_is_an_error_fixed_by_awaiting_the_coroutine() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.run_coroutine_threadsafe(work(), asyncio.get_running_loop()).result()
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP105", Severity.ERROR)
    assert "blocks forever" in finding.message
    assert "return await work()" in preferred(source)


def test_a_loop_bound_to_a_name_is_followed() -> None:
    source = """
        import asyncio

        async def handler():
            loop = asyncio.get_running_loop()
            return asyncio.run_coroutine_threadsafe(work(), loop).result()
        """
    assert only(source).severity is Severity.ERROR


def test_a_future_bound_to_a_name_is_followed() -> None:
    source = """
        import asyncio

        async def handler(loop):
            future = asyncio.run_coroutine_threadsafe(work(), loop)
            return future.result()
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP105", Severity.WARNING)
    assert "return await asyncio.wrap_future(future)" in preferred(source)


def test_an_unknown_loop_is_fixed_by_wrapping_the_future() -> None:
    source = """
        import asyncio

        async def handler(other_loop):
            return asyncio.run_coroutine_threadsafe(work(), other_loop).result()
        """
    assert (
        "return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work(), other_loop))"
        in preferred(source)
    )


def test_a_timeout_makes_every_fix_a_choice() -> None:
    source = """
        import asyncio

        async def handler():
            loop = asyncio.get_running_loop()
            return asyncio.run_coroutine_threadsafe(work(), loop).result(timeout=5)
        """
    finding = only(source)
    assert finding.safe_fix is None
    assert any(not fix.safe for fix in finding.fixes if fix.kind is FixKind.AWAIT)


def test_the_wrap_future_fix_adds_the_asyncio_import_it_needs() -> None:
    source = """
        from asyncio import run_coroutine_threadsafe

        async def handler(loop):
            return run_coroutine_threadsafe(work(), loop).result()
        """
    fix = fix_of(only(source), FixKind.AWAIT)
    assert "import asyncio\n" in [edit.new_text for edit in fix.edits]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def from_worker_thread(loop):
                return asyncio.run_coroutine_threadsafe(work(), loop).result()
            """,
            id="sync def (called from another thread)",
        ),
        pytest.param(
            """
            async def handler(future):
                return future.result()
            """,
            id="result() of an unrelated future",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(loop):
                return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work(), loop))
            """,
            id="already wrapped and awaited",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(loop):
                future = asyncio.run_coroutine_threadsafe(work(), loop)
                return await asyncio.to_thread(future.result)
            """,
            id="result handed to a thread",
        ),
    ],
)
def test_no_finding_where_nothing_blocks_the_loop(source: str) -> None:
    assert codes(source) == []


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio
            import threading

            async def handler():
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, daemon=True).start()
                return asyncio.run_coroutine_threadsafe(work(), loop).result()
            """,
            id="the thread's target is the loop's run_forever",
        ),
        pytest.param(
            """
            import asyncio
            from threading import Thread

            def serve(loop):
                asyncio.set_event_loop(loop)
                loop.run_forever()

            async def handler():
                loop = asyncio.new_event_loop()
                Thread(target=serve, args=(loop,)).start()
                future = asyncio.run_coroutine_threadsafe(work(), loop)
                return future.result()
            """,
            id="the loop is handed to a target that runs it",
        ),
        pytest.param(
            """
            import asyncio
            import threading

            class Bridge:
                def __init__(self):
                    self.loop = asyncio.new_event_loop()
                    self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
                    self.thread.start()

                async def call(self, coroutine):
                    return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()
            """,
            id="a self attribute run by the class's thread",
        ),
    ],
)
def test_waiting_on_a_loop_that_another_thread_runs_is_not_flagged(source: str) -> None:
    assert codes(source) == []


@pytest.mark.parametrize(
    "thread",
    [
        pytest.param("", id="no thread runs it"),
        pytest.param("threading.Thread(target=other.run_forever).start()", id="another loop"),
        pytest.param("threading.Thread(target=print, args=(loop,)).start()", id="not run"),
    ],
)
def test_a_new_loop_that_no_thread_provably_runs_is_still_flagged(thread: str) -> None:
    source = f"""
        import asyncio
        import threading

        async def handler(other):
            loop = asyncio.new_event_loop()
            {thread}
            return asyncio.run_coroutine_threadsafe(work(), loop).result()
        """
    assert codes(source) == ["LOOP105"]
