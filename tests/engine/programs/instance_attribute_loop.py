"""A client that captures the current loop in __init__ and blocks on it in a sync method, held
by a handler that received it as an annotated parameter."""

import asyncio


async def query(sql: str) -> int:
    await asyncio.sleep(0)
    return len(sql)


class Database:
    def __init__(self) -> None:
        self.loop = asyncio.get_event_loop()

    def count(self, sql: str) -> int:
        return self.loop.run_until_complete(query(sql))


class Handler:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def handle(self) -> str:
        rows = self.database.count("select * from users")
        return f"{rows} characters of sql"


async def main() -> None:
    print(await Handler(Database()).handle())


if __name__ == "__main__":
    asyncio.run(main())
