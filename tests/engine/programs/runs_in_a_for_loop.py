"""asyncio.run() once per item of a for loop, in a coroutine: a candidate for gather."""

import asyncio

sent: list[str] = []


async def notify(user: str) -> None:
    await asyncio.sleep(0)
    sent.append(user)


async def notify_all(users: list[str]) -> None:
    for user in users:
        asyncio.run(notify(user))
    print(f"notified {sorted(sent)}")


async def main() -> None:
    await notify_all(["grace", "ada", "alan"])


if __name__ == "__main__":
    asyncio.run(main())
