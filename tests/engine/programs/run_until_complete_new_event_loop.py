"""A coroutine that creates a second event loop to run another coroutine on it."""

import asyncio


async def render_report(month: str) -> str:
    await asyncio.sleep(0)
    return f"report for {month}"


async def export_report(month: str) -> str:
    loop = asyncio.new_event_loop()
    try:
        report = loop.run_until_complete(render_report(month))
    finally:
        loop.close()
    return report


async def main() -> None:
    print(await export_report("march"))


if __name__ == "__main__":
    asyncio.run(main())
