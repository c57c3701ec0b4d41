"""`@async_to_sync` turns a coroutine function into a sync one, which belongs in a worker thread
(asgiref 3.13.0 `tests/test_sync.py:311`, where a safe "fix" to `await fetch()` broke the test)."""

import asyncio

from asgiref.sync import async_to_sync


@async_to_sync
async def fetch():
    await asyncio.sleep(0)
    return "fetched in a worker thread"


async def main():
    print(await asyncio.to_thread(fetch))


if __name__ == "__main__":
    asyncio.run(main())
