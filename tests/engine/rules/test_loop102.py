"""LOOP102: ``<loop>.run_until_complete(X)`` inside a running loop.

The receiver decides the finding: a known loop is an error, an unknown object a warning, an
object known to be something else nothing.
"""

import pytest
from analyzed import codes, findings, fix_of, fixed, only, preferred
from looplint.engine import FixKind, Severity

ALREADY_RUNNING = "RuntimeError: This event loop is already running"
ANOTHER_RUNNING = "RuntimeError: Cannot run the event loop while another loop is running"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio.get_event_loop().run_until_complete(work())
            """,
            id="get_event_loop()",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio.get_running_loop().run_until_complete(work())
            """,
            id="get_running_loop()",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                loop = asyncio.get_running_loop()
                loop.run_until_complete(work())
            """,
            id="name bound to get_running_loop()",
        ),
        pytest.param(
            """
            from asyncio import get_event_loop as current

            async def handler():
                loop = current()
                return loop.run_until_complete(work())
            """,
            id="aliased get_event_loop",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio.get_event_loop_policy().get_event_loop().run_until_complete(work())
            """,
            id="policy's get_event_loop()",
        ),
    ],
)
def test_the_running_loop_is_an_error_naming_already_running(source: str) -> None:
    finding = only(source, "LOOP102")
    assert finding.severity is Severity.ERROR
    assert ALREADY_RUNNING in finding.message


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio.new_event_loop().run_until_complete(work())
            """,
            id="new_event_loop()",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                loop = asyncio.new_event_loop()
                asyncio.set_event_loop(loop)
                try:
                    loop.run_until_complete(work())
                finally:
                    loop.close()
            """,
            id="name bound to new_event_loop()",
        ),
        pytest.param(
            """
            import uvloop

            async def handler():
                uvloop.new_event_loop().run_until_complete(work())
            """,
            id="uvloop.new_event_loop()",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio.SelectorEventLoop().run_until_complete(work())
            """,
            id="a loop class",
        ),
    ],
)
def test_a_new_loop_is_an_error_naming_another_loop(source: str) -> None:
    finding = only(source, "LOOP102")
    assert finding.severity is Severity.ERROR
    assert ANOTHER_RUNNING in finding.message


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            LOOP = asyncio.new_event_loop()

            async def handler():
                LOOP.run_until_complete(work())
            """,
            id="module-level loop",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(ready):
                if ready:
                    loop = asyncio.get_event_loop()
                else:
                    loop = asyncio.new_event_loop()
                loop.run_until_complete(work())
            """,
            id="loop bound on two branches",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                def __init__(self):
                    self.loop = asyncio.new_event_loop()

                async def fetch(self):
                    return self.loop.run_until_complete(self.request())
            """,
            id="self.loop assigned in __init__",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                def __init__(self):
                    self.loop = None

                def connect(self):
                    self.loop = asyncio.get_event_loop()

                async def fetch(self):
                    return self.loop.run_until_complete(self.request())
            """,
            id="self.loop = None, set up in another method",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                loop: asyncio.AbstractEventLoop

                async def fetch(self):
                    return self.loop.run_until_complete(self.request())
            """,
            id="attribute annotated in the class body",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                def __init__(self, loop):
                    self._loop: asyncio.AbstractEventLoop = loop

                async def fetch(this):
                    return this._loop.run_until_complete(this.request())
            """,
            id="annotated attribute, first parameter not named self",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(loop: asyncio.AbstractEventLoop):
                loop.run_until_complete(work())
            """,
            id="parameter annotated AbstractEventLoop",
        ),
        pytest.param(
            """
            from asyncio import AbstractEventLoop
            from typing import Optional

            async def handler(loop: Optional[AbstractEventLoop] = None):
                loop.run_until_complete(work())
            """,
            id="Optional[...] annotation",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(loop: asyncio.AbstractEventLoop | None = None):
                loop.run_until_complete(work())
            """,
            id="X | None annotation",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(loop: "asyncio.AbstractEventLoop"):
                loop.run_until_complete(work())
            """,
            id="string annotation",
        ),
        pytest.param(
            """
            import asyncio

            def make_loop():
                loop = asyncio.new_event_loop()
                asyncio.set_event_loop(loop)
                return loop

            async def handler():
                make_loop().run_until_complete(work())
            """,
            id="loop factory called directly",
        ),
        pytest.param(
            """
            import asyncio

            def make_loop():
                return asyncio.new_event_loop()

            async def handler():
                loop = make_loop()
                loop.run_until_complete(work())
            """,
            id="name bound to a loop factory",
        ),
        pytest.param(
            """
            import asyncio

            def make_loop() -> asyncio.AbstractEventLoop:
                return registry.pick()

            async def handler():
                make_loop().run_until_complete(work())
            """,
            id="factory annotated to return a loop",
        ),
    ],
)
def test_a_receiver_known_to_be_a_loop_is_an_error(source: str) -> None:
    assert only(source, "LOOP102").severity is Severity.ERROR


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            async def handler(loop):
                loop.run_until_complete(work())
            """,
            id="unannotated parameter",
        ),
        pytest.param(
            """
            class Client:
                async def fetch(self):
                    return self.loop.run_until_complete(self.request())
            """,
            id="self attribute never assigned",
        ),
        pytest.param(
            """
            async def handler():
                runtime.loop.run_until_complete(work())
            """,
            id="attribute of an unknown object",
        ),
    ],
)
def test_an_unknown_receiver_is_a_warning_that_names_the_condition(source: str) -> None:
    finding = only(source, "LOOP102")
    assert finding.severity is Severity.WARNING
    assert ALREADY_RUNNING in finding.message
    assert "if `" in finding.message
    assert finding.safe_fix is None


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def main():
                asyncio.get_event_loop().run_until_complete(amain())
            """,
            id="sync def",
        ),
        pytest.param(
            """
            import asyncio

            loop = asyncio.new_event_loop()
            loop.run_until_complete(main())
            """,
            id="module level",
        ),
        pytest.param(
            """
            from concurrent.futures import ThreadPoolExecutor

            async def handler():
                pool = ThreadPoolExecutor()
                pool.run_until_complete(work())
            """,
            id="receiver known to be an executor",
        ),
        pytest.param(
            """
            class Job:
                def run_until_complete(self, step):
                    return step

            async def handler():
                job = Job()
                job.run_until_complete(work())
            """,
            id="receiver is an instance of the module's own class",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(None, lambda: loop.run_until_complete(work()))
            """,
            id="inside a lambda handed to a thread",
        ),
    ],
)
def test_no_finding_where_no_loop_is_started(source: str) -> None:
    assert "LOOP102" not in codes(source)


@pytest.mark.parametrize(
    "use",
    [
        pytest.param("await worker.run_until_complete(work())", id="awaited"),
        pytest.param("asyncio.create_task(worker.run_until_complete(work()))", id="create_task"),
        pytest.param("await asyncio.gather(worker.run_until_complete(work()))", id="gather"),
        pytest.param(
            "asyncio.ensure_future(worker.run_until_complete(work()))", id="ensure_future"
        ),
        pytest.param("group.create_task(worker.run_until_complete(work()))", id="a task group"),
    ],
)
def test_an_unknown_receiver_whose_result_is_awaitable_is_no_loop(use: str) -> None:
    # prefect 3.9.1 src/prefect/server/api/background_workers.py:79
    source = f"""
        import asyncio

        async def handler(worker, group):
            {use}
        """
    assert codes(source) == []


@pytest.mark.parametrize(
    "binding",
    [
        pytest.param("worker = Worker()", id="constructed"),
        pytest.param("worker: Worker = make()", id="annotated local"),
        pytest.param("worker: 'Worker' = make()", id="string annotation"),
    ],
)
@pytest.mark.parametrize(
    "base", [pytest.param("", id="plain class"), pytest.param("(Unknown)", id="unseen base")]
)
@pytest.mark.parametrize(
    "definition", [pytest.param("async def", id="async def"), pytest.param("def", id="def")]
)
def test_a_receiver_whose_class_defines_the_method_is_no_loop(
    binding: str, base: str, definition: str
) -> None:
    source = f"""
        from elsewhere import Unknown, make

        class Worker{base}:
            {definition} run_until_complete(self, job):
                return job

        async def handler():
            {binding}
            worker.run_until_complete(work())
        """
    assert codes(source) == []


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            class Worker(Base):
                pass

            class Base:
                async def run_until_complete(self, job):
                    return await job

            async def handler(worker: Worker):
                worker.run_until_complete(work())
            """,
            id="annotated parameter, method of a base class of the module",
        ),
        pytest.param(
            """
            class Service:
                async def __aenter__(self):
                    return self

                async def __aexit__(self, *exc):
                    return False

                def run_until_complete(self, job):
                    return job

            async def handler():
                async with Service() as service:
                    service.run_until_complete(work())
            """,
            id="async with whose __aenter__ returns self",
        ),
        pytest.param(
            """
            class Worker:
                async def run_until_complete(self, job):
                    return await job

            class Pool:
                async def __aenter__(self) -> Worker:
                    return make()

            async def handler():
                async with Pool() as worker:
                    worker.run_until_complete(work())
            """,
            id="async with whose __aenter__ is annotated",
        ),
        pytest.param(
            """
            class Worker:
                def run_until_complete(self, job):
                    return job

            class Client:
                def __init__(self):
                    self.worker = None

                def start(self):
                    self.worker = Worker()

                async def fetch(self):
                    self.worker.run_until_complete(work())
            """,
            id="self attribute holding the module's class",
        ),
    ],
)
def test_the_receivers_class_is_found_through_every_binding(source: str) -> None:
    assert codes(source) == []


def test_an_unknown_receiver_with_nothing_against_it_stays_a_warning_without_safe_fix() -> None:
    source = """
        import asyncio

        class Worker:
            async def run_forever(self):
                pass

        async def handler(worker: Worker, loop):
            result = loop.run_until_complete(work())
            worker.run_until_complete(work())
        """
    found = findings(source)
    assert [f.code for f in found] == ["LOOP102", "LOOP102"]
    assert all(f.severity is Severity.WARNING and f.safe_fix is None for f in found)


def test_the_argument_becomes_the_awaited_expression() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.get_running_loop().run_until_complete(work(1))
        """
    assert "return await work(1)" in preferred(source)


def test_a_name_bound_to_a_coroutine_is_awaited() -> None:
    source = """
        import asyncio

        async def handler():
            loop = asyncio.get_running_loop()
            pending = work()
            return loop.run_until_complete(pending)
        """
    assert "return await pending" in preferred(source)


@pytest.mark.parametrize(
    "argument", ["asyncio.gather(a(), b())", "asyncio.sleep(1)", "asyncio.wait_for(a(), 5)"]
)
def test_asyncio_awaitables_are_awaited_safely(argument: str) -> None:
    source = f"""
        import asyncio

        async def handler():
            asyncio.get_running_loop().run_until_complete({argument})
        """
    assert f"await {argument}" in preferred(source)


def test_asyncio_wait_of_bare_coroutines_is_not_awaited_safely() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.get_running_loop().run_until_complete(asyncio.wait([a(), b()]))
        """
    finding = only(source, "LOOP102")
    assert finding.safe_fix is None
    assert not fix_of(finding, FixKind.AWAIT).safe


def test_an_unknown_receiver_still_offers_await_as_a_choice() -> None:
    source = """
        async def handler(loop):
            loop.run_until_complete(work())
        """
    fix = fix_of(only(source, "LOOP102"), FixKind.AWAIT)
    assert not fix.safe
    assert fix.edits[0].new_text == "await work()"


def test_the_inner_get_event_loop_hint_does_not_block_fix_all() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.get_event_loop().run_until_complete(work())
        """
    assert "return await work()" in fixed(source)
    assert codes(fixed(source)) == []


def test_every_flagged_call_in_a_realistic_module_is_found() -> None:
    source = """
        import asyncio
        import logging
        from typing import Optional


        class Downloader:
            def __init__(self, loop: Optional[asyncio.AbstractEventLoop] = None):
                self.loop = loop or asyncio.new_event_loop()

            def download(self, url):
                return self.loop.run_until_complete(self._download(url))

            async def _download(self, url):
                await asyncio.sleep(0)
                return url

            async def download_all(self, urls):
                results = []
                for url in urls:
                    results.append(self.loop.run_until_complete(self._download(url)))
                return results


        async def main(loop):
            downloader = Downloader()
            logging.info(loop.run_until_complete(downloader.download_all(["a"])))
        """
    found = [(f.span.start.line + 1, f.code, f.severity) for f in findings(source)]
    assert found == [
        (20, "LOOP102", Severity.ERROR),
        (26, "LOOP102", Severity.WARNING),
    ]


def test_a_class_that_enters_itself_endlessly_leaves_the_receiver_unknown() -> None:
    source = """
        class Endless:
            def __enter__(self):
                with Endless() as again:
                    return again

        async def handler():
            with Endless() as worker:
                worker.run_until_complete(work())
        """
    assert codes(source) == ["LOOP102"]
