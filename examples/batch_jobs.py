"""A nightly batch job ported from a sync script, still calling asyncio.run() in its coroutines.

Each LOOP101 here has the safe `await` fix and, depending on its shape, an editor choice:
- `sync_all_accounts`: a `for` loop whose body is one `asyncio.run()` → gather
  `await asyncio.gather(*(sync_account(a) for a in accounts))`,
- `nightly`: two consecutive statements → `a, b = await asyncio.gather(...)`,
- `audit`: the result is unused → start it with `asyncio.create_task()`, keeping a reference,
- `total_size`: a generator expression, where `await` is not allowed as is → list comprehension
  (so here the `await` fix itself is only a choice).
"""

import asyncio
import logging
from dataclasses import dataclass

log = logging.getLogger("batch")


@dataclass
class Account:
    name: str
    files: int


async def sync_account(account: Account) -> int:
    await asyncio.sleep(0.01)  # stands in for a remote copy
    log.info("synced %s", account.name)
    return account.files


async def count_users() -> int:
    await asyncio.sleep(0.01)
    return 3


async def count_orders() -> int:
    await asyncio.sleep(0.01)
    return 12


async def record_audit(event: str) -> None:
    await asyncio.sleep(0.01)
    log.info("audit: %s", event)


async def folder_size(account: Account) -> int:
    await asyncio.sleep(0)
    return account.files * 512


async def sync_all_accounts(accounts: list[Account]) -> None:
    for account in accounts:
        asyncio.run(sync_account(account))


async def nightly(accounts: list[Account]) -> str:
    users = asyncio.run(count_users())
    orders = asyncio.run(count_orders())
    await sync_all_accounts(accounts)
    return f"{users} users, {orders} orders"


async def audit(accounts: list[Account]) -> None:
    asyncio.run(record_audit(f"nightly run over {len(accounts)} accounts"))
    log.info("audit scheduled")
    await asyncio.sleep(0.1)


async def total_size(accounts: list[Account]) -> int:
    return sum(asyncio.run(folder_size(account)) for account in accounts)


async def main() -> None:
    accounts = [Account("ada", 3), Account("grace", 5)]
    print(await nightly(accounts))
    await audit(accounts)
    print(await total_size(accounts))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
