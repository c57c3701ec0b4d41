"""LOOP104: library calls that start their own event loop, made inside a running one."""

import pytest
from analyzed import codes, fix_of, kinds, only, preferred
from looplint.engine import FixKind, Severity


def test_anyio_run_is_an_error_fixed_by_awaiting_the_function() -> None:
    source = """
        import anyio

        async def fetch(n):
            return n

        async def handler():
            return anyio.run(fetch, 2)
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP104", Severity.ERROR)
    assert "Already running asyncio in this thread" in finding.message
    assert "return await fetch(2)" in preferred(source)


def test_anyio_run_with_a_backend_has_no_safe_fix() -> None:
    source = """
        import anyio

        async def handler():
            anyio.run(fetch, backend="trio")
        """
    assert only(source, "LOOP104").safe_fix is None


@pytest.mark.parametrize("library", ["trio", "curio"])
def test_trio_and_curio_block_silently_so_they_are_warnings(library: str) -> None:
    source = f"""
        import {library}

        async def handler():
            {library}.run(fetch)
        """
    finding = only(source, "LOOP104")
    assert finding.severity is Severity.WARNING
    assert "no error is raised" in finding.message
    assert finding.safe_fix is None


def test_trio_run_can_be_moved_to_a_worker_thread_as_a_choice() -> None:
    source = """
        import trio

        async def handler():
            trio.run(fetch, 1)
        """
    fix = fix_of(only(source), FixKind.REPLACE)
    assert not fix.safe
    assert "await asyncio.to_thread(trio.run, fetch, 1)" in [e.new_text for e in fix.edits]
    assert "import asyncio\n" in [e.new_text for e in fix.edits]


def test_async_to_sync_of_an_async_def_is_fixed_by_awaiting_it() -> None:
    source = """
        from asgiref.sync import async_to_sync

        async def fetch(user_id):
            return user_id

        async def view(request):
            return async_to_sync(fetch)(request.user_id)
        """
    finding = only(source)
    assert "You cannot use AsyncToSync in the same thread as an async event loop" in (
        finding.message
    )
    assert "return await fetch(request.user_id)" in preferred(source)


def test_async_to_sync_of_an_unknown_function_is_a_choice() -> None:
    source = """
        from asgiref.sync import async_to_sync

        async def view(service):
            return async_to_sync(service.fetch)(1)
        """
    finding = only(source)
    assert finding.safe_fix is None
    assert not fix_of(finding, FixKind.AWAIT).safe


def test_tornado_run_sync_of_an_async_def_is_fixed_by_awaiting_it() -> None:
    source = """
        from tornado.ioloop import IOLoop

        async def fetch():
            return 1

        async def handler():
            return IOLoop.current().run_sync(fetch)
        """
    finding = only(source)
    assert "This event loop is already running" in finding.message
    assert "return await fetch()" in preferred(source)


def test_tornado_run_sync_with_a_timeout_has_no_safe_fix() -> None:
    source = """
        from tornado.ioloop import IOLoop

        async def fetch():
            return 1

        async def handler():
            return IOLoop.current().run_sync(fetch, timeout=5)
        """
    assert only(source).safe_fix is None


def test_uvicorn_run_is_an_error_without_a_fix() -> None:
    source = """
        import uvicorn

        async def start(app):
            uvicorn.run(app, host="0.0.0.0", port=8000)
        """
    finding = only(source)
    assert "asyncio.run() cannot be called from a running event loop" in finding.message
    assert kinds(finding) == {FixKind.NOQA}


def test_run_of_a_discord_client_subclass_offers_start() -> None:
    source = """
        import discord

        class MyBot(discord.Client):
            async def on_ready(self):
                print("ready")

        async def main(token):
            bot = MyBot()
            bot.run(token)
        """
    finding = only(source)
    assert finding.code == "LOOP104"
    fix = fix_of(finding, FixKind.AWAIT)
    assert not fix.safe
    assert fix.edits[0].new_text == "await bot.start(token)"


def test_run_of_a_commands_bot_is_flagged() -> None:
    source = """
        from discord.ext import commands

        async def main(token):
            commands.Bot(command_prefix="!").run(token)
        """
    assert codes(source) == ["LOOP104"]


def test_aiogram_run_polling_offers_start_polling() -> None:
    source = """
        from aiogram import Bot, Dispatcher

        async def main():
            bot = Bot(token="t")
            dp = Dispatcher()
            dp.run_polling(bot)
        """
    finding = only(source)
    assert fix_of(finding, FixKind.AWAIT).edits[0].new_text == "await dp.start_polling(bot)"
    assert finding.safe_fix is None


def test_python_telegram_bot_run_polling_is_flagged() -> None:
    source = """
        from telegram.ext import Application

        async def main():
            application = Application.builder().token("t").build()
            application.run_polling()
        """
    assert codes(source) == ["LOOP104"]


def test_sync_playwright_is_flagged() -> None:
    source = """
        from playwright.sync_api import sync_playwright

        async def scrape():
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch()
        """
    finding = only(source)
    assert "Playwright Sync API inside the asyncio loop" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import anyio

            def main():
                anyio.run(amain)
            """,
            id="anyio.run in a sync def",
        ),
        pytest.param(
            """
            import trio

            trio.run(main)
            """,
            id="trio.run at module level",
        ),
        pytest.param(
            """
            import uvicorn

            if __name__ == "__main__":
                uvicorn.run("app:app")
            """,
            id="uvicorn.run under the main guard",
        ),
        pytest.param(
            """
            from asgiref.sync import async_to_sync

            def view(request):
                return async_to_sync(fetch)(request)
            """,
            id="async_to_sync in a sync view",
        ),
        pytest.param(
            """
            from asgiref.sync import sync_to_async

            async def view(request):
                return await sync_to_async(load)(request)
            """,
            id="sync_to_async",
        ),
        pytest.param(
            """
            from playwright.async_api import async_playwright

            async def scrape():
                async with async_playwright() as playwright:
                    await playwright.chromium.launch()
            """,
            id="async_playwright",
        ),
        pytest.param(
            """
            class Client:
                def run(self, token):
                    pass

            async def main(token):
                Client().run(token)
            """,
            id="the module's own Client.run",
        ),
        pytest.param(
            """
            import anyio

            async def handler():
                await anyio.to_thread.run_sync(anyio.run, fetch)
            """,
            id="anyio.run handed to a worker thread",
        ),
    ],
)
def test_no_finding_outside_a_running_loop_or_for_other_calls(source: str) -> None:
    assert codes(source) == []
