"""The other LOOP201 fix: run the helper in a worker thread, where it may start its own loop.

It is a choice, never applied in bulk: objects bound to the caller's loop cannot be used from
the helper's new loop.
"""

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
