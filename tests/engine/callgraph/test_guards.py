"""Loop starts on a branch that runs only when no loop is running do not make a starter.

Each recognised check is paired with a lookalike that does not prove the loop is absent; the
lookalike's loop start is still followed from a coroutine.
"""

import pytest
from analyzed import codes


def called_from_a_coroutine(helper: str) -> str:
    return f"""
import asyncio

{helper.strip()}

async def handler():
    return helper()
"""


GUARDED = {
    "try get_running_loop() / except RuntimeError": """
def helper():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work())
    return None
""",
    "except (RuntimeError, ValueError)": """
def helper():
    try:
        asyncio.get_running_loop()
    except (RuntimeError, ValueError):
        return asyncio.run(work())
""",
    "if not loop.is_running()": """
def helper():
    loop = asyncio.get_event_loop()
    if not loop.is_running():
        return loop.run_until_complete(work())
    return loop.create_task(work())
""",
    "else of if loop.is_running()": """
def helper():
    loop = asyncio.get_event_loop()
    if loop.is_running():
        return loop.create_task(work())
    else:
        return loop.run_until_complete(work())
""",
    "if asyncio._get_running_loop() is None": """
def helper():
    if asyncio._get_running_loop() is None:
        return asyncio.run(work())
""",
    "a name set from get_running_loop() or None: if loop is None": """
def helper():
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        return asyncio.run(work())
    return loop.create_task(work())
""",
    "the same name: if not loop": """
def helper():
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if not loop:
        return asyncio.run(work())
""",
    "the same name: else of if loop": """
def helper():
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop:
        return loop.create_task(work())
    else:
        return asyncio.run(work())
""",
    "the guard is in the caller of the starter": """
def blocking():
    return asyncio.run(work())

def helper():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return blocking()
""",
}

GUARDED |= {
    "a flag set after the probe succeeds": """
def helper():
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        running = False
    if not running:
        return asyncio.run(work())
    return None
""",
    "a flag set False first, True after the probe": """
def helper():
    running = False
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        pass
    if running:
        return None
    return asyncio.run(work())
""",
    "a conditional expression": """
def helper(coro):
    loop = asyncio.get_event_loop()
    return coro if loop.is_running() else loop.run_until_complete(coro)
""",
    "a loop start in the try body that is guarded itself": """
def helper():
    try:
        loop = asyncio.get_running_loop()
        if not loop.is_running():
            loop.run_until_complete(work())
    except RuntimeError:
        return asyncio.run(work())
""",
    "an early return when a loop runs": """
def helper():
    if asyncio._get_running_loop() is not None:
        raise RuntimeError("call this from sync code only")
    return asyncio.run(work())
""",
}

LOOKALIKES = {
    "except ValueError": """
def helper():
    try:
        asyncio.get_running_loop()
    except ValueError:
        return asyncio.run(work())
""",
    "try without a running-loop probe": """
def helper():
    try:
        prepare()
    except RuntimeError:
        return asyncio.run(work())
""",
    "the try body after the probe": """
def helper():
    try:
        asyncio.get_running_loop()
        return asyncio.run(work())
    except RuntimeError:
        return None
""",
    "if loop.is_running() body": """
def helper():
    loop = asyncio.get_event_loop()
    if loop.is_running():
        return loop.run_until_complete(work())
""",
    "is not None": """
def helper():
    if asyncio._get_running_loop() is not None:
        return asyncio.run(work())
""",
    "a name from get_event_loop(), which is never None": """
def helper():
    loop = asyncio.get_event_loop()
    if loop is None:
        return asyncio.run(work())
""",
    "an unrelated flag": """
def helper(ready=False):
    if not ready:
        return asyncio.run(work())
""",
    "a loop start in the try body before the handler": """
def helper():
    try:
        loop = asyncio.get_running_loop()
        return loop.run_until_complete(work())
    except RuntimeError:
        return asyncio.run(work())
""",
    "a flag set True before the probe": """
def helper():
    try:
        running = True
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    if not running:
        return asyncio.run(work())
""",
    "a flag set True outside the try": """
def helper(running=False):
    running = True
    if not running:
        return asyncio.run(work())
    running = False
""",
    "a conditional expression the other way round": """
def helper(coro):
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(coro) if loop.is_running() else coro
""",
    "an early return that does not always return": """
def helper():
    if asyncio._get_running_loop() is not None:
        print("a loop runs")
    return asyncio.run(work())
""",
    "after the guarded branch": """
def helper():
    if asyncio._get_running_loop() is None:
        print("no loop")
    return asyncio.run(work())
""",
}


@pytest.mark.parametrize("helper", GUARDED.values(), ids=GUARDED.keys())
def test_a_guarded_loop_start_is_not_followed(helper: str) -> None:
    assert codes(called_from_a_coroutine(helper)) == []


@pytest.mark.parametrize("helper", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_lookalike_guard_does_not_hide_the_loop_start(helper: str) -> None:
    assert codes(called_from_a_coroutine(helper)) == ["LOOP201"]


def test_a_guarded_call_site_in_a_coroutine_is_not_reported() -> None:
    source = """
        import asyncio

        def helper():
            return asyncio.run(work())

        async def handler():
            if asyncio._get_running_loop() is None:
                return helper()
            return await work()
        """
    assert codes(source) == []


def test_a_handler_after_a_loop_start_in_the_try_body_is_reached_with_the_loop_running() -> None:
    """``get_running_loop()`` succeeded, so ``run_until_complete`` raises ``RuntimeError``, which
    the handler catches: its ``asyncio.run`` then runs inside the loop too."""
    source = """
        import asyncio

        async def handler():
            try:
                loop = asyncio.get_running_loop()
                return loop.run_until_complete(work())
            except RuntimeError:
                return asyncio.run(work())
        """
    assert codes(source) == ["LOOP102", "LOOP101"]
