"""Results of asyncio.run() used further: attribute access, method call, subscript, operator."""

import asyncio
from dataclasses import dataclass


@dataclass
class User:
    name: str
    scores: list[int]


async def load_user(user_id: int) -> User:
    await asyncio.sleep(0)
    return User(name=f"user{user_id}", scores=[user_id, user_id * 2])


async def describe(user_id: int) -> str:
    name = asyncio.run(load_user(user_id)).name.upper()
    best = asyncio.run(load_user(user_id)).scores[-1]
    doubled = 2 * asyncio.run(load_user(user_id)).scores[0]
    return f"{name} best={best} doubled={doubled}"


async def main() -> None:
    print(await describe(7))


if __name__ == "__main__":
    asyncio.run(main())
