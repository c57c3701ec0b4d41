"""asyncio.run() reached through functools.partial, inside a coroutine."""

import asyncio
import functools


async def square(value: int) -> int:
    await asyncio.sleep(0)
    return value * value


async def report() -> None:
    area = functools.partial(asyncio.run, square(7))()
    print(f"area {area}")


if __name__ == "__main__":
    asyncio.run(report())
