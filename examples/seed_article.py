"""The three situations of the article looplint grew from ("This event loop is already running").

1. `asyncio.run()` called inside the coroutine that the outer `asyncio.run()` is running
   (LOOP101; the article's cure, `await`, is the safe fix).
2. `run_until_complete()` on the loop that is running the caller (LOOP102).
3. `nest_asyncio.apply()` to make the nested call "work" (LOOP401), which hides 1. and 2.
   instead of fixing them: the nested `asyncio.run()` below is still reported.

The manual loop management at the end runs at module level, before any loop runs: correct, and not
reported.
"""

import asyncio

import nest_asyncio


async def greet(name: str) -> None:
    print(f"hello, {name}")
    await asyncio.sleep(0.1)


async def nested_run() -> None:
    print("inside nested_run: a loop is running")
    try:
        asyncio.run(greet("nested run"))
    except RuntimeError as error:
        print(f"caught: {error}")


async def blocking_on_own_loop() -> None:
    loop = asyncio.get_running_loop()
    try:
        loop.run_until_complete(greet("blocking"))
    except RuntimeError as error:
        print(f"caught: {error}")


async def patched_nesting() -> None:
    nest_asyncio.apply()
    asyncio.run(greet("patched"))


async def awaiting() -> None:
    await greet("awaited")
    await greet("awaited again")


async def tasks(count: int) -> None:
    started = [asyncio.create_task(greet(f"task {index}")) for index in range(count)]
    await asyncio.gather(*started)


try:
    loop = asyncio.get_running_loop()
except RuntimeError:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

loop.run_until_complete(nested_run())
loop.run_until_complete(blocking_on_own_loop())
loop.run_until_complete(awaiting())
loop.run_until_complete(tasks(3))
