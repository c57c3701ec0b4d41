"""asyncio.get_event_loop() inside a coroutine: it works, get_running_loop() says what is meant."""

import asyncio


async def answer_later(delay: float) -> str:
    loop = asyncio.get_event_loop()
    future = loop.create_future()
    loop.call_later(delay, future.set_result, "ready")
    return await future


async def main() -> None:
    print(await answer_later(0.01))


if __name__ == "__main__":
    asyncio.run(main())
