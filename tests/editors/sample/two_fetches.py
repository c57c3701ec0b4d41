import asyncio


async def fetch() -> int:
    return 1


async def main() -> None:
    print("héllo🙂", asyncio.run(fetch()))
    total = asyncio.run(fetch()) + 1
    print(total)
