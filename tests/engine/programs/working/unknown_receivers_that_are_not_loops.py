"""Objects whose `run_until_complete` / `run_forever` are not an event loop's (prefect 3.9.1,
`src/prefect/server/api/background_workers.py:79`): the result is awaited or handed to
`create_task`/`gather`/`ensure_future`, or the receiver's class says what the method is."""

import asyncio


class Worker:
    def __init__(self):
        self.done = []

    async def run_until_complete(self, job):
        self.done.append(await job)
        return self.done[-1]

    async def run_forever(self):
        self.done.append("forever")


class Scheduler:
    def run_until_complete(self, job):
        job.close()
        return "scheduled"


class Service:
    async def __aenter__(self):
        return Worker()

    async def __aexit__(self, *exc):
        return False


async def job(value):
    return value


async def awaited(worker):
    await worker.run_until_complete(job(1))
    await worker.run_forever()


async def handed_to_the_loop(worker):
    task = asyncio.create_task(worker.run_forever())
    await asyncio.gather(worker.run_until_complete(job(2)))
    await asyncio.ensure_future(worker.run_forever())
    await task


async def constructed():
    scheduler = Scheduler()
    return scheduler.run_until_complete(job(3))


async def annotated(scheduler: Scheduler):
    return scheduler.run_until_complete(job(4))


async def entered():
    async with Service() as worker:
        return await worker.run_until_complete(job(5))


async def main():
    worker = Worker()
    await awaited(worker)
    await handed_to_the_loop(worker)
    print(worker.done)
    print(await constructed(), await annotated(Scheduler()), await entered())


if __name__ == "__main__":
    asyncio.run(main())
