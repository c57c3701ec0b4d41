"""A coroutine function handed to asyncio.to_thread(), which only creates the coroutine."""

import asyncio


async def parse_report(path: str) -> dict[str, int]:
    await asyncio.sleep(0)
    return {"lines": len(path.split("/"))}


async def handle_upload(path: str) -> None:
    report = await asyncio.to_thread(parse_report, path)
    print(f"{path}: {report['lines']} parts")


async def main() -> None:
    await handle_upload("uploads/2024/report.csv")


if __name__ == "__main__":
    asyncio.run(main())
