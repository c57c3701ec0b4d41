"""LOOP106: an ``async def`` handed to a worker thread, where it is only ever created."""

import pytest
from analyzed import codes, only, preferred
from looplint.engine import Severity


@pytest.mark.parametrize(
    ("call", "fixed_call"),
    [
        ("await asyncio.to_thread(download, url)", "await download(url)"),
        ("await asyncio.to_thread(download)", "await download()"),
        (
            "await asyncio.get_running_loop().run_in_executor(None, download, url)",
            "await download(url)",
        ),
        ("await asyncio.to_thread(asyncio.sleep, 1)", "await asyncio.sleep(1)"),
    ],
)
def test_a_coroutine_function_handed_to_a_thread_is_awaited_on_the_loop(
    call: str, fixed_call: str
) -> None:
    source = f"""
        import asyncio

        async def download(url=None):
            return url

        async def handler(url):
            return {call}
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP106", Severity.ERROR)
    assert "never awaited" in finding.message
    assert f"return {fixed_call}" in preferred(source)


def test_a_coroutine_object_handed_to_run_in_executor_names_the_type_error() -> None:
    source = """
        import asyncio

        async def download():
            return 1

        async def handler():
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, download())
        """
    finding = only(source)
    assert "TypeError: 'coroutine' object is not callable" in finding.message
    assert "return await download()" in preferred(source)


def test_an_async_method_through_self_is_flagged() -> None:
    source = """
        import asyncio

        class Crawler:
            async def fetch(self, url):
                return url

            async def crawl(self, url):
                return await asyncio.to_thread(self.fetch, url)
        """
    assert "return await self.fetch(url)" in preferred(source)


def test_executor_submit_is_flagged_with_the_fix_as_a_choice() -> None:
    source = """
        from concurrent.futures import ThreadPoolExecutor

        async def download():
            return 1

        async def handler():
            with ThreadPoolExecutor() as pool:
                future = pool.submit(download)
        """
    finding = only(source)
    assert finding.code == "LOOP106"
    assert finding.safe_fix is None


def test_run_in_executor_not_awaited_at_once_has_no_safe_fix() -> None:
    source = """
        import asyncio

        async def download():
            return 1

        async def handler():
            future = asyncio.get_running_loop().run_in_executor(None, download)
            return await future
        """
    assert only(source).safe_fix is None


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def parse(text):
                return text

            async def handler(text):
                return await asyncio.to_thread(parse, text)
            """,
            id="sync function",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(coroutine):
                return await asyncio.to_thread(asyncio.run, coroutine)
            """,
            id="asyncio.run in a thread (legal)",
        ),
        pytest.param(
            """
            import asyncio

            async def download():
                return 1

            async def handler():
                return await asyncio.to_thread(lambda: asyncio.run(download()))
            """,
            id="lambda running its own loop",
        ),
        pytest.param(
            """
            import asyncio

            class Crawler:
                def parse(self, text):
                    return text

                async def crawl(self, text):
                    return await asyncio.to_thread(self.parse, text)
            """,
            id="sync method through self",
        ),
        pytest.param(
            """
            import asyncio

            async def download():
                return 1

            def in_worker():
                return asyncio.run(asyncio.to_thread(download))
            """,
            id="sync def",
        ),
        pytest.param(
            """
            async def download():
                return 1

            async def handler(pool):
                pool.submit(download)
            """,
            id="submit on an unknown object",
        ),
    ],
)
def test_no_finding_for_sync_callables_or_outside_a_loop(source: str) -> None:
    assert codes(source) == []


@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param("@async_to_sync", id="async_to_sync"),
        pytest.param("@sync.async_to_sync", id="through the module"),
        pytest.param("@AsyncToSync", id="the class"),
        pytest.param("@opaque", id="a decorator that may make it anything"),
    ],
)
def test_a_decorator_that_makes_the_coroutine_function_sync_is_not_judged_as_async(
    decorator: str,
) -> None:
    # asgiref 3.13.0 tests/test_sync.py:311: `to_thread` of an `@async_to_sync` function is
    # right, and the old safe fix (`await fetch()`) broke a passing test.
    source = f"""
        import asyncio
        from asgiref import sync
        from asgiref.sync import AsyncToSync, async_to_sync
        from helpers import opaque

        {decorator}
        async def fetch():
            return 1

        async def handler():
            return await asyncio.to_thread(fetch)
        """
    assert codes(source) == []


@pytest.mark.parametrize(
    ("decorators", "flagged"),
    [
        pytest.param("@functools.cache\nasync def", True, id="a transparent decorator"),
        pytest.param("@sync_to_async\ndef", True, id="sync_to_async makes a coroutine function"),
        pytest.param(
            "@sync_to_async\n@async_to_sync\nasync def", True, id="applied innermost first"
        ),
        pytest.param("@async_to_sync\n@functools.cache\nasync def", False, id="sync outermost"),
    ],
)
def test_decorators_are_applied_innermost_first(decorators: str, flagged: bool) -> None:
    source = (
        "import asyncio\nimport functools\n"
        "from asgiref.sync import async_to_sync, sync_to_async\n\n"
        f"{decorators} fetch():\n    return 1\n\n"
        "async def handler():\n    return await asyncio.to_thread(fetch)\n"
    )
    assert (codes(source) == ["LOOP106"]) is flagged
