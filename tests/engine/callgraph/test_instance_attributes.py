"""LOOP201 through instance attributes: ``self.fetcher.fetch()`` where the code says what class
``self.fetcher`` is — assigned from ``Fetcher()``, a parameter annotated ``Fetcher``, a dataclass
field or class-level annotation, a property returning one — at any depth of attributes, and
across modules. Every binding of the attribute must agree on the class, or nothing is reported.
"""

from pathlib import Path
from textwrap import dedent

import pytest
from analyzed import codes, only
from test_project import FixtureProject

FETCHER = """
import asyncio
from dataclasses import dataclass
from typing import Optional

class Fetcher:
    def fetch(self):
        return asyncio.run(download())
"""


@pytest.mark.parametrize(
    "holder",
    [
        pytest.param(
            """
            class Service:
                def __init__(self):
                    self.fetcher = Fetcher()
            """,
            id="assigned in __init__",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self, fetcher: Fetcher):
                    self.fetcher = fetcher
            """,
            id="an annotated parameter stored on self",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self, fetcher: "Optional[Fetcher]" = None):
                    self.fetcher = fetcher
            """,
            id="an optional parameter in a string annotation",
        ),
        pytest.param(
            """
            @dataclass
            class Service:
                fetcher: Fetcher
            """,
            id="a dataclass field",
        ),
        pytest.param(
            """
            class Service:
                fetcher: Fetcher | None = None

                def connect(self):
                    self.fetcher = make_fetcher()
            """,
            id="a class-level annotation",
        ),
        pytest.param(
            """
            class Service:
                @property
                def fetcher(self) -> Fetcher:
                    return make_fetcher()
            """,
            id="a property annotated to return one",
        ),
        pytest.param(
            """
            class Service:
                @property
                def fetcher(self):
                    return Fetcher()
            """,
            id="a property returning one",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self):
                    self.fetcher = None

                def start(self):
                    self.fetcher = Fetcher()
            """,
            id="None until set up",
        ),
    ],
)
def test_a_method_of_an_instance_attribute_is_followed(holder: str) -> None:
    source = f"""{FETCHER}
{dedent(holder)}
    async def handle(self):
        return self.fetcher.fetch()
"""
    finding = only(source, "LOOP201")
    assert "(Service.handle → Fetcher.fetch → asyncio.run())" in finding.message


def test_a_chain_of_attributes_of_any_depth_is_followed() -> None:
    source = f"""{FETCHER}
class Service:
    def __init__(self):
        self.fetcher = Fetcher()

class App:
    service: Service

async def handler(app: App):
    return app.service.fetcher.fetch()

class Server:
    def __init__(self, app: App):
        self.app = app

    async def serve(self):
        return self.app.service.fetcher.fetch()
"""
    assert codes(source) == ["LOOP201", "LOOP201"]


def test_a_loop_captured_in_init_is_the_loop_start() -> None:
    source = """
        import asyncio

        class Database:
            def __init__(self):
                self.loop = asyncio.get_event_loop()

            def count(self):
                return self.loop.run_until_complete(query())

        class Handler:
            def __init__(self, database: Database):
                self.database = database

            async def handle(self):
                return self.database.count()
        """
    finding = only(source, "LOOP201")
    assert "(Handler.handle → Database.count → self.loop.run_until_complete())" in (finding.message)


def test_an_inherited_method_is_followed() -> None:
    source = f"""{FETCHER}
class CachingFetcher(Fetcher):
    def clear(self):
        pass

class Service:
    def __init__(self):
        self.fetcher = CachingFetcher()

    async def handle(self):
        return self.fetcher.fetch()
"""
    assert codes(source) == ["LOOP201"]


@pytest.mark.parametrize(
    "holder",
    [
        pytest.param(
            """
            class Service:
                def __init__(self, fetcher):
                    self.fetcher = fetcher
            """,
            id="an unannotated parameter",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self):
                    self.fetcher = Fetcher()

                def offline(self):
                    self.fetcher = Quiet()
            """,
            id="assigned two classes",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self):
                    self.fetcher = Fetcher()

                def replace(self, other):
                    self.fetcher = other
            """,
            id="assigned something unknown too",
        ),
        pytest.param(
            """
            class Service:
                def __init__(self):
                    self.fetcher = Quiet()
            """,
            id="another class with a harmless method of the same name",
        ),
        pytest.param(
            """
            class Service:
                def fetcher(self):
                    return Fetcher()
            """,
            id="a method, not a property",
        ),
    ],
)
def test_no_finding_when_the_attribute_is_not_known_to_be_the_starter(holder: str) -> None:
    source = f"""{FETCHER}
class Quiet:
    def fetch(self):
        return {{}}
{dedent(holder)}
    async def handle(self):
        return self.fetcher.fetch()
"""
    assert "LOOP201" not in codes(source)


def test_an_async_method_of_the_attribute_is_not_a_starter() -> None:
    source = """
        import asyncio

        class Fetcher:
            async def fetch(self):
                return await download()

        def fetch():
            return asyncio.run(download())

        class Service:
            def __init__(self):
                self.fetcher = Fetcher()

            async def handle(self):
                return await self.fetcher.fetch()
        """
    assert codes(source) == []


def test_an_attribute_of_an_imported_class_is_followed_across_modules(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/fetchers.py": """
                import asyncio

                class Fetcher:
                    def __init__(self):
                        self.loop = asyncio.get_event_loop()

                    def fetch(self):
                        return self.loop.run_until_complete(download())

                class Quiet:
                    def fetch(self):
                        return {}
                """,
            "pkg/service.py": """
                from pkg.fetchers import Fetcher, Quiet

                class Service:
                    def __init__(self, fetcher: Fetcher, quiet: Quiet):
                        self.fetcher = fetcher
                        self.quiet = quiet

                    async def handle(self):
                        self.quiet.fetch()
                        return self.fetcher.fetch()
                """,
        },
    )
    assert project.everywhere() == {"pkg/service.py": [10]}
    assert "(Service.handle → Fetcher.fetch → self.loop.run_until_complete())" in (
        project.only("pkg/service.py").message
    )


def test_the_first_parameter_of_a_static_method_is_not_the_instance() -> None:
    source = f"""{FETCHER}
class Quiet:
    def fetch(self):
        return {{}}

class Service:
    def __init__(self):
        self.fetcher = Fetcher()

    @staticmethod
    async def handle(other):
        return other.fetcher.fetch()
"""
    assert "LOOP201" not in codes(source)
