"""Script-style loop code copied into a coroutine: get_event_loop() + run_until_complete()."""

import asyncio


async def load_rows(table: str) -> list[str]:
    await asyncio.sleep(0)
    return [f"{table}:1", f"{table}:2"]


async def refresh_cache() -> None:
    loop = asyncio.get_event_loop()
    rows = loop.run_until_complete(load_rows("users"))
    print(f"{len(rows)} rows: {', '.join(rows)}")


async def main() -> None:
    await refresh_cache()


if __name__ == "__main__":
    asyncio.run(main())
