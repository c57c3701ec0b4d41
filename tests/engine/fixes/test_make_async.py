"""The "make the helper async and await it" choice of LOOP201: offered with its edits in every
file of the project, and only when every reference to the helper can await it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from looplint.engine import FixKind
from project_files import CLIENT, HELPERS, FixtureProject, of_kind

ALL_ASYNC_CALLERS = {
    "pkg/__init__.py": "",
    "pkg/helpers.py": HELPERS,
    "pkg/views.py": """
        from .helpers import load_config

        async def view():
            return load_config("view")

        async def other_view():
            config = load_config("other")
            return config
        """,
    "pkg/jobs.py": """
        import pkg.helpers as helpers

        async def job():
            print(helpers.load_config("job"))
        """,
}


def test_make_async_is_offered_with_edits_in_every_file(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, ALL_ASYNC_CALLERS)
    fix = of_kind(project.loop201("pkg/views.py")[0], FixKind.MAKE_ASYNC)
    assert fix is not None
    assert not fix.safe
    assert fix.unsafe  # what `looplint check --fix --unsafe-fixes` applies
    assert fix.title == "Make `load_config` async and await it (3 call sites)"
    edited = {edit.path for edit in fix.edits}
    assert edited == {project.path(r) for r in ("pkg/helpers.py", "pkg/views.py", "pkg/jobs.py")}
    assert of_kind(project.only("pkg/jobs.py"), FixKind.MAKE_ASYNC) == fix


def test_applying_make_async_leaves_parseable_files_and_no_loop201(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, ALL_ASYNC_CALLERS)
    fix = of_kind(project.loop201("pkg/views.py")[0], FixKind.MAKE_ASYNC)
    assert fix is not None
    changed = project.apply(fix, "pkg/views.py")
    assert changed == {"pkg/helpers.py", "pkg/views.py", "pkg/jobs.py"}
    for relative in changed:
        ast.parse(project.text(relative), relative)
    assert "async def load_config(name):" in project.text("pkg/helpers.py")
    assert "return await fetch_config(name)" in project.text("pkg/helpers.py")
    assert 'print(await helpers.load_config("job"))' in project.text("pkg/jobs.py")
    rebuilt = FixtureProject(tmp_path)
    assert rebuilt.everywhere() == {}
    assert [f.code for r in rebuilt.modules for f in rebuilt.findings(r)] == []


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(
            {
                "cli.py": "from pkg.helpers import load_config\n\n"
                "def main():\n    load_config('x')\n"
            },
            id="a sync caller",
        ),
        pytest.param(
            {
                "threads.py": "import asyncio\nfrom pkg.helpers import load_config\n\n"
                "async def off_loop():\n    return await asyncio.to_thread(load_config, 'x')\n"
            },
            id="passed to asyncio.to_thread",
        ),
        pytest.param(
            {"registry.py": "from pkg.helpers import load_config\n\nLOADERS = [load_config]\n"},
            id="stored as a value",
        ),
        pytest.param(
            {
                "lazy.py": "from pkg.helpers import load_config\n\n"
                "async def f(names):\n    return list(load_config(n) for n in names)\n"
            },
            id="called in a generator expression",
        ),
    ],
)
def test_make_async_is_not_offered_unless_every_reference_can_await(
    tmp_path: Path, extra: dict[str, str]
) -> None:
    project = FixtureProject(tmp_path, {**ALL_ASYNC_CALLERS, **extra})
    for finding in project.loop201("pkg/views.py"):
        assert of_kind(finding, FixKind.MAKE_ASYNC) is None


def test_make_async_of_a_method_is_not_offered_when_an_unknown_receiver_may_call_it(
    tmp_path: Path,
) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "clients.py": CLIENT,
            "app.py": """
                from clients import Client

                async def handler():
                    client = Client()
                    return client.load()
                """,
            "reports.py": "def report(client):\n    return client.load()\n",
        },
    )
    assert of_kind(project.only("app.py"), FixKind.MAKE_ASYNC) is None
