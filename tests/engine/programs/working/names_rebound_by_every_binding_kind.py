"""`asyncio` and `run` rebound, inside coroutines, by every kind of store Python has: the calls
through them are not `asyncio.run`."""

# ruff: noqa: F402  (shadowing the imports is what this program is about)

import asyncio
from asyncio import run


class Factory:
    def run(self, coroutine):
        coroutine.close()
        return "factory ran"


class Failure(Exception):
    def run(self, coroutine):
        coroutine.close()
        return "failure ran"


def factory():
    return Factory()


async def job():
    return 1


async def walrus():
    if asyncio := factory():
        return asyncio.run(job())


async def walrus_in_a_comprehension():
    made = [asyncio for _ in range(1) if (asyncio := factory())]
    return asyncio.run(job()) if made else None


async def match_capture(value):
    match value:
        case [asyncio]:
            return asyncio.run(job())


async def for_target():
    for asyncio in [factory()]:
        return asyncio.run(job())


async def with_target():
    import contextlib

    with contextlib.nullcontext(factory()) as asyncio:
        return asyncio.run(job())


async def except_target():
    try:
        raise Failure()
    except Failure as asyncio:
        return asyncio.run(job())


async def import_inside_the_function():
    from json import dumps as run

    return run(["json ran"])


async def nonlocal_store():
    import asyncio

    def swap():
        nonlocal asyncio
        asyncio = factory()

    swap()
    return asyncio.run(job())


async def main():
    await asyncio.sleep(0)
    print(await walrus(), await walrus_in_a_comprehension(), await match_capture([factory()]))
    print(await for_target(), await with_target(), await except_target())
    print(await import_inside_the_function(), await nonlocal_store())


if __name__ == "__main__":
    run(main())
