"""Hypothesis strategies for realistic async modules, composed from snippets.

Imports in every style; coroutines with loop starts in statement, expression, assignment,
loop, comprehension, decorator and class-body positions; sync functions; classes that keep a
loop in ``self.loop``; tab-indented and CRLF files; and "damaged" variants with a slice cut
out or junk pasted in, as while typing.
"""

from __future__ import annotations

from textwrap import indent

from hypothesis import strategies as st

# (import lines, prefix for asyncio names or None when names are imported bare)
IMPORTS = [
    ("import asyncio", "asyncio."),
    ("import asyncio as aio", "aio."),
    ("from asyncio import Runner, get_event_loop, new_event_loop, run", ""),
    ("import asyncio.runners\nimport asyncio", "asyncio."),
]
COROUTINES = ["fetch()", "fetch(1)", "fetch(item)", "client.get(url)", "fetch(a, b=2)", "pending"]
STARTERS = [
    "{p}run({c})",
    "{p}run({c}, debug=True)",
    "{p}get_event_loop().run_until_complete({c})",
    "{p}new_event_loop().run_until_complete({c})",
    "loop.run_until_complete({c})",
    "{p}get_event_loop()",
]
STATEMENTS = [
    "{s}",
    "result = {s}",
    "return {s}",
    "print({s})",
    "value = {s}.attr",
    "value = {s}[0]",
    "value = {s}(1)",
    "value = -{s}",
    "value = {s} + 1",
    "for item in items:\n    {s}",
    "for item in items:\n    print(item)\n    {s}",
    "values = [{s} for item in items]",
    "total = sum({s} for item in items)",
    "total = combine(1, ({s} for item in items))",
    "text = f'{{{s}}}'",
    "if ready:\n    {s}\nelse:\n    pass",
    "callback = lambda: {s}",
    "def helper():\n    return {s}",
    "with lock:\n    {s}",
    "{s}  # noqa: LOOP101",
    "x = {s}  # keep this comment",
    "x = {s}  # noqa: E501",
    "try:\n    {s}\nexcept Exception:\n    pass",
    "class Inner:\n    value = {s}",
    "first = {s}\nsecond = {s}",
    "pending = fetch()",
    "@register({s})\ndef callback():\n    pass",
    "start = {p}run\nstart(fetch())",
    "runner = {p}Runner()\nrunner.run({s})",
]
AWAITS = ["await fetch()", "async for row in rows:\n    {s}", "async with lock:\n    {s}"]


@st.composite
def starters(draw: st.DrawFn, prefix: str) -> str:
    template = draw(st.sampled_from(STARTERS))
    return template.format(p=prefix, c=draw(st.sampled_from(COROUTINES)))


@st.composite
def statements(draw: st.DrawFn, prefix: str, *, in_coroutine: bool) -> str:
    template = draw(st.sampled_from(STATEMENTS + AWAITS if in_coroutine else STATEMENTS))
    return template.format(s=draw(starters(prefix)), p=prefix)


@st.composite
def functions(draw: st.DrawFn, prefix: str, index: int) -> str:
    keyword = draw(st.sampled_from(["async def", "async def", "def"]))
    in_coroutine = keyword == "async def"
    body = draw(st.lists(statements(prefix, in_coroutine=in_coroutine), min_size=1, max_size=4))
    return f"{keyword} handler{index}(loop, items, ready, lock, client, url, rows):\n" + indent(
        "\n".join(body), "    "
    )


@st.composite
def classes(draw: st.DrawFn, prefix: str, index: int) -> str:
    loop_source = draw(st.sampled_from(["new_event_loop()", "get_event_loop()"]))
    method_body = draw(st.lists(statements(prefix, in_coroutine=True), min_size=0, max_size=2))
    uses = "\n".join(["return self.loop.run_until_complete(fetch())", *method_body])
    return (
        f"class Service{index}:\n"
        f"    def __init__(self):\n"
        f"        self.loop = {prefix}{loop_source}\n\n"
        f"    async def handle(self, items, ready, lock, client, url, loop, rows):\n"
        + indent(uses, "        ")
    )


@st.composite
def async_modules(draw: st.DrawFn) -> str:
    imports, prefix = draw(st.sampled_from(IMPORTS))
    head = []
    if draw(st.booleans()):
        head.append('"""A generated module."""')
    if draw(st.booleans()):
        head.append("from __future__ import annotations")
    head.append(imports)
    if draw(st.booleans()):
        head.append("import os")
    parts = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from([functions, functions, classes]))
        parts.append(draw(kind(prefix, index)))
    if draw(st.booleans()):
        parts.append(
            f'if __name__ == "__main__":\n    {prefix}run(handler0(None, [], 1, 2, 3, 4, 5))'
        )
    source = "\n".join(head) + "\n\n\n" + "\n\n\n".join(parts) + "\n"
    indentation = draw(st.sampled_from(["    ", "    ", "\t"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return source.replace("    ", indentation).replace("\n", newline)


@st.composite
def damaged_modules(draw: st.DrawFn) -> str:
    """A generated module with a slice cut out or junk pasted in (as while typing)."""
    source = draw(async_modules())
    start = draw(st.integers(min_value=0, max_value=len(source)))
    end = draw(st.integers(min_value=start, max_value=min(len(source), start + 40)))
    junk = draw(st.sampled_from(["", "(", "[", ":", "def", "\n    ", '"', "asyncio.", "\x00"]))
    return source[:start] + junk + source[end:]


def compiles(source: str) -> bool:
    """Whether CPython compiles ``source`` (stricter than ``ast.parse``: ``await`` placement)."""
    try:
        compile(source, "<generated>", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


# The names every rule needs, mixed: imports (aliased, starred, or missing), receivers made in
# every way the engine knows one (and in ways it does not), and the calls the rules judge.
MIXED_IMPORTS = [
    "import asyncio",
    "import asyncio as aio",
    "from asyncio import get_running_loop as grl, run as arun",
    "from asyncio import *",
    "from asyncio import events",
    "import concurrent.futures",
    "from concurrent.futures import Future, ThreadPoolExecutor",
    "import nest_asyncio",
    "from tornado.ioloop import IOLoop",
    "from twisted.internet import reactor",
    "import trio",
    "import anyio",
    "import uvloop",
    "from asgiref.sync import async_to_sync",
    "import discord",
    "from telegram.ext import ApplicationBuilder",
    "from functools import partial",
    "from .events import get_running_loop",
]
MIXED_RECEIVERS = [
    "asyncio.get_event_loop()",
    "asyncio.get_running_loop()",
    "aio.get_running_loop()",
    "grl()",
    "get_running_loop()",
    "events.get_running_loop()",
    "asyncio.get_event_loop_policy().get_event_loop()",
    "asyncio.new_event_loop()",
    "uvloop.new_event_loop()",
    "make_loop()",
    "IOLoop.current()",
    "reactor",
    "ThreadPoolExecutor()",
    "concurrent.futures.ThreadPoolExecutor()",
    "asyncio.run_coroutine_threadsafe(work(), other)",
    "Future()",
    "discord.Client()",
    "ApplicationBuilder().token('t').build()",
    "asyncio.Runner()",
    "partial(asyncio.run, work())",
    "partial(arun, work())",
    "async_to_sync(work)",
    "connection()",
    "other",
]
MIXED_CALLS = [
    "thing.close()",
    "thing.run_forever()",
    "thing.start()",
    "thing.run()",
    "thing.run('token')",
    "thing.run_until_complete(work())",
    "thing.result()",
    "thing.submit(work)",
    "thing.run_in_executor(None, work)",
    "thing.run_polling()",
    "thing.run_sync(work)",
    "thing()",
    "other.call_soon_threadsafe(thing.set_result, 1)",
    "nest_asyncio.apply()",
    "apply()",
    "asyncio.run(work())",
    "aio.run(work())",
    "arun(work())",
    "run(work())",
    "trio.run(work)",
    "anyio.run(work)",
    "asyncio.to_thread(work)",
    "get_event_loop()",
    "asyncio.get_event_loop()",
    "self.thing.close()",
    "helper()",
]
# Calls that start a loop (in a sync function: a loop starter) when their names resolve.
MIXED_STARTS = [
    "asyncio.run(work())",
    "aio.run(work())",
    "arun(work())",
    "run(work())",
    "thing.run_until_complete(work())",
    "thing.run_forever()",
    "thing.start()",
    "thing.run('token')",
    "anyio.run(work)",
    "async_to_sync(work)()",
]
MIXED_DEFINITIONS = [
    "async def work():\n    pass",
    "def make_loop():\n    return asyncio.get_running_loop()",
    "def make_loop():\n    return IOLoop.current()",
    "def run(main):\n    return main",
    "def apply():\n    pass",
    "def helper():\n    {call}",
    "def helper():\n    thing = {receiver}\n    {call}",
    "def starter{index}():\n    thing = {receiver}\n    {start}\n\n\n"
    "async def caller{index}():\n    starter{index}()",
    "thing = {receiver}",
    "class Service:\n    def __init__(self):\n        self.thing = {receiver}\n\n"
    "    async def serve(self):\n        {call}",
    "async def handler{index}():\n    thing = {receiver}\n    {call}",
    "async def handler{index}():\n    {call}",
    "async def handler{index}(thing: asyncio.AbstractEventLoop):\n    {call}",
    "async def handler{index}(thing: 'concurrent.futures.Executor'):\n    {call}",
]


@st.composite
def mixed_rule_modules(draw: st.DrawFn) -> str:
    """A module naming some of what the rules need and calling what they judge."""
    imports = draw(st.lists(st.sampled_from(MIXED_IMPORTS), max_size=4, unique=True))
    parts = []
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        template = draw(st.sampled_from(MIXED_DEFINITIONS))
        receiver = draw(st.sampled_from(MIXED_RECEIVERS))
        call = draw(st.sampled_from(MIXED_CALLS))
        start = draw(st.sampled_from(MIXED_STARTS))
        parts.append(template.format(index=index, receiver=receiver, call=call, start=start))
    return "\n".join(imports) + "\n\n\n" + "\n\n\n".join(parts) + "\n"
