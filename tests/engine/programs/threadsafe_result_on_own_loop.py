"""Blocking on run_coroutine_threadsafe(...).result() from the loop's own thread: a deadlock."""

import asyncio


async def fetch_rate(currency: str) -> float:
    await asyncio.sleep(0)
    return {"EUR": 1.5, "GBP": 2.0}[currency]


async def convert(amount: float, currency: str) -> float:
    loop = asyncio.get_running_loop()
    rate = asyncio.run_coroutine_threadsafe(fetch_rate(currency), loop).result()
    return amount * rate


async def main() -> None:
    print(await convert(10, "EUR"))


if __name__ == "__main__":
    asyncio.run(main())
