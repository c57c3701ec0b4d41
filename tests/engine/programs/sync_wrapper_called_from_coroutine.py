"""A sync helper that wraps asyncio.run(), correct for sync callers, called from a coroutine."""

import asyncio


async def fetch_settings(name: str, region: str = "eu") -> dict[str, str]:
    await asyncio.sleep(0)
    return {"name": name, "region": region}


def load_settings(name: str, region: str = "eu") -> dict[str, str]:
    return asyncio.run(fetch_settings(name, region))


async def handle_request(name: str) -> None:
    settings = load_settings(name, region="us")
    print(f"{settings['name']} in {settings['region']}")


if __name__ == "__main__":
    print(load_settings("cli")["region"])
    asyncio.run(handle_request("web"))
