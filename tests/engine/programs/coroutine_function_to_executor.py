"""A coroutine function handed to loop.run_in_executor(), which only creates the coroutine."""

import asyncio


async def resize(width: int, height: int) -> str:
    await asyncio.sleep(0)
    return f"{width // 2}x{height // 2}"


async def make_thumbnail(width: int, height: int) -> None:
    loop = asyncio.get_running_loop()
    size = await loop.run_in_executor(None, resize, width, height)
    print(f"thumbnail {size.upper()}")


if __name__ == "__main__":
    asyncio.run(make_thumbnail(640, 480))
