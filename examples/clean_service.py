"""Correct asyncio usage: looplint reports nothing in this file.

- coroutines are awaited, and run concurrently with `asyncio.gather` / `asyncio.TaskGroup`;
- background tasks are kept in a set until they finish (no dangling task);
- `asyncio.run` inside `asyncio.to_thread` is legal: the worker thread has no running loop;
- a sync helper that calls `asyncio.run` is fine when called from sync code only;
- the program's single `asyncio.run(main())` is under `if __name__ == "__main__":`.
"""

import asyncio

background_tasks: set[asyncio.Task[None]] = set()


async def fetch(item: str) -> str:
    await asyncio.sleep(0.01)
    return item.upper()


async def notify(message: str) -> None:
    await asyncio.sleep(0.01)
    print(f"notified: {message}")


def fetch_blocking(item: str) -> str:
    """For sync callers (scripts, threads): runs its own loop, correct where none runs."""
    return asyncio.run(fetch(item))


def start_notification(message: str) -> None:
    task = asyncio.create_task(notify(message))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def handle(items: list[str]) -> list[str]:
    first = await fetch(items[0])
    rest = await asyncio.gather(*(fetch(item) for item in items[1:]))
    start_notification(f"handled {len(items)} items")
    return [first, *rest]


async def handle_in_groups(items: list[str]) -> list[str]:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(item)) for item in items]
    return [task.result() for task in tasks]


async def isolated(item: str) -> str:
    # A separate loop on purpose, in a worker thread: legal.
    return await asyncio.to_thread(asyncio.run, fetch(item))


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(await handle(["a", "b", "c"]))
    print(await handle_in_groups(["d", "e"]))
    print(await isolated("f"))
    print(await loop.run_in_executor(None, fetch_blocking, "g"))
    await asyncio.gather(*background_tasks)


if __name__ == "__main__":
    asyncio.run(main())
