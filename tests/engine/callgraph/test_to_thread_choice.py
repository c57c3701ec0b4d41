"""The other LOOP201 fix: run the helper in a worker thread, where it may start its own loop.

It is a choice, never applied in bulk: objects bound to the caller's loop cannot be used from
the helper's new loop.
"""

import pytest
from analyzed import applied, fix_of, only
from looplint.engine import FixKind

HELPER = """
    import asyncio

    def load(name, region="eu"):
        print("loading", name)
        return asyncio.run(fetch(name, region))
    """


def test_the_call_is_handed_to_asyncio_to_thread_with_its_arguments() -> None:
    source = (
        HELPER
        + """
    async def handler(user):
        return load(user.name, region="us")
    """
    )
    fix = fix_of(only(source, "LOOP201"), FixKind.REPLACE)
    assert not fix.safe
    assert fix.title == "Run `load` in a worker thread"
    assert applied(source, fix).splitlines()[-1] == (
        '    return await asyncio.to_thread(load, user.name, region="us")'
    )


def test_a_method_is_handed_over_bound() -> None:
    source = """
        import asyncio

        class Store:
            def load(self):
                print("loading")
                return asyncio.run(fetch())

            async def handler(self):
                return self.load()
        """
    fix = fix_of(only(source, "LOOP201"), FixKind.REPLACE)
    assert fix.edits[0].new_text == "await asyncio.to_thread(self.load)"


def test_asyncio_is_imported_when_the_module_spells_run_otherwise() -> None:
    source = """
        from asyncio import run

        def load():
            print("loading")
            return run(fetch())

        async def handler():
            return load()
        """
    fix = fix_of(only(source, "LOOP201"), FixKind.REPLACE)
    assert applied(source, fix).splitlines()[:2] == ["import asyncio", "from asyncio import run"]


def test_no_thread_choice_where_await_is_not_allowed() -> None:
    source = (
        HELPER
        + """
    async def handler(names):
        return list(load(name) for name in names)
    """
    )
    assert FixKind.REPLACE not in {fix.kind for fix in only(source, "LOOP201").fixes}


@pytest.mark.parametrize(
    "loop_start",
    [
        pytest.param("asyncio.get_event_loop().run_until_complete(fetch())", id="get_event_loop"),
        pytest.param("asyncio.get_running_loop().run_until_complete(fetch())", id="running loop"),
        pytest.param("LOOP.run_until_complete(fetch())", id="a loop made elsewhere"),
        pytest.param("asyncio.run_coroutine_threadsafe(fetch(), LOOP).result()", id="threadsafe"),
    ],
)
def test_no_thread_choice_when_the_helper_needs_a_loop_it_would_not_have_there(
    loop_start: str,
) -> None:
    """A worker thread has no current loop (``get_event_loop()`` raises there), and a loop
    made in the main thread is running already: the helper would fail in the thread too."""
    source = f"""
        import asyncio

        LOOP = asyncio.get_event_loop()

        def load():
            return {loop_start}

        async def handler():
            return load()
        """
    assert FixKind.REPLACE not in {fix.kind for fix in only(source, "LOOP201").fixes}


def test_the_thread_choice_stays_for_a_helper_that_makes_a_new_loop() -> None:
    source = """
        import asyncio

        def load():
            loop = asyncio.new_event_loop()
            try:
                return loop.run_until_complete(fetch())
            finally:
                loop.close()

        async def handler():
            return load()
        """
    assert FixKind.REPLACE in {fix.kind for fix in only(source, "LOOP201").fixes}
