"""`await asyncio.run(...)`: a common mix-up of the two ways to run a coroutine."""

import asyncio


async def fetch_user(user_id: int) -> str:
    await asyncio.sleep(0)
    return f"user{user_id}"


async def greet(user_id: int) -> None:
    name = await asyncio.run(fetch_user(user_id))
    print(f"hello, {name}")


if __name__ == "__main__":
    asyncio.run(greet(3))
