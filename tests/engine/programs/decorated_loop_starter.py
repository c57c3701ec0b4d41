"""A decorator that makes coroutine functions callable from sync code with asyncio.run(), and a
coroutine that calls a decorated one as if it were a plain function."""

import asyncio
import functools
import threading


def blocking(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        worker = threading.current_thread() is not threading.main_thread()
        print("in a worker thread" if worker else "in the main thread")
        return asyncio.run(function(*args, **kwargs))

    return wrapper


@blocking
async def price(item: str) -> float:
    await asyncio.sleep(0)
    return {"tea": 2.5}.get(item, 0.0)


async def checkout(item: str) -> None:
    print(f"{item}: {price(item):.2f}")


if __name__ == "__main__":
    asyncio.run(checkout("tea"))
