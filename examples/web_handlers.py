"""An aiohttp-style order service whose handlers start event loops of their own.

aiohttp already runs every handler on its event loop, so each handler here is loop context.
looplint reports:
- LOOP101 `asyncio.run()` in `get_order` (safe fix: `await`),
- LOOP201 the sync helper `load_customer()` called from `get_customer` (it wraps `asyncio.run`),
- LOOP106 a coroutine function handed to `asyncio.to_thread()` in `upload_invoice`,
- LOOP102 `asyncio.get_event_loop().run_until_complete()` in `order_summary`.
"""

import asyncio
import json

from aiohttp import web

ORDERS = {1: {"id": 1, "customer": 7, "total": 42.0}}
CUSTOMERS = {7: {"id": 7, "name": "Ada"}}


async def fetch_order(order_id: int) -> dict:
    await asyncio.sleep(0.01)  # stands in for a database query
    return ORDERS[order_id]


async def fetch_customer(customer_id: int) -> dict:
    await asyncio.sleep(0.01)
    return CUSTOMERS[customer_id]


def load_customer(customer_id: int) -> dict:
    """Sync API kept for the command-line tools: correct when no loop runs."""
    return asyncio.run(fetch_customer(customer_id))


async def parse_invoice(raw: bytes) -> dict:
    await asyncio.sleep(0)
    return json.loads(raw)


async def get_order(request: web.Request) -> web.Response:
    order_id = int(request.match_info["order_id"])
    order = asyncio.run(fetch_order(order_id))
    return web.json_response(order)


async def get_customer(request: web.Request) -> web.Response:
    customer = load_customer(int(request.match_info["customer_id"]))
    return web.json_response(customer)


async def upload_invoice(request: web.Request) -> web.Response:
    invoice = await asyncio.to_thread(parse_invoice, await request.read())
    return web.json_response({"lines": len(invoice)})


async def order_summary(request: web.Request) -> web.Response:
    loop = asyncio.get_event_loop()
    order = loop.run_until_complete(fetch_order(1))
    return web.Response(text=f"order {order['id']}: {order['total']:.2f}")


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(
        [
            web.get("/orders/{order_id}", get_order),
            web.get("/customers/{customer_id}", get_customer),
            web.post("/invoices", upload_invoice),
            web.get("/summary", order_summary),
        ]
    )
    return app


if __name__ == "__main__":
    print(load_customer(7))  # fine: no loop is running yet
    web.run_app(make_app(), port=8080)
