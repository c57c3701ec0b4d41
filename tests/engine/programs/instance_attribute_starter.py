"""A service that keeps its fetcher on `self`; the fetcher's sync method wraps asyncio.run()."""

import asyncio


async def download(url: str) -> str:
    await asyncio.sleep(0)
    return f"<{url}>"


class Fetcher:
    def fetch(self, url: str) -> str:
        return asyncio.run(download(url))


class Service:
    def __init__(self) -> None:
        self.fetcher = Fetcher()

    async def page(self, path: str) -> str:
        return self.fetcher.fetch(f"https://example.org/{path}")


if __name__ == "__main__":
    print(Fetcher().fetch("cli"))
    print(asyncio.run(Service().page("index")))
