"""A sync wrapper with keyword parameters and defaults, called from a coroutine with keywords out
of order, an omitted default and an expression that needs parentheses once substituted."""

import asyncio


async def render_invoice(
    customer: str, total: float, currency: str = "EUR", copies: int = 1
) -> str:
    await asyncio.sleep(0)
    return f"{customer}: {total:.2f} {currency} x{copies}"


def render_invoice_sync(customer: str, total: float, currency: str = "EUR", copies: int = 1) -> str:
    return asyncio.run(render_invoice(customer, total * 2, currency=currency, copies=copies))


async def handle(order: dict[str, object]) -> None:
    print(render_invoice_sync(copies=2, total=order["net"] + 5, customer=order["customer"]))
    print(render_invoice_sync(order["customer"], 10, "USD"))


if __name__ == "__main__":
    print(render_invoice_sync("cli", 1))
    asyncio.run(handle({"customer": "ada", "net": 45}))
