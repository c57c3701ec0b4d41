"""LOOP403: ``close()`` of the loop that is running the code."""

import pytest
from analyzed import codes, only
from looplint.engine import Severity


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def shutdown():
                asyncio.get_running_loop().close()
            """,
            id="get_running_loop().close()",
        ),
        pytest.param(
            """
            import asyncio

            async def shutdown():
                loop = asyncio.get_event_loop()
                await cleanup()
                loop.close()
            """,
            id="name bound to get_event_loop()",
        ),
    ],
)
def test_closing_the_running_loop_is_an_error_naming_the_runtime_error(source: str) -> None:
    finding = only(source, "LOOP403")
    assert finding.severity is Severity.ERROR
    assert "RuntimeError: Cannot close a running event loop" in finding.message
    assert finding.safe_fix is None


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def worker():
                loop = asyncio.new_event_loop()
                loop.close()
            """,
            id="a new loop",
        ),
        pytest.param(
            """
            import asyncio

            def main():
                loop = asyncio.get_event_loop()
                loop.close()
            """,
            id="sync def",
        ),
        pytest.param(
            """
            async def handler(path):
                handle = open(path)
                handle.close()
            """,
            id="a file",
        ),
        pytest.param(
            """
            async def handler(loop):
                loop.close()
            """,
            id="an unknown loop",
        ),
        pytest.param(
            """
            async def handler(writer):
                writer.close()
                await writer.wait_closed()
            """,
            id="a stream writer",
        ),
    ],
)
def test_no_finding_for_other_closes(source: str) -> None:
    assert "LOOP403" not in codes(source)
