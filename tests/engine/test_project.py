"""LOOP201 across modules: the project index follows imports, re-exports and call chains between
files.

Each test writes a small project to a temporary folder and builds the index the way the front
ends do (``project_files``); findings then come from ``analyze(..., project=index)``.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from looplint.engine import FixKind, analyze, fix_source
from looplint.engine.analysis import analyze_module
from looplint.engine.callgraph import CALLBACK_REGISTRATIONS
from looplint.engine.incremental import IncrementalAnalysis, Reuse
from looplint.engine.project import runs_on_a_loop
from looplint.project.settle import settle
from project_files import ASYNCIO_RUN_ERROR, CLIENT, HELPERS, FixtureProject, of_kind

# Imports


@pytest.mark.parametrize(
    ("imports", "call"),
    [
        ("from pkg.helpers import load_config", "load_config"),
        ("import pkg.helpers", "pkg.helpers.load_config"),
        ("import pkg.helpers as h", "h.load_config"),
        ("from pkg import helpers", "helpers.load_config"),
        ("from . import helpers", "helpers.load_config"),
        ("from .helpers import load_config as load", "load"),
    ],
)
def test_a_call_into_another_module_is_followed(tmp_path: Path, imports: str, call: str) -> None:
    caller = f"{imports}\n\nasync def handler():\n    return {call}('app')\n"
    project = FixtureProject(
        tmp_path, {"pkg/__init__.py": "", "pkg/helpers.py": HELPERS, "pkg/app.py": caller}
    )
    finding = project.only("pkg/app.py")
    assert finding.message == (
        "`load_config()` starts an event loop (handler → load_config → asyncio.run()),"
        f" which inside a running loop raises {ASYNCIO_RUN_ERROR}"
    )
    assert finding.span.start.line == 3


def test_related_locations_point_into_the_other_file(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/helpers.py": HELPERS,
            "pkg/app.py": """
                from pkg.helpers import load_config

                async def handler():
                    return load_config("app")
                """,
        },
    )
    [step] = project.only("pkg/app.py").related
    assert step.message == "`load_config` calls `asyncio.run()`"
    assert step.path == project.path("pkg/helpers.py")
    line = project.text("pkg/helpers.py").splitlines()[step.span.start.line]
    assert line[step.span.start.column : step.span.end.column] == "asyncio.run(fetch_config(name))"


def test_parent_relative_imports_of_a_package_and_its_module(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": """
                import asyncio

                def refresh():
                    return asyncio.run(work())
                """,
            "pkg/sub/tasks.py": """
                import asyncio

                def run_all():
                    return asyncio.run(work())
                """,
            "pkg/api/__init__.py": "",
            "pkg/api/views.py": """
                from ..sub import refresh, tasks

                async def view():
                    refresh()
                    tasks.run_all()
                """,
        },
    )
    paths = [finding.related[-1].path for finding in project.loop201("pkg/api/views.py")]
    assert paths == [project.path("pkg/sub/__init__.py"), project.path("pkg/sub/tasks.py")]


# Re-exports


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {"pkg/__init__.py": "from .helpers import load_config\n"}, id="__init__ re-export"
        ),
        pytest.param(
            {
                "pkg/__init__.py": "from .api import load_config\n",
                "pkg/api.py": "from .helpers import load_config\n",
            },
            id="re-export chain",
        ),
        pytest.param(
            {"pkg/__init__.py": "from pkg.helpers import load_config as load_config\n"},
            id="absolute re-export",
        ),
    ],
)
def test_a_re_exported_starter_is_followed(tmp_path: Path, files: dict[str, str]) -> None:
    caller = """
        import pkg
        from pkg import load_config

        async def handler():
            load_config("a")
            pkg.load_config("b")
        """
    project = FixtureProject(tmp_path, {**files, "pkg/helpers.py": HELPERS, "app.py": caller})
    assert project.everywhere() == {"app.py": [5, 6]}
    assert {f.related[-1].path for f in project.loop201("app.py")} == {
        project.path("pkg/helpers.py")
    }


def test_a_starter_re_exported_by_a_plain_module_is_followed(tmp_path: Path) -> None:
    # ``app.handle`` runs ``extra.prepare`` through ``middle``, which only imports it.
    files = {
        "helpers.py": HELPERS,
        "extra.py": "from helpers import load_config\n\ndef prepare():\n    load_config('a')\n",
        "middle.py": "from extra import prepare\n",
        "app.py": "from middle import prepare\n\nasync def handle():\n    prepare()\n",
    }
    project = FixtureProject(tmp_path, files)
    assert project.everywhere() == {"app.py": [4]}
    assert "(handle → prepare → load_config → asyncio.run())" in project.only("app.py").message


# Same names, other functions


def test_a_same_named_function_of_another_module_is_not_followed(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "starts/__init__.py": "",
            "starts/config.py": HELPERS,
            "quiet/__init__.py": "",
            "quiet/config.py": "def load_config(name):\n    return {'name': name}\n",
            "uses_quiet.py": """
                from quiet.config import load_config

                async def handler():
                    return load_config("a")
                """,
            "uses_starts.py": """
                from starts.config import load_config

                async def handler():
                    return load_config("a")
                """,
        },
    )
    assert project.everywhere() == {"uses_starts.py": [4]}


def test_a_same_named_method_of_another_modules_class_is_not_followed(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "clients.py": dedent(CLIENT)
            + dedent("""
                class Quiet:
                    def load(self):
                        return {}
                """),
            "app.py": """
                from clients import Client, Quiet

                async def handler():
                    client = Client()
                    quiet = Quiet()
                    quiet.load()
                    return client.load()
                """,
        },
    )
    assert project.everywhere() == {"app.py": [7]}


@pytest.mark.parametrize(
    "helper",
    [
        pytest.param(
            """
            import asyncio
            import pytest

            @pytest.fixture
            def load_config(name):
                return asyncio.run(fetch_config(name))
            """,
            id="an opaque decorator",
        ),
        pytest.param(
            """
            import asyncio

            def load_config(name):
                yield asyncio.run(fetch_config(name))
            """,
            id="a generator function",
        ),
    ],
)
def test_a_function_whose_call_does_not_run_its_body_is_not_followed(
    tmp_path: Path, helper: str
) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/helpers.py": helper,
            "app.py": """
                from pkg.helpers import load_config

                async def handler():
                    return load_config("a")
                """,
        },
    )
    assert project.everywhere() == {}


def test_an_imported_class_whose_init_starts_a_loop_is_followed(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "clients.py": """
                import asyncio

                class Client:
                    def __init__(self):
                        self.session = asyncio.run(open_session())
                """,
            "app.py": """
                import clients
                from clients import Client

                async def handler():
                    clients.Client()
                    return Client()
                """,
        },
    )
    assert project.everywhere() == {"app.py": [5, 6]}


# Chains and cycles between modules


def test_settle_propagates_a_chain_through_three_modules(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "app.py": "from mid import a\n\nasync def handler():\n    return a()\n",
            "mid.py": "from low import b\n\ndef a():\n    return b()\n",
            "low.py": "from base import c\n\ndef b():\n    return c()\n",
            "base.py": "import asyncio\n\ndef c():\n    return asyncio.run(work())\n",
        },
    )
    assert project.changed == {"mid", "low"}
    assert set(project.index) == {"base.c", "low.b", "mid.a"}
    finding = project.only("app.py")
    assert "(handler → a → b → c → asyncio.run())" in finding.message
    assert [(r.message, r.path, r.span.start.line) for r in finding.related] == [
        ("`a` calls `b()`", project.path("mid.py"), 3),
        ("`b` calls `c()`", project.path("low.py"), 3),
        ("`c` calls `asyncio.run()`", project.path("base.py"), 3),
    ]


def test_a_cycle_between_modules_reaches_the_loop_start(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "ping.py": """
                import pong

                def ping(n):
                    return pong.pong(n)

                async def handler():
                    return ping(3)
                """,
            "pong.py": """
                import asyncio
                import ping

                def pong(n):
                    if n:
                        return ping.ping(n - 1)
                    return asyncio.run(work())
                """,
        },
    )
    assert project.everywhere() == {"ping.py": [7]}
    related = project.only("ping.py").related
    assert [r.path for r in related] == [None, project.path("pong.py")]


def test_a_cycle_between_modules_without_a_loop_start_settles_clean(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "ping.py": """
                import pong

                def ping(n):
                    return pong.pong(n - 1) if n else 0

                async def handler():
                    return ping(3)
                """,
            "pong.py": "import ping\n\ndef pong(n):\n    return ping.ping(n - 1) if n else 1\n",
        },
    )
    assert (project.changed, len(project.index), project.everywhere()) == (set(), 0, {})


def test_without_the_index_only_the_modules_own_calls_are_followed(tmp_path: Path) -> None:
    caller = "from pkg.helpers import load_config\n\nasync def f():\n    load_config('a')\n"
    project = FixtureProject(
        tmp_path, {"pkg/__init__.py": "", "pkg/helpers.py": HELPERS, "pkg/app.py": caller}
    )
    assert analyze(project.text("pkg/app.py"), module_name="pkg.app") == []
    assert project.index.mentions_other_starters(project.modules["pkg/app.py"], caller)
    helpers = project.modules["pkg/helpers.py"]
    assert not project.index.mentions_other_starters(helpers, project.text("pkg/helpers.py"))


def test_an_analysis_tells_whether_it_names_other_modules_starters(tmp_path: Path) -> None:
    """The language server analyzes such a document again when those starters change."""
    caller = "from pkg.helpers import load_config\n\nasync def f():\n    load_config('a')\n"
    project = FixtureProject(
        tmp_path, {"pkg/__init__.py": "", "pkg/helpers.py": HELPERS, "pkg/app.py": caller}
    )
    index = project.index
    helpers = analyze_module(
        project.text("pkg/helpers.py"), module_name="pkg.helpers", project=index
    )
    assert not helpers.names_other_modules_starters
    analysis = IncrementalAnalysis()
    assert analysis.analyze(
        caller, module_name="pkg.app", project=index
    ).names_other_modules_starters
    edited = analysis.analyze(caller.replace("'a'", "'b'"), module_name="pkg.app", project=index)
    assert analysis.reuse is Reuse.OTHER_STATEMENTS
    assert edited.names_other_modules_starters


# Keeping the index up to date

MID = "from helpers import load_config\n\ndef mid():\n    return load_config('a')\n"


def test_removing_the_starters_module_removes_the_finding(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "helpers.py": HELPERS,
            "app.py": "from helpers import load_config\n\nasync def f():\n    load_config('a')\n",
        },
    )
    assert project.everywhere() == {"app.py": [4]}
    project.index.remove_module("helpers")
    assert project.everywhere() == {}
    assert "helpers" not in {key.split(".")[0] for key in project.index}


def _changed_text(project: FixtureProject, relative: str, text: str) -> None:
    """What a front end does when a module's text changes."""
    module = project.modules[relative]
    (project.root / relative).write_text(text, encoding="utf-8")
    project.index.forget_text(module.name)
    starters = analyze_module(text, module_name=module.name, summary_only=True).starters
    project.index.add_module(module, starters)
    settle(project.index)


def test_a_helper_that_stops_starting_a_loop_clears_its_callers(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "helpers.py": HELPERS,
            "mid.py": MID,
            "app.py": "from mid import mid\n\nasync def f():\n    mid()\n",
        },
    )
    assert project.everywhere() == {"app.py": [4]}
    _changed_text(project, "helpers.py", "def load_config(name):\n    return {}\n")
    assert project.everywhere() == {}
    assert len(project.index) == 0


def test_a_helper_that_starts_a_loop_after_an_edit_flags_its_callers(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "helpers.py": "def load_config(name):\n    return {}\n",
            "mid.py": MID,
            "app.py": "from mid import mid\n\nasync def f():\n    mid()\n",
        },
    )
    assert project.everywhere() == {}
    _changed_text(project, "helpers.py", dedent(HELPERS))
    assert project.everywhere() == {"app.py": [4]}
    assert "(f → mid → load_config → asyncio.run())" in project.only("app.py").message


def test_a_new_re_export_is_seen_after_forget_text(tmp_path: Path) -> None:
    project = FixtureProject(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/helpers.py": HELPERS,
            "app.py": "from pkg import load_config\n\nasync def f():\n    load_config('a')\n",
        },
    )
    assert project.everywhere() == {}
    _changed_text(project, "pkg/__init__.py", "from .helpers import load_config\n")
    assert project.everywhere() == {"app.py": [4]}


# The thin-wrapper fix across modules


def test_the_safe_fix_imports_the_wrapped_coroutine(tmp_path: Path) -> None:
    caller = """
        from pkg.helpers import load_config

        async def handler():
            return load_config("app")
        """
    project = FixtureProject(
        tmp_path, {"pkg/__init__.py": "", "pkg/helpers.py": HELPERS, "pkg/app.py": caller}
    )
    module = project.modules["pkg/app.py"]
    result = fix_source(project.text("pkg/app.py"), module_name=module.name, project=project.index)
    assert result.applied == 1
    assert result.source == (
        "from pkg.helpers import fetch_config\n"
        "from pkg.helpers import load_config\n"
        "\n"
        "async def handler():\n"
        '    return await fetch_config("app")\n'
    )
    assert result.remaining == []


def test_the_gather_choice_imports_the_wrapped_coroutine_too(tmp_path: Path) -> None:
    caller = """
        from pkg.helpers import load_config

        async def handler():
            load_config("a")
            load_config("b")
        """
    project = FixtureProject(
        tmp_path, {"pkg/__init__.py": "", "pkg/helpers.py": HELPERS, "pkg/app.py": caller}
    )
    gather = of_kind(project.loop201("pkg/app.py")[0], FixKind.GATHER)
    assert gather is not None
    project.apply(gather, "pkg/app.py")
    fixed = project.text("pkg/app.py")
    assert 'await asyncio.gather(fetch_config("a"), fetch_config("b"))' in fixed
    assert "from pkg.helpers import fetch_config" in fixed


@pytest.mark.parametrize("registration", sorted(CALLBACK_REGISTRATIONS))
def test_a_loop_callback_is_loop_context_for_other_modules_starters(registration: str) -> None:
    assert runs_on_a_loop(f"loop.{registration}(refresh)\n")
    assert not runs_on_a_loop("refresh()\n")
