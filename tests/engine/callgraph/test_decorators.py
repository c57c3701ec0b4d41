"""LOOP201 through decorated helpers: followed only when the decorator keeps the body in charge.

``functools.wraps`` wrappers, decorators that return the function itself, ``functools.cache``/
``lru_cache``, ``staticmethod``/``classmethod`` are transparent. Any other decorator may replace
the function (a web framework's ``@app.route`` registers it, a test double swaps it), so a call
to the decorated name is not known to run the body: no finding (precision before recall).
"""

from textwrap import dedent

import pytest
from analyzed import codes, only


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
