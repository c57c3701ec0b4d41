"""A sync wrapper made once with asgiref's async_to_sync, then called from a coroutine."""

import asyncio

from asgiref.sync import async_to_sync


async def lookup(user_id: int) -> str:
    await asyncio.sleep(0)
    return f"user-{user_id}"


lookup_now = async_to_sync(lookup)


async def greet(user_id: int) -> None:
    print(f"hello, {lookup_now(user_id)}")


if __name__ == "__main__":
    print(lookup_now(1))
    asyncio.run(greet(2))
