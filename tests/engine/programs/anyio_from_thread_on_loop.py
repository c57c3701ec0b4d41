"""anyio.from_thread.run() called on the loop's own thread instead of from a worker thread."""

import anyio
import anyio.from_thread


async def fetch(key: str) -> str:
    await anyio.sleep(0)
    return key.upper()


async def main() -> None:
    print(anyio.from_thread.run(fetch, "ok"))


if __name__ == "__main__":
    anyio.run(main)
