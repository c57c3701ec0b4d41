"""A discord.py-style bot that restarts itself and looks things up with nested loops.

discord.py runs `on_message` on the client's event loop. looplint reports:
- LOOP104 `client.run()` inside the `reconnect` coroutine (a choice, not a safe fix:
  `await client.start(token)` skips `run()`'s logging set-up),
- LOOP102 `run_until_complete()` on the running loop in `on_message`,
- LOOP105 `run_coroutine_threadsafe(...).result()` on the bot's own loop in `lookup_weather`
  (a deadlock: the program hangs).
The `client.run(TOKEN)` under `if __name__ == "__main__":` is the entry point and is not reported.
"""

import asyncio
import os

import discord

TOKEN = os.environ.get("BOT_TOKEN", "")

intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)


async def fetch_forecast(city: str) -> str:
    await asyncio.sleep(0.1)  # stands in for an HTTP call
    return f"{city}: sunny, 21°C"


async def lookup_weather(city: str) -> str:
    loop = asyncio.get_running_loop()
    future = asyncio.run_coroutine_threadsafe(fetch_forecast(city), loop)
    return future.result()


async def reconnect() -> None:
    await client.close()
    client.run(TOKEN)


@client.event
async def on_ready() -> None:
    print(f"logged in as {client.user}")


@client.event
async def on_message(message: discord.Message) -> None:
    if message.author == client.user:
        return
    if message.content.startswith("!weather "):
        city = message.content.removeprefix("!weather ")
        loop = asyncio.get_event_loop()
        forecast = loop.run_until_complete(fetch_forecast(city))
        await message.channel.send(forecast)
    elif message.content == "!forecast-thread":
        await message.channel.send(await lookup_weather("Lisbon"))
    elif message.content == "!restart":
        await reconnect()


if __name__ == "__main__":
    client.run(TOKEN)
