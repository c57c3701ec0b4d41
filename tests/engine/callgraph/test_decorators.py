"""LOOP201 through decorated helpers: followed only when the decorator keeps the body in charge.

``functools.wraps`` wrappers, decorators that return the function itself, ``functools.cache``/
``lru_cache``, ``staticmethod``/``classmethod`` are transparent. Any other decorator may replace
the function (a web framework's ``@app.route`` registers it, a test double swaps it), so a call
to the decorated name is not known to run the body: no finding (precision before recall).
"""

from pathlib import Path
from textwrap import dedent

import pytest
from analyzed import codes, only
from test_project import FixtureProject


@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param(
            """
            def logged(function):
                @functools.wraps(function)
                def wrapper(*args, **kwargs):
                    return function(*args, **kwargs)
                return wrapper
            """,
            id="a wrapper made with functools.wraps",
        ),
        pytest.param(
            """
            def logged(function):
                REGISTRY.append(function)
                return function
            """,
            id="returns the function itself",
        ),
    ],
)
def test_a_module_decorator_that_keeps_the_function_is_transparent(decorator: str) -> None:
    source = f"""
import asyncio
import functools
{dedent(decorator)}

@logged
def load():
    return asyncio.run(fetch())

async def handler():
    return load()
"""
    assert "(handler → load → asyncio.run())" in only(source, "LOOP201").message


@pytest.mark.parametrize(
    "decorator",
    ["@functools.cache", "@functools.lru_cache", "@functools.lru_cache(maxsize=32)", "@cache"],
)
def test_caching_decorators_are_transparent(decorator: str) -> None:
    source = f"""
import asyncio
import functools
from functools import cache

{decorator}
def load():
    return asyncio.run(fetch())

async def handler():
    return load()
"""
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param('@app.route("/settings")', id="unknown framework decorator"),
        pytest.param("@magic", id="imported decorator"),
        pytest.param("@replaced", id="module decorator returning another function"),
    ],
)
def test_an_opaque_decorator_breaks_the_edge(decorator: str) -> None:
    source = f"""
import asyncio
from somewhere import app, magic

def replaced(function):
    def stand_in():
        return None
    return stand_in

{decorator}
def load():
    return asyncio.run(fetch())

async def handler():
    return load()
"""
    assert codes(source) == []


LOOP_STARTING_DECORATOR = """
import asyncio
import functools

def blocking(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return asyncio.run(function(*args, **kwargs))
    return wrapper
"""


@pytest.mark.parametrize(
    "definition",
    [
        pytest.param(
            """
            @blocking
            async def load(name):
                return name
            """,
            id="decorated",
        ),
        pytest.param(
            """
            async def fetch(name):
                return name

            load = blocking(fetch)
            """,
            id="assigned from the decorator's call",
        ),
    ],
)
def test_a_decorator_whose_wrapper_starts_a_loop_makes_a_loop_starter(definition: str) -> None:
    source = f"""{LOOP_STARTING_DECORATOR}
{dedent(definition)}
async def handler():
    return load("a")
"""
    finding = only(source, "LOOP201")
    assert "(handler → load → wrapper → asyncio.run())" in finding.message


def test_a_wrapper_without_functools_wraps_is_followed_too() -> None:
    source = """
        import asyncio

        def blocking(function):
            def run_it(*args):
                return asyncio.run(function(*args))
            return run_it

        class Store:
            @blocking
            async def load(self):
                return {}

            async def handler(self):
                return self.load()
        """
    assert "(Store.handler → Store.load → run_it → asyncio.run())" in (
        only(source, "LOOP201").message
    )


def test_a_sync_caller_of_the_decorated_function_is_a_starter_too() -> None:
    source = f"""{LOOP_STARTING_DECORATOR}
@blocking
async def load():
    return 1

def total():
    return load() + 1

async def handler():
    return total()
"""
    assert "(handler → total → load → wrapper → asyncio.run())" in (only(source, "LOOP201").message)


@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param(
            """
            def blocking(function):
                def wrapper(*args):
                    return asyncio.run(function(*args))
                return function
            """,
            id="returns the function, not the wrapper",
        ),
        pytest.param(
            """
            def blocking(function):
                def wrapper(*args):
                    try:
                        asyncio.get_running_loop()
                    except RuntimeError:
                        return asyncio.run(function(*args))
                    return function(*args)
                return wrapper
            """,
            id="the wrapper guards its loop start",
        ),
        pytest.param(
            """
            def blocking(function):
                async def wrapper(*args):
                    return await function(*args)
                return wrapper
            """,
            id="an async wrapper",
        ),
        pytest.param(
            """
            def blocking(function):
                def wrapper(*args):
                    with concurrent.futures.ThreadPoolExecutor() as pool:
                        return pool.submit(asyncio.run, function(*args)).result()
                return wrapper
            """,
            id="the wrapper runs the loop in a worker thread",
        ),
    ],
)
def test_no_finding_where_the_decorator_does_not_make_a_loop_starter(decorator: str) -> None:
    source = f"""
import asyncio
import concurrent.futures
{dedent(decorator)}

@blocking
async def load():
    return 1

async def handler():
    return await load()
"""
    assert "LOOP201" not in codes(source)


def test_a_coroutine_function_decorated_with_async_to_sync_is_a_bridge() -> None:
    source = """
        from asgiref.sync import async_to_sync

        @async_to_sync
        async def load(name):
            return name

        async def handler():
            return load("a")
        """
    finding = only(source)
    assert finding.code == "LOOP104"
    assert finding.message.startswith("`load` is wrapped by `async_to_sync`: calling it")
    assert finding.related[0].span.start.line == 2


def test_a_sync_helper_calling_an_async_to_sync_function_is_a_starter() -> None:
    source = """
        from asgiref.sync import async_to_sync as a2s

        @a2s
        async def load(name):
            return name

        def view(request):
            return load(request)

        async def handler(request):
            return view(request)
        """
    assert "(handler → view → load → async_to_sync())" in only(source, "LOOP201").message


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("await sync_to_async(view)(request)", id="a sync view run in a thread"),
        pytest.param("await sync_to_async(load)('a')", id="the bridge run in a thread"),
    ],
)
def test_an_async_to_sync_function_run_in_a_thread_is_not_flagged(call: str) -> None:
    source = f"""
from asgiref.sync import async_to_sync, sync_to_async

@async_to_sync
async def load(name):
    return name

def view(request):
    return load(request)

async def handler(request):
    return {call}
"""
    assert codes(source) == []


def test_decorated_starters_are_followed_across_modules(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/tasks.py": LOOP_STARTING_DECORATOR
            + """
from asgiref.sync import async_to_sync

@blocking
async def load(name):
    return name

@async_to_sync
async def lookup(name):
    return name
""",
            "pkg/app.py": """
                from pkg.tasks import load, lookup

                async def handler():
                    load("a")
                    lookup("b")
                """,
        },
    )
    assert [(f.code, f.span.start.line + 1) for f in project.findings("pkg/app.py")] == [
        ("LOOP201", 4),
        ("LOOP104", 5),
    ]


def test_a_sync_function_decorated_with_async_to_sync_is_a_bridge_too() -> None:
    """``AsyncToSync`` refuses every call made on a running loop's thread, whatever it wraps."""
    source = """
        from asgiref.sync import async_to_sync

        @async_to_sync
        def load(name):
            return name

        async def handler():
            return load("a")
        """
    assert codes(source) == ["LOOP104"]
