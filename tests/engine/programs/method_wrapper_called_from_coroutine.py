"""A settings object whose sync accessor wraps asyncio.run(), used by one of its own coroutines."""

import asyncio

VALUES = {"colour": "teal"}


async def load_value(key: str, fallback: str = "none") -> str:
    await asyncio.sleep(0)
    return VALUES.get(key, fallback)


class Settings:
    def get_sync(self, key: str, fallback: str = "none") -> str:
        return asyncio.run(load_value(key, fallback))

    async def describe(self) -> str:
        colour = self.get_sync("colour")
        size = self.get_sync("size", fallback="medium")
        return f"{colour}/{size}"


if __name__ == "__main__":
    settings = Settings()
    print(settings.get_sync("colour"))
    print(asyncio.run(settings.describe()))
