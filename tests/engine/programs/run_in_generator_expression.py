"""asyncio.run() inside a generator expression, where await would make an async generator."""

import asyncio


async def price(item: str) -> int:
    await asyncio.sleep(0)
    return len(item) * 10


async def basket_total(items: list[str]) -> int:
    return sum(asyncio.run(price(item)) for item in items)


async def main() -> None:
    print(await basket_total(["tea", "bread", "jam"]))


if __name__ == "__main__":
    asyncio.run(main())
