"""LOOP201 through the attributes of another module's classes: ``self.service.fetcher.fetch()``
in ``app.py``, where ``service.py`` says what ``fetcher`` is and ``fetchers.py`` that
``Fetcher.fetch`` starts a loop. The project index learns each class's attribute classes and
follows such routes at any depth, through re-exports, and forgets them when an edit changes them.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path
from textwrap import dedent

import pytest
from interpreters import RUNNING
from looplint.engine import FixKind
from looplint.engine.analysis import analyze_module
from looplint.engine.attribute_classes import attribute_classes_in
from looplint.engine.attribute_routes import MAX_ROUTES
from looplint.project.settle import settle
from test_project import FixtureProject, of_kind

ASYNCIO_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"
PROGRAM_SECONDS = 60

FETCHERS = """
    import asyncio

    class Fetcher:
        def fetch(self):
            return asyncio.run(self._get())

        async def _get(self):
            return 1

    class Quiet:
        def fetch(self):
            return 1
    """
SERVICE = """
    from fetchers import Fetcher

    class Service:
        def __init__(self):
            self.fetcher = Fetcher()
    """
APP = """
    import asyncio

    from service import Service

    class App:
        def __init__(self):
            self.service = Service()

        async def handle(self):
            return self.service.fetcher.fetch()

    if __name__ == "__main__":
        print(asyncio.run(App().handle()))
    """
APP_CALL_LINE = 10
SYNC_APP = """
    from service import Service

    class App:
        def __init__(self):
            self.service = Service()

        def run(self):
            return self.service.fetcher.fetch()
    """


def example(tmp_path: Path, **changed: str) -> FixtureProject:
    """The three modules of the example, with some of them replaced (by module name)."""
    texts = {"fetchers": FETCHERS, "service": SERVICE, "app": APP, **changed}
    return FixtureProject(tmp_path, {f"{name}.py": text for name, text in texts.items()})


def test_a_method_of_another_modules_classs_attribute_is_followed(tmp_path: Path) -> None:
    project = example(tmp_path)

    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}
    finding = project.only("app.py")
    assert "(App.handle → Fetcher.fetch → asyncio.run())" in finding.message
    [step] = finding.related
    assert (step.path, step.span.start.line + 1) == (project.path("fetchers.py"), 5)


@pytest.mark.parametrize(
    "service",
    [
        pytest.param(
            """
            from fetchers import Fetcher

            class Service:
                def __init__(self, fetcher: Fetcher):
                    self.fetcher = fetcher
            """,
            id="an annotated parameter stored on self",
        ),
        pytest.param(
            """
            from dataclasses import dataclass, field

            from fetchers import Fetcher

            @dataclass
            class Service:
                fetcher: Fetcher = field(default_factory=Fetcher)
            """,
            id="a dataclass field",
        ),
        pytest.param(
            """
            import fetchers

            class Service:
                fetcher: "fetchers.Fetcher | None" = None

                def connect(self, make):
                    self.fetcher = make()
            """,
            id="a class-level annotation, the class named through its module",
        ),
        pytest.param(
            """
            from fetchers import Fetcher

            class Service:
                @property
                def fetcher(self):
                    return Fetcher()
            """,
            id="a property returning one",
        ),
        pytest.param(
            """
            from fetchers import Fetcher as Backend

            class Service:
                @property
                def fetcher(self) -> Backend:
                    return make_fetcher()
            """,
            id="a property annotated with an alias",
        ),
    ],
)
def test_every_way_a_class_declares_its_attribute_counts(tmp_path: Path, service: str) -> None:
    project = example(tmp_path, service=service)

    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}


@pytest.mark.parametrize(
    "app",
    [
        pytest.param(
            """
            from service import Service

            async def handle(service: Service):
                return service.fetcher.fetch()
            """,
            id="a parameter annotated with the class",
        ),
        pytest.param(
            """
            import service

            async def handle():
                current = service.Service()
                return current.fetcher.fetch()
            """,
            id="an instance made through the module",
        ),
        pytest.param(
            """
            from service import Service

            class Holder:
                def __init__(self):
                    self.service = Service()

            class App:
                holder: Holder

                async def handle(self):
                    return self.holder.service.fetcher.fetch()
            """,
            id="through a class of its own first",
        ),
    ],
)
def test_every_way_the_caller_knows_the_class_counts(tmp_path: Path, app: str) -> None:
    project = example(tmp_path, app=app)

    assert list(project.everywhere()) == ["app.py"]


def test_a_chain_of_attributes_through_three_modules(tmp_path: Path) -> None:
    main = """
        from app import App

        class Server:
            def __init__(self, app: App):
                self.app = app

            async def serve(self):
                return self.app.service.fetcher.fetch()
        """
    project = example(tmp_path, main=main)

    assert project.everywhere() == {"app.py": [APP_CALL_LINE], "main.py": [8]}
    assert "(Server.serve → Fetcher.fetch → asyncio.run())" in project.only("main.py").message


def test_an_attribute_of_a_class_of_the_same_module_is_followed(tmp_path: Path) -> None:
    service = FETCHERS + SERVICE.replace("from fetchers import Fetcher\n", "")
    project = FixtureProject(tmp_path, {"service.py": service, "app.py": APP})

    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}


def test_an_attribute_of_its_own_class_is_followed_to_a_bounded_depth(tmp_path: Path) -> None:
    nodes = """
        import asyncio

        class Node:
            def __init__(self, parent: "Node | None" = None):
                self.parent = parent

            def fetch(self):
                return asyncio.run(work())
        """
    app = """
        from nodes import Node

        async def handle(node: Node):
            node.parent.fetch()
            node.parent.parent.parent.fetch()
            node.parent.parent.parent.parent.parent.parent.parent.parent.parent.fetch()
        """
    project = FixtureProject(tmp_path, {"nodes.py": nodes, "app.py": app})

    assert project.everywhere() == {"app.py": [4, 5]}


def test_a_class_re_exported_by_a_package_is_followed(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "fetchers.py": FETCHERS,
            "pkg/__init__.py": "from .service import Service\n",
            "pkg/service.py": SERVICE,
            "app.py": APP.replace("from service import", "from pkg import"),
        },
    )

    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}


def test_a_sync_method_calling_through_the_route_becomes_a_starter(tmp_path: Path) -> None:
    main = "from app import App\n\nasync def main():\n    App().run()\n"
    project = example(tmp_path, app=SYNC_APP, main=main)

    assert project.everywhere() == {"main.py": [4]}
    assert "(main → App.run → Fetcher.fetch → asyncio.run())" in project.only("main.py").message


@pytest.mark.parametrize(
    "service",
    [
        pytest.param(
            "from fetchers import Quiet\n\nclass Service:\n    def __init__(self):\n"
            "        self.fetcher = Quiet()\n",
            id="another class with a harmless method of the same name",
        ),
        pytest.param(
            "from fetchers import Fetcher, Quiet\n\nclass Service:\n    def __init__(self):\n"
            "        self.fetcher = Fetcher()\n\n    def offline(self):\n"
            "        self.fetcher = Quiet()\n",
            id="assigned two classes",
        ),
        pytest.param(
            "from fetchers import Fetcher\n\nclass Service:\n    def __init__(self, fetcher):\n"
            "        self.fetcher = fetcher\n",
            id="an unannotated parameter",
        ),
    ],
)
def test_no_finding_when_the_attribute_is_not_known_to_be_the_starter(
    tmp_path: Path, service: str
) -> None:
    assert example(tmp_path, service=service).everywhere() == {}


def test_an_async_method_of_the_attributes_class_is_no_finding(tmp_path: Path) -> None:
    fetchers = """
        import asyncio

        class Fetcher:
            async def fetch(self):
                return 1

        def fetch():
            return asyncio.run(Fetcher().fetch())
        """
    app = APP.replace(
        "return self.service.fetcher.fetch()", "return await self.service.fetcher.fetch()"
    )
    project = example(tmp_path, fetchers=fetchers, app=app)

    assert project.everywhere() == {}


def changed(project: FixtureProject, relative: str, text: str) -> frozenset[str]:
    """What a front end does when a module's text changes; what the index says changed."""
    module = project.modules[relative]
    text = dedent(text).lstrip("\n")
    (project.root / relative).write_text(text, encoding="utf-8")
    project.index.forget_text(module.name)
    summary = analyze_module(text, module_name=module.name, summary_only=True)
    found = project.index.add_module(module, summary.starters)
    settle(project.index)
    return found


def test_an_edit_that_changes_the_attributes_class_clears_and_restores_the_finding(
    tmp_path: Path,
) -> None:
    project = example(tmp_path)
    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}

    routes = {"service.Service.fetcher.fetch", "app.App.service.fetcher.fetch"}
    placeholder = SERVICE.replace("self.fetcher = Fetcher()", "self.fetcher = None")
    assert changed(project, "service.py", placeholder) == routes
    assert project.everywhere() == {}

    assert changed(project, "service.py", SERVICE) == routes
    assert project.everywhere() == {"app.py": [APP_CALL_LINE]}


def test_an_edit_of_the_attributes_class_settles_the_starters_through_it(tmp_path: Path) -> None:
    project = example(tmp_path, app=SYNC_APP)
    assert "app.App.run" in project.index

    changed(project, "service.py", SERVICE.replace("Fetcher()", "None"))
    assert "app.App.run" not in project.index

    changed(project, "service.py", SERVICE)
    assert "app.App.run" in project.index


def test_an_edit_that_changes_nothing_other_modules_reach_reports_nothing(tmp_path: Path) -> None:
    project = example(tmp_path)

    closing = SERVICE.rstrip() + "\n\n        def close(self):\n            pass\n"
    assert changed(project, "service.py", closing) == set()


def _run(folder: Path, program: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RUNNING.path, program],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=PROGRAM_SECONDS,
        check=False,
    )


def test_the_original_raises_and_the_make_async_choice_makes_it_run(tmp_path: Path) -> None:
    project = example(tmp_path)
    original = _run(tmp_path, "app.py")
    assert original.returncode == 1
    assert f"\n{ASYNCIO_RUN_ERROR}\n" in original.stderr

    fix = of_kind(project.only("app.py"), FixKind.MAKE_ASYNC)
    assert fix is not None
    assert project.apply(fix, "app.py") == {"app.py", "fetchers.py"}

    fixed = _run(tmp_path, "app.py")
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, "1\n", "")


def test_classes_that_hold_each_other_make_a_bounded_number_of_routes(tmp_path: Path) -> None:
    # As textual 8.0: an app holds screens, screens hold widgets, every one holds the others;
    # the paths between them grow exponentially with the depth followed. They are bounded, and
    # a call one attribute away is still followed.
    names = [f"Part{number}" for number in range(12)]
    attributes = "".join(f"        self.{name.lower()} = {name}()\n" for name in names)
    parts = "import asyncio\n\n" + "".join(
        f"class {name}:\n    def __init__(self):\n{attributes}\n"
        f"    def fetch(self):\n        return asyncio.run(work())\n\n"
        for name in names
    )
    app = (
        "from parts import Part0\n\n\nclass App:\n    def __init__(self):\n"
        "        self.part = Part0()\n\n    async def handle(self):\n"
        "        return self.part.part1.fetch()\n"
    )
    project = FixtureProject(tmp_path, {"parts.py": parts, "app.py": app})

    assert len(project.index._route_table()) <= MAX_ROUTES
    assert [finding.span.start.line for finding in project.loop201("app.py")] == [8]


def edited_with_its_tree(project: FixtureProject, relative: str, text: str) -> frozenset[str]:
    """What the language server does on an edit: the analysis's tree gives the index the
    module's attribute classes, so it need not parse the module again."""
    module = project.modules[relative]
    text = dedent(text).lstrip("\n")
    (project.root / relative).write_text(text, encoding="utf-8")
    project.index.forget_text(module.name)
    classes = attribute_classes_in(ast.parse(text), module.name)
    found = project.index.add_module(module, {}, attribute_classes=classes)
    settle(project.index)
    return found


def test_an_edit_that_declares_the_same_attributes_keeps_every_route(tmp_path: Path) -> None:
    project = example(tmp_path)
    routes = project.index._route_table()

    edit = SERVICE + "\n        def other(self):\n            return 1\n"
    assert edited_with_its_tree(project, "service.py", edit) == (frozenset())
    assert project.index._route_table() is routes
    assert len(project.loop201("app.py")) == 1


def test_an_edit_that_changes_the_attributes_class_through_its_tree_clears_the_finding(
    tmp_path: Path,
) -> None:
    project = example(tmp_path)
    edited_with_its_tree(project, "service.py", SERVICE.replace("Fetcher()", "None"))

    assert project.loop201("app.py") == []


def test_an_edit_of_a_module_naming_no_such_class_keeps_every_route(tmp_path: Path) -> None:
    project = example(tmp_path, other="def helper():\n    return 1\n")
    routes = project.index._route_table()

    changed(project, "other.py", "def helper():\n    return 2\n")
    assert project.index._route_table() is routes

    declaring = """
        from fetchers import Fetcher

        class Holder:
            def __init__(self):
                self.fetcher = Fetcher()
        """
    changed(project, "other.py", declaring)
    assert "other.Holder.fetcher.fetch" in project.index._route_table()
