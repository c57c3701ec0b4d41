"""LOOP201 through ``functools.partial(helper, ...)``: calling the partial calls the helper."""

import pytest
from analyzed import codes, only

HELPER = """
import asyncio
import functools
from functools import partial

def load(name):
    return asyncio.run(fetch(name))
"""


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("return functools.partial(load, 'a')()", id="called at once"),
        pytest.param("bound = functools.partial(load, 'a')\n    return bound()", id="assigned"),
        pytest.param("bound = partial(load, 'a')\n    return bound()", id="from functools import"),
        pytest.param(
            "bound = partial(partial(load), 'a')\n    return bound()", id="partial of a partial"
        ),
    ],
)
def test_calling_a_partial_of_a_starter_is_followed(body: str) -> None:
    source = f"{HELPER}\nasync def handler():\n    {body}\n"
    finding = only(source, "LOOP201")
    assert "(handler → load → asyncio.run())" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("bound = partial(load, 'a')\n    return bound", id="built but not called"),
        pytest.param("return await asyncio.to_thread(partial(load, 'a'))", id="handed to a thread"),
        pytest.param(
            "bound = partial(print, 'a')\n    return bound()", id="partial of another function"
        ),
    ],
)
def test_a_partial_that_is_not_called_on_the_loop_is_clean(body: str) -> None:
    source = f"{HELPER}\nasync def handler():\n    {body}\n"
    assert codes(source) == []
