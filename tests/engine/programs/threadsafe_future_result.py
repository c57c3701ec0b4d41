"""A run_coroutine_threadsafe() future kept in a variable, then waited on from the loop's thread."""

import asyncio


async def fetch_forecast(city: str) -> str:
    await asyncio.sleep(0)
    return f"{city}: sunny"


async def lookup_weather(city: str) -> str:
    loop = asyncio.get_running_loop()
    future = asyncio.run_coroutine_threadsafe(fetch_forecast(city), loop)
    return future.result()


async def main() -> None:
    print(await lookup_weather("Lisbon"))


if __name__ == "__main__":
    asyncio.run(main())
