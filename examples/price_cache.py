"""A cache class that owns an event loop and uses it from its async methods.

`self.loop` is assigned from `asyncio.new_event_loop()`, so looplint knows it is a loop. It reports:
- LOOP102 `self.loop.run_until_complete()` in the async method `refresh` (a second loop cannot run
  while the caller's loop runs: `Cannot run the event loop while another loop is running`),
- LOOP403 `loop.close()` on the running loop in `shutdown`.
`warm_up` is a plain method called before any loop runs: it is correct and not reported.
"""

import asyncio
from dataclasses import dataclass, field


@dataclass
class Price:
    symbol: str
    amount: float


async def fetch_prices(symbols: list[str]) -> list[Price]:
    await asyncio.sleep(0.05)  # stands in for an exchange API
    return [Price(symbol, 100.0 + index) for index, symbol in enumerate(symbols)]


@dataclass
class PriceCache:
    symbols: list[str]
    prices: dict[str, Price] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def warm_up(self) -> None:
        """Fill the cache from sync start-up code, before the application's loop runs."""
        for price in self.loop.run_until_complete(fetch_prices(self.symbols)):
            self.prices[price.symbol] = price

    async def refresh(self) -> None:
        """Called every minute by the application's scheduler."""
        fresh = self.loop.run_until_complete(fetch_prices(self.symbols))
        self.prices.update({price.symbol: price for price in fresh})

    async def shutdown(self) -> None:
        self.prices.clear()
        loop = asyncio.get_running_loop()
        loop.close()

    def price_of(self, symbol: str) -> float:
        return self.prices[symbol].amount


async def serve(cache: PriceCache) -> None:
    for _ in range(3):
        await cache.refresh()
        print({symbol: cache.price_of(symbol) for symbol in cache.symbols})
        await asyncio.sleep(60)
    await cache.shutdown()


if __name__ == "__main__":
    cache = PriceCache(["AAPL", "MSFT"])
    cache.warm_up()
    asyncio.run(serve(cache))
