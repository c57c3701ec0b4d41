"""A coroutine that starts an asyncio.Runner (Python 3.11+) to run another coroutine."""

import asyncio


async def sum_prices(prices: list[int]) -> int:
    await asyncio.sleep(0)
    return sum(prices)


async def checkout(prices: list[int]) -> str:
    total = asyncio.Runner().run(sum_prices(prices))
    return f"total: {total}"


async def main() -> None:
    print(await checkout([3, 4, 5]))


if __name__ == "__main__":
    asyncio.run(main())
