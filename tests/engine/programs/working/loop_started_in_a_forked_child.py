"""The child of `os.fork()` has no running loop, even when the parent forked inside one
(motor 3.7.1 `test/asyncio_tests/test_asyncio_basic.py:164`)."""

import asyncio
import os


async def job(name):
    return f"{name} ran its own loop"


async def main():
    pid = os.fork()
    if pid == 0:
        print(asyncio.run(job("first child")), flush=True)
        os._exit(0)
    os.waitpid(pid, 0)
    if os.fork() == 0:
        loop = asyncio.new_event_loop()
        print(loop.run_until_complete(job("second child")), flush=True)
        os._exit(0)
    os.wait()
    child = os.fork()
    if not child:
        print(asyncio.run(job("third child")), flush=True)
        os._exit(0)
    else:
        os.waitpid(child, 0)
    print("parent", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
