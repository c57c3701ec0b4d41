"""A sync helper that runs its own loop with asyncio.run(), called from a coroutine. Running it
in a worker thread (where no loop runs) works; printing shows it ran there."""

import asyncio
import threading


async def resize(name: str, width: int) -> str:
    await asyncio.sleep(0)
    return f"{name}@{width}"


def thumbnail(name: str, width: int = 64) -> str:
    worker = threading.current_thread() is not threading.main_thread()
    print("in a worker thread" if worker else "in the main thread")
    return asyncio.run(resize(name, width))


async def upload(name: str) -> None:
    print(thumbnail(name, width=128))


if __name__ == "__main__":
    asyncio.run(upload("cat.png"))
