"""A request handler that runs a coroutine with asyncio.run() instead of awaiting it."""

import asyncio


async def fetch_greeting(name: str) -> str:
    await asyncio.sleep(0)
    return f"hello, {name}"


async def handle(name: str) -> str:
    return asyncio.run(fetch_greeting(name))


async def main() -> None:
    print(await handle("ada"))
    print(await handle("grace"))


if __name__ == "__main__":
    asyncio.run(main())
