"""A handler that calls ``asyncio.run()`` spelled in fullwidth letters, which Python reads as
``asyncio.run`` all the same (it normalizes identifiers with NFKC)."""

import asyncio


async def fetch_greeting(name: str) -> str:
    await asyncio.sleep(0)
    return f"hello, {name}"


async def handle(name: str) -> str:
    return asyncio.ｒｕｎ(fetch_greeting(name))


async def main() -> None:
    print(await handle("ada"))


if __name__ == "__main__":
    asyncio.run(main())
