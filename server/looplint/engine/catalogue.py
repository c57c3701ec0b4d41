"""What the engine knows about asyncio and the libraries around it, by qualified name.

Every table is keyed by the canonical qualified name (``asyncio.runners.run`` is
``asyncio.run``), so detection code never compares spellings.
"""

from __future__ import annotations

import enum

# asyncio re-exports these submodules' public names at package level.
_ASYNCIO_SUBMODULES = frozenset(
    {
        "base_events",
        "coroutines",
        "events",
        "futures",
        "proactor_events",
        "runners",
        "selector_events",
        "tasks",
        "threads",
        "unix_events",
        "windows_events",
    }
)


def canonical(qualified_name: str) -> str:
    """``asyncio.runners.run`` → ``asyncio.run``; other names unchanged."""
    parts = qualified_name.split(".")
    if len(parts) == 3 and parts[0] == "asyncio" and parts[1] in _ASYNCIO_SUBMODULES:
        return f"asyncio.{parts[2]}"
    return qualified_name


class Kind(enum.Enum):
    """What kind of object an expression evaluates to, as far as the rules care."""

    CURRENT_LOOP = "the running loop"  # get_event_loop()/get_running_loop() in loop context
    NEW_LOOP = "a new event loop"
    ANY_LOOP = "an event loop"
    LOOP_POLICY = "an event loop policy"
    RUNNER = "an asyncio.Runner"
    THREADSAFE_FUTURE = "a run_coroutine_threadsafe future"
    EXECUTOR = "an executor"
    TORNADO_IOLOOP = "a tornado IOLoop"
    DISCORD_CLIENT = "a discord client"
    AIOGRAM_DISPATCHER = "an aiogram Dispatcher"
    PTB_BUILDER = "a python-telegram-bot ApplicationBuilder"
    PTB_APPLICATION = "a python-telegram-bot Application"
    TWISTED_REACTOR = "the twisted reactor"
    OWN_CLASS_INSTANCE = "an instance of a class of the module"  # known, and not a loop

    @property
    def is_loop(self) -> bool:
        return self in (Kind.CURRENT_LOOP, Kind.NEW_LOOP, Kind.ANY_LOOP)


# The kind of object a call to these returns.
CALL_RESULT_KINDS: dict[str, Kind] = {
    "asyncio.get_event_loop": Kind.CURRENT_LOOP,
    "asyncio.get_running_loop": Kind.CURRENT_LOOP,
    "asyncio.new_event_loop": Kind.NEW_LOOP,
    "asyncio.SelectorEventLoop": Kind.NEW_LOOP,
    "asyncio.ProactorEventLoop": Kind.NEW_LOOP,
    "asyncio.EventLoop": Kind.NEW_LOOP,
    "asyncio.BaseEventLoop": Kind.NEW_LOOP,
    "uvloop.new_event_loop": Kind.NEW_LOOP,
    "uvloop.Loop": Kind.NEW_LOOP,
    "asyncio.get_event_loop_policy": Kind.LOOP_POLICY,
    "asyncio.DefaultEventLoopPolicy": Kind.LOOP_POLICY,
    "asyncio.WindowsSelectorEventLoopPolicy": Kind.LOOP_POLICY,
    "asyncio.WindowsProactorEventLoopPolicy": Kind.LOOP_POLICY,
    "uvloop.EventLoopPolicy": Kind.LOOP_POLICY,
    "asyncio.Runner": Kind.RUNNER,
    "asyncio.run_coroutine_threadsafe": Kind.THREADSAFE_FUTURE,
    "concurrent.futures.ThreadPoolExecutor": Kind.EXECUTOR,
    "concurrent.futures.ProcessPoolExecutor": Kind.EXECUTOR,
    "concurrent.futures.thread.ThreadPoolExecutor": Kind.EXECUTOR,
    "concurrent.futures.process.ProcessPoolExecutor": Kind.EXECUTOR,
    "tornado.ioloop.IOLoop": Kind.TORNADO_IOLOOP,
    "tornado.ioloop.IOLoop.current": Kind.TORNADO_IOLOOP,
    "tornado.ioloop.IOLoop.instance": Kind.TORNADO_IOLOOP,
    "discord.Client": Kind.DISCORD_CLIENT,
    "discord.AutoShardedClient": Kind.DISCORD_CLIENT,
    "discord.ext.commands.Bot": Kind.DISCORD_CLIENT,
    "discord.ext.commands.AutoShardedBot": Kind.DISCORD_CLIENT,
    "aiogram.Dispatcher": Kind.AIOGRAM_DISPATCHER,
    "telegram.ext.ApplicationBuilder": Kind.PTB_BUILDER,
    "telegram.ext.Application.builder": Kind.PTB_BUILDER,
}

# Annotations that declare a kind (parameters, attributes).
ANNOTATION_KINDS: dict[str, Kind] = {
    "asyncio.AbstractEventLoop": Kind.ANY_LOOP,
    "asyncio.BaseEventLoop": Kind.ANY_LOOP,
    "asyncio.SelectorEventLoop": Kind.ANY_LOOP,
    "asyncio.ProactorEventLoop": Kind.ANY_LOOP,
    "asyncio.EventLoop": Kind.ANY_LOOP,
    "uvloop.Loop": Kind.ANY_LOOP,
    "asyncio.Runner": Kind.RUNNER,
    "concurrent.futures.Executor": Kind.EXECUTOR,
    "concurrent.futures.ThreadPoolExecutor": Kind.EXECUTOR,
    "concurrent.futures.ProcessPoolExecutor": Kind.EXECUTOR,
    "tornado.ioloop.IOLoop": Kind.TORNADO_IOLOOP,
    "discord.Client": Kind.DISCORD_CLIENT,
    "discord.ext.commands.Bot": Kind.DISCORD_CLIENT,
    "aiogram.Dispatcher": Kind.AIOGRAM_DISPATCHER,
    "telegram.ext.Application": Kind.PTB_APPLICATION,
}

# Module attributes that are objects of a kind.
OBJECT_KINDS: dict[str, Kind] = {"twisted.internet.reactor": Kind.TWISTED_REACTOR}

# Kind of the object a method returns, by receiver kind.
METHOD_RESULT_KINDS: dict[tuple[Kind, str], Kind] = {
    (Kind.LOOP_POLICY, "get_event_loop"): Kind.CURRENT_LOOP,
    (Kind.LOOP_POLICY, "new_event_loop"): Kind.NEW_LOOP,
    (Kind.TORNADO_IOLOOP, "current"): Kind.TORNADO_IOLOOP,
    (Kind.TORNADO_IOLOOP, "instance"): Kind.TORNADO_IOLOOP,
    (Kind.PTB_BUILDER, "build"): Kind.PTB_APPLICATION,
}

# Coroutine functions a program may hand to a thread by mistake.
COROUTINE_FUNCTIONS = frozenset(
    {
        "asyncio.sleep",
        "asyncio.wait_for",
        "asyncio.wait",
        "asyncio.open_connection",
        "asyncio.start_server",
        "asyncio.create_subprocess_exec",
        "asyncio.create_subprocess_shell",
    }
)

# Names ``from asyncio import *`` brings in that the rules care about.
ASYNCIO_STAR_EXPORTS = frozenset(
    {
        "run",
        "Runner",
        "get_event_loop",
        "get_running_loop",
        "new_event_loop",
        "run_coroutine_threadsafe",
        "to_thread",
        "AbstractEventLoop",
        "BaseEventLoop",
        "SelectorEventLoop",
        "get_event_loop_policy",
    }
)
