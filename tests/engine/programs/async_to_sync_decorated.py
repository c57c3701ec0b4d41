"""A coroutine function decorated with asgiref's async_to_sync, called from a coroutine."""

import asyncio

from asgiref.sync import async_to_sync


@async_to_sync
async def lookup(user_id: int) -> str:
    await asyncio.sleep(0)
    return f"user-{user_id}"


async def greet(user_id: int) -> None:
    print(f"hello, {lookup(user_id)}")


if __name__ == "__main__":
    print(lookup(1))
    asyncio.run(greet(2))
