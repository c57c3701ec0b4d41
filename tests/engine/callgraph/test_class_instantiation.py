"""LOOP201 through ``Class(...)``: building the object runs its ``__init__``."""

from analyzed import codes, only


def test_an_init_that_starts_a_loop_makes_instantiation_a_loop_start() -> None:
    source = """
        import asyncio

        class Connection:
            def __init__(self, url):
                self.session = asyncio.run(open_session(url))

        async def handler():
            return Connection("db://")
        """
    finding = only(source, "LOOP201")
    assert finding.message.startswith("`Connection.__init__()` starts an event loop")
    assert "(handler → Connection.__init__ → asyncio.run())" in finding.message
    assert (finding.span.start.line, finding.span.start.column) == (7, 11)


def test_an_init_that_calls_a_starter_is_followed() -> None:
    source = """
        import asyncio

        def open_blocking(url):
            return asyncio.run(open_session(url))

        class Connection:
            def __init__(self, url):
                self.session = open_blocking(url)

        async def handler():
            return Connection("db://")
        """
    finding = only(source, "LOOP201")
    assert "(handler → Connection.__init__ → open_blocking → asyncio.run())" in finding.message


def test_a_class_whose_init_does_not_start_a_loop_is_clean() -> None:
    source = """
        import asyncio

        class Connection:
            def __init__(self, url):
                self.url = url

            def open_blocking(self):
                return asyncio.run(open_session(self.url))

        async def handler():
            return Connection("db://")
        """
    assert codes(source) == []
