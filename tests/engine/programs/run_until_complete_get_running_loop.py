"""run_until_complete() on the loop that is running the caller."""

import asyncio


async def ping(host: str) -> float:
    await asyncio.sleep(0)
    return 0.25 if host == "db" else 1.5


async def health_report(hosts: list[str]) -> None:
    for host in hosts:
        latency = asyncio.get_running_loop().run_until_complete(ping(host))
        print(f"{host}: {latency}s")


async def main() -> None:
    await health_report(["db", "cache"])


if __name__ == "__main__":
    asyncio.run(main())
