"""aio.run() whose result is unused, in a coroutine: a candidate for a background task.

asyncio is imported as ``aio``; the fix must use that name.
"""

import asyncio as aio


async def record_event(name: str) -> None:
    await aio.sleep(0)
    print(f"recorded {name}")


async def handle_request() -> None:
    aio.run(record_event("request"))
    print("handling request")
    await aio.sleep(0.05)
    print("done")


if __name__ == "__main__":
    aio.run(handle_request())
