"""LOOP201 through generator functions: calling one does not run its body.

A generator function's body waits until the generator is iterated, so calling it from a
coroutine starts nothing (no finding). ``contextlib.contextmanager`` is the exception: ``with
helper():`` runs the body up to its ``yield`` at once, and the rest when the block ends, both
on the coroutine's thread.
"""

import pytest
from analyzed import codes, only


def test_calling_a_generator_function_that_starts_a_loop_is_clean() -> None:
    source = """
        import asyncio

        def results():
            yield asyncio.run(fetch())

        async def handler():
            pending = results()
            return pending
        """
    assert codes(source) == []


def test_a_yield_in_a_nested_function_does_not_make_the_helper_a_generator() -> None:
    source = """
        import asyncio

        def load():
            def chunks():
                yield 1
            return asyncio.run(fetch(chunks()))

        async def handler():
            return load()
        """
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    ("imports", "decorator"),
    [
        ("import contextlib", "@contextlib.contextmanager"),
        ("from contextlib import contextmanager", "@contextmanager"),
    ],
)
def test_a_context_manager_that_starts_a_loop_is_followed(imports: str, decorator: str) -> None:
    source = f"""
import asyncio
{imports}

{decorator}
def session():
    yield
    asyncio.run(cleanup())

async def handler():
    with session():
        pass
"""
    assert "(handler → session → asyncio.run())" in only(source, "LOOP201").message


def test_callers_of_a_generator_function_are_not_starters_either() -> None:
    source = """
        import asyncio

        def results():
            yield asyncio.run(fetch())

        def first():
            return results()

        async def handler():
            return first()
        """
    assert codes(source) == []
