"""A coroutine that opens an asyncio.Runner (Python 3.11+) and runs two coroutines on it."""

import asyncio


async def load(name: str) -> str:
    await asyncio.sleep(0)
    return name.upper()


async def refresh() -> list[str]:
    with asyncio.Runner() as runner:
        first = runner.run(load("users"))
        second = runner.run(load("orders"))
    return [first, second]


async def main() -> None:
    print(await refresh())


if __name__ == "__main__":
    asyncio.run(main())
