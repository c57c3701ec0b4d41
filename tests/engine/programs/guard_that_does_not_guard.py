"""A coroutine that "guards" run_until_complete with get_running_loop(): the probe succeeds, so
run_until_complete raises, and the except RuntimeError fallback runs inside the loop too."""

import asyncio


async def load(path: str) -> str:
    await asyncio.sleep(0)
    return f"contents of {path}"


async def read_config(path: str) -> str:
    try:
        loop = asyncio.get_running_loop()
        return loop.run_until_complete(load(path))
    except RuntimeError:
        return asyncio.run(load(path))


if __name__ == "__main__":
    print(asyncio.run(read_config("app.toml")))
