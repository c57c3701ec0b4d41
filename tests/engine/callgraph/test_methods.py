"""LOOP201 through methods called on ``self`` or ``cls``: the class's own (or inherited) method."""

import pytest
from analyzed import codes, only


@pytest.mark.parametrize(
    ("source", "chain"),
    [
        pytest.param(
            """
            import asyncio

            class Store:
                def load(self):
                    return asyncio.run(fetch())

                async def handler(self):
                    return self.load()
            """,
            "Store.handler → Store.load → asyncio.run()",
            id="self.method()",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                @classmethod
                def load(cls):
                    return asyncio.run(fetch())

                @classmethod
                async def handler(cls):
                    return cls.load()
            """,
            "Store.handler → Store.load → asyncio.run()",
            id="cls.method() in a classmethod",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                @staticmethod
                def load():
                    return asyncio.run(fetch())

                async def handler(self):
                    return self.load()
            """,
            "Store.handler → Store.load → asyncio.run()",
            id="self.staticmethod()",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                @staticmethod
                def load():
                    return asyncio.run(fetch())

            async def handler():
                return Store.load()
            """,
            "handler → Store.load → asyncio.run()",
            id="Class.staticmethod()",
        ),
        pytest.param(
            """
            import asyncio

            class Base:
                def load(self):
                    return asyncio.run(fetch())

            class Store(Base):
                async def handler(self):
                    return self.load()
            """,
            "Store.handler → Base.load → asyncio.run()",
            id="inherited method",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                def load(this):
                    return asyncio.run(fetch())

                async def handler(this):
                    return this.load()
            """,
            "Store.handler → Store.load → asyncio.run()",
            id="first parameter not named self",
        ),
    ],
)
def test_a_method_that_starts_a_loop_is_followed(source: str, chain: str) -> None:
    finding = only(source, "LOOP201")
    assert f"({chain})" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            class Cache:
                def load(self):
                    return asyncio.run(fetch())

            class Store:
                def load(self):
                    return {}

                async def handler(self):
                    return self.load()
            """,
            id="same-named method of another class",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                def load(self):
                    return asyncio.run(fetch())

            class Other:
                async def handler(self, store):
                    return store.load()
            """,
            id="a parameter of unknown type",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                def load(self):
                    return asyncio.run(fetch())

                async def handler(self, other):
                    return other.load()
            """,
            id="not the first parameter",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                async def load(self):
                    return await fetch()

                async def handler(self):
                    return await self.load()
            """,
            id="the method is async",
        ),
        pytest.param(
            """
            import asyncio

            class Store:
                @property
                def settings(self):
                    return asyncio.run(fetch())

                async def handler(self):
                    return self.settings
            """,
            id="a property is read, not called",
        ),
    ],
)
def test_no_finding_for_another_method(source: str) -> None:
    assert "LOOP201" not in codes(source)
