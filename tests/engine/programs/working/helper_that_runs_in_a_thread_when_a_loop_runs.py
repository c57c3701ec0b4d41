"""A helper that takes the current loop and, when it is running, runs the coroutine in a
thread of its own; its `except RuntimeError` fallback to `asyncio.run` is never reached from a
running loop (llama-index-core 0.14 `llama_index/core/async_utils.py:37`, `asyncio_run`,
called by `Memory.from_defaults` from `LLM.apredict_and_call`)."""

import asyncio
import concurrent.futures


async def fetch():
    return "fetched"


def run_anywhere(coro):
    try:
        loop = asyncio.get_event_loop()
        if loop.is_running():

            def in_a_thread():
                new_loop = asyncio.new_event_loop()
                try:
                    return new_loop.run_until_complete(coro)
                finally:
                    new_loop.close()

            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
                return executor.submit(in_a_thread).result()
        else:
            return loop.run_until_complete(coro)
    except RuntimeError:
        return asyncio.run(coro)


def load():
    return run_anywhere(fetch())


async def main():
    print(load(), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
