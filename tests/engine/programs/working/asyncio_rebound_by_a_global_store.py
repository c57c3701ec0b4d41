"""A function that says `global asyncio` and assigns it rebinds the module's `asyncio`."""

import asyncio


class Factory:
    def run(self, coroutine):
        coroutine.close()
        return "factory ran"


async def job():
    return 1


async def shadow():
    global asyncio
    asyncio = Factory()
    return asyncio.run(job())


if __name__ == "__main__":
    print(asyncio.run(shadow()))
