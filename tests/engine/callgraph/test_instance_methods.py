"""LOOP201 through ``obj.method()`` where ``obj = Class(...)`` in the same scope."""

import pytest
from analyzed import codes, only


@pytest.mark.parametrize(
    "construction",
    ["Client()", 'Client("https://example.org", retries=3)'],
)
def test_a_method_of_a_freshly_built_instance_is_followed(construction: str) -> None:
    source = f"""
        import asyncio

        class Client:
            def __init__(self, url="", retries=0):
                self.url = url

            def load(self):
                return asyncio.run(fetch(self.url))

        async def handler():
            client = {construction}
            return client.load()
        """
    finding = only(source, "LOOP201")
    assert "(handler → Client.load → asyncio.run())" in finding.message
    assert finding.span.start.line == 11


def test_a_module_level_instance_is_followed() -> None:
    source = """
        import asyncio

        class Client:
            def load(self):
                return asyncio.run(fetch())

        client = Client()

        async def handler():
            return client.load()
        """
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            class Client:
                def load(self):
                    return asyncio.run(fetch())

            class Fake:
                def load(self):
                    return {}

            async def handler():
                client = Fake()
                return client.load()
            """,
            id="an instance of the class with a harmless method of the same name",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                def load(self):
                    return asyncio.run(fetch())

            class Fake:
                def load(self):
                    return {}

            async def handler():
                client = Client()
                client = Fake()
                return client.load()
            """,
            id="the name is rebound to another class",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                def load(self):
                    return asyncio.run(fetch())

            async def handler():
                client = make_client()
                return client.load()
            """,
            id="an instance of unknown origin",
        ),
        pytest.param(
            """
            import asyncio

            class Client:
                async def load(self):
                    return await fetch()

            def load():
                return asyncio.run(fetch())

            async def handler():
                client = Client()
                return await client.load()
            """,
            id="the instance's method is async; a module function of the same name starts a loop",
        ),
    ],
)
def test_no_finding_for_a_method_of_another_object(source: str) -> None:
    assert "LOOP201" not in codes(source)
