"""LOOP201 for loop callbacks: a function registered with ``call_soon`` & co. runs on the loop.

The finding is on the registration (the callback itself is not called there); it has no
``await`` fix, since nothing at that place can be awaited.
"""

import pytest
from analyzed import clean, codes, only
from looplint.engine import FixKind, Severity

CALLBACK = """
import asyncio
import signal

def on_event(*args):
    asyncio.run(refresh())

"""


@pytest.mark.parametrize(
    "registration",
    [
        "loop.call_soon(on_event)",
        "loop.call_soon_threadsafe(on_event)",
        "loop.call_later(5, on_event)",
        "loop.call_at(loop.time() + 5, on_event)",
        "loop.add_signal_handler(signal.SIGTERM, on_event)",
        "loop.add_reader(sock, on_event)",
        "loop.add_writer(sock, on_event)",
        "asyncio.ensure_future(refresh()).add_done_callback(on_event)",
    ],
)
def test_a_callback_that_starts_a_loop_is_reported_at_its_registration(registration: str) -> None:
    source = f"""{CALLBACK}
async def handler(sock):
    loop = asyncio.get_running_loop()
    {registration}
"""
    finding = only(source, "LOOP201")
    assert finding.severity is Severity.WARNING
    registration_line = clean(source).splitlines().index(f"    {registration}")
    assert (finding.span.start.line, finding.span.start.column) == (registration_line, 4)
    assert finding.message == (
        "`on_event` runs as a callback on the event loop and starts a loop"
        " (on_event → asyncio.run()), which raises"
        " `RuntimeError: asyncio.run() cannot be called from a running event loop`"
    )
    assert {fix.kind for fix in finding.fixes} == {FixKind.NOQA}


def test_a_registration_from_sync_code_is_reported_too() -> None:
    source = f"{CALLBACK}def schedule(loop):\n    loop.call_soon_threadsafe(on_event)\n"
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "callback",
    [
        pytest.param("functools.partial(on_event, 1)", id="partial"),
        pytest.param("self.on_event", id="method"),
    ],
)
def test_callbacks_are_resolved_like_calls(callback: str) -> None:
    source = f"""
import asyncio
import functools

def on_event(*args):
    asyncio.run(refresh())

class Service:
    def on_event(self):
        asyncio.run(refresh())

    async def start(self):
        asyncio.get_running_loop().call_soon({callback})
"""
    assert codes(source) == ["LOOP201"]


def test_a_lambda_callback_that_starts_a_loop_is_reported() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.get_running_loop().call_soon(lambda: asyncio.run(refresh()))
        """
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def on_event():
                print("event")

            async def handler():
                asyncio.get_running_loop().call_soon(on_event)
            """,
            id="a callback that starts no loop",
        ),
        pytest.param(
            """
            import asyncio

            def on_event():
                try:
                    asyncio.get_running_loop()
                except RuntimeError:
                    asyncio.run(refresh())

            async def handler():
                asyncio.get_running_loop().call_soon(on_event)
            """,
            id="a callback whose loop start is guarded",
        ),
        pytest.param(
            """
            import asyncio

            def on_event():
                asyncio.run(refresh())

            async def handler(scheduler):
                scheduler.call_soon()
            """,
            id="a registration without a callback argument",
        ),
    ],
)
def test_harmless_callbacks_are_not_reported(source: str) -> None:
    assert codes(source) == []
