"""A coroutine that hands a concurrent.futures.Future to a callback on its own loop, then blocks
on it: the loop cannot run the callback while its thread waits in result()."""

import asyncio
import concurrent.futures


def measure(reading: float) -> float:
    return round(reading * 1.8 + 32, 1)


async def fahrenheit(celsius: float) -> float:
    loop = asyncio.get_running_loop()
    fut = concurrent.futures.Future()
    loop.call_soon_threadsafe(lambda: fut.set_result(measure(celsius)))
    return fut.result()


if __name__ == "__main__":
    print(asyncio.run(fahrenheit(21.5)))
