"""`run_coroutine_threadsafe(c, loop).result()` where `loop` runs in another thread: it blocks the
caller for a while, but completes."""

import asyncio
import threading


async def job():
    return "done in the other thread"


def serve(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()


async def main():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    print(asyncio.run_coroutine_threadsafe(job(), loop).result())
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()

    other = asyncio.new_event_loop()
    threading.Thread(target=serve, args=(other,), daemon=True).start()
    future = asyncio.run_coroutine_threadsafe(job(), other)
    print(future.result(timeout=10))
    other.call_soon_threadsafe(other.stop)


if __name__ == "__main__":
    asyncio.run(main())
