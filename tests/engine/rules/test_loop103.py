"""LOOP103: ``run_forever()``, tornado ``IOLoop.start()`` and twisted ``reactor.run()``."""

import pytest
from analyzed import codes, fix_of, only
from looplint.engine import FixKind, Severity


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def serve():
                asyncio.get_running_loop().run_forever()
            """,
            id="running loop",
        ),
        pytest.param(
            """
            import asyncio

            async def serve():
                loop = asyncio.new_event_loop()
                loop.run_forever()
            """,
            id="new loop",
        ),
        pytest.param(
            """
            from tornado.ioloop import IOLoop

            async def serve():
                IOLoop.current().start()
            """,
            id="tornado IOLoop.start()",
        ),
        pytest.param(
            """
            from twisted.internet import reactor

            async def serve():
                reactor.run()
            """,
            id="twisted reactor.run()",
        ),
    ],
)
def test_a_known_loop_run_forever_is_an_error(source: str) -> None:
    finding = only(source, "LOOP103")
    assert finding.severity is Severity.ERROR


def test_the_message_names_the_runtime_error() -> None:
    source = """
        import asyncio

        async def serve():
            asyncio.get_running_loop().run_forever()
        """
    assert "RuntimeError: This event loop is already running" in only(source).message


def test_an_unknown_receiver_is_a_warning() -> None:
    source = """
        async def serve(loop):
            loop.run_forever()
        """
    assert only(source, "LOOP103").severity is Severity.WARNING


def test_no_fix_is_safe_but_waiting_on_the_running_loop_is_offered() -> None:
    source = """
        import asyncio

        async def serve():
            asyncio.get_running_loop().run_forever()
        """
    finding = only(source)
    assert finding.safe_fix is None
    replace = fix_of(finding, FixKind.REPLACE)
    assert replace.edits[0].new_text == "await asyncio.Event().wait()"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def main():
                loop = asyncio.new_event_loop()
                loop.run_forever()
            """,
            id="sync def",
        ),
        pytest.param(
            """
            import threading

            async def serve(worker: threading.Thread):
                worker.start()
            """,
            id="Thread.start()",
        ),
        pytest.param(
            """
            async def serve(app):
                app.run()
                app.start()
            """,
            id="run() and start() of unknown objects",
        ),
        pytest.param(
            """
            import asyncio

            async def serve(server: asyncio.Server):
                await server.serve_forever()
            """,
            id="awaited serve_forever()",
        ),
    ],
)
def test_no_finding_for_other_run_and_start_methods(source: str) -> None:
    assert codes(source) == []


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def handler(worker):
                task = asyncio.create_task(worker.run_forever())
                await task
            """,
            id="handed to create_task",
        ),
        pytest.param(
            """
            async def handler(worker):
                await worker.run_forever()
            """,
            id="awaited",
        ),
        pytest.param(
            """
            class Worker:
                async def run_forever(self):
                    pass

            async def handler():
                worker = Worker()
                worker.run_forever()
            """,
            id="its class defines run_forever",
        ),
    ],
)
def test_an_unknown_receiver_that_is_provably_no_loop_is_not_flagged(source: str) -> None:
    # prefect 3.9.1 src/prefect/server/api/background_workers.py:79:
    # `asyncio.create_task(worker.run_forever())` on a docket Worker.
    assert codes(source) == []
