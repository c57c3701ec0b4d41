"""Two consecutive run() statements in a coroutine, run imported from asyncio: a gather candidate.

The gather fix needs ``asyncio.gather`` and the module has no ``import asyncio``: the fix adds it.
"""

from asyncio import run, sleep


async def fetch_count(table: str) -> int:
    await sleep(0)
    return len(table)


async def dashboard() -> None:
    users = run(fetch_count("users"))
    orders = run(fetch_count("orders"))
    print(f"users={users} orders={orders}")


async def main() -> None:
    await dashboard()


if __name__ == "__main__":
    run(main())
