"""LOOP101: ``asyncio.run()`` (and ``uvloop.run``, ``Runner.run``) inside a running loop.

A finding exists exactly when the call really is ``asyncio.run``: every import spelling
counts, and anything that shadows the name means it is not.
"""

import os
import subprocess
from pathlib import Path

import pytest
from analyzed import codes, findings, fix_of, kinds, only
from interpreters import INTERPRETERS, Interpreter
from looplint.engine import RULES, FixKind, RuleSettings, Severity

# Every way a module can spell asyncio.run: (imports, callee).
IMPORT_STYLES = [
    ("import asyncio", "asyncio.run"),
    ("import asyncio as aio", "aio.run"),
    ("from asyncio import run", "run"),
    ("from asyncio import run as arun", "arun"),
    ("import asyncio.runners", "asyncio.runners.run"),
    ("import asyncio", "asyncio.runners.run"),
    ("from asyncio import runners", "runners.run"),
    ("from asyncio.runners import run", "run"),
    ("from asyncio import *", "run"),
    ("import uvloop", "uvloop.run"),
]


@pytest.mark.parametrize(("imports", "callee"), IMPORT_STYLES)
def test_every_import_style_is_flagged_in_an_async_def(imports: str, callee: str) -> None:
    source = f"""
        {imports}

        async def handler():
            return {callee}(fetch())
        """
    assert codes(source) == ["LOOP101"]


@pytest.mark.parametrize(("imports", "callee"), IMPORT_STYLES)
def test_every_import_style_is_clean_in_a_sync_def(imports: str, callee: str) -> None:
    source = f"""
        {imports}

        def main():
            return {callee}(fetch())
        """
    assert codes(source) == []


def test_an_import_inside_the_coroutine_is_followed() -> None:
    source = """
        async def handler():
            import asyncio as aio
            return aio.run(fetch())
        """
    assert codes(source) == ["LOOP101"]


def test_the_import_of_an_enclosing_function_is_followed() -> None:
    source = """
        def outer():
            from asyncio import run

            async def handler():
                return run(fetch())

            return handler
        """
    assert codes(source) == ["LOOP101"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def handler(asyncio):
                asyncio.run(fetch())
            """,
            id="parameter named asyncio",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                asyncio = FakeAsyncio()
                asyncio.run(fetch())
            """,
            id="local named asyncio",
        ),
        pytest.param(
            """
            asyncio = FakeAsyncio()

            async def handler():
                asyncio.run(fetch())
            """,
            id="global named asyncio, never imported",
        ),
        pytest.param(
            """
            asyncio = None

            async def handler():
                asyncio.run(fetch())
            """,
            id="asyncio = None and no import",
        ),
        pytest.param(
            """
            from asyncio import run

            async def handler(run):
                run(fetch())
            """,
            id="parameter named run",
        ),
        pytest.param(
            """
            from asyncio import run

            async def handler():
                run = make_runner()
                run(fetch())
            """,
            id="local named run",
        ),
        pytest.param(
            """
            def run(job):
                return job.execute()

            async def handler():
                run(fetch())
            """,
            id="the module's own def run",
        ),
        pytest.param(
            """
            from tasks import run

            async def handler():
                run(fetch())
            """,
            id="run imported from another module",
        ),
        pytest.param(
            """
            from asyncio import run

            def run(job):
                return job.execute()

            async def handler():
                run(fetch())
            """,
            id="asyncio's run redefined by the module",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(runners):
                for run in runners:
                    run(fetch())
            """,
            id="loop variable named run",
        ),
        pytest.param(
            """
            from asyncio import run

            async def handler(runners):
                return [run(fetch()) for run in runners]
            """,
            id="comprehension variable named run",
        ),
        pytest.param(
            """
            import asyncio

            def install_fake():
                global asyncio
                asyncio = FakeAsyncio()

            async def handler():
                asyncio.run(fetch())
            """,
            id="module asyncio rebound through a global statement",
        ),
        pytest.param(
            """
            import compat.fake_asyncio as asyncio

            async def handler():
                asyncio.run(fetch())
            """,
            id="another module imported as asyncio",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                if (asyncio := factory()):
                    asyncio.run(fetch())
            """,
            id="asyncio rebound by the walrus operator",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(items):
                found = [x for x in items if (asyncio := x)]
                asyncio.run(fetch())
            """,
            id="walrus in a comprehension binds in the enclosing function",
        ),
        pytest.param(
            """
            import asyncio

            async def handler(value):
                match value:
                    case {"loop": asyncio}:
                        asyncio.run(fetch())
            """,
            id="match capture named asyncio",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                with make() as asyncio:
                    asyncio.run(fetch())
            """,
            id="with target named asyncio",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                try:
                    pass
                except Failure as asyncio:
                    asyncio.run(fetch())
            """,
            id="except target named asyncio",
        ),
        pytest.param(
            """
            from asyncio import run

            async def handler():
                from tasks import run
                run(fetch())
            """,
            id="import inside the coroutine",
        ),
        pytest.param(
            """
            async def handler():
                import asyncio

                def swap():
                    nonlocal asyncio
                    asyncio = factory()

                swap()
                asyncio.run(fetch())
            """,
            id="rebound by a nested function through nonlocal",
        ),
        pytest.param(
            """
            async def handler(app):
                app.run(fetch())
                app.asyncio.run(fetch())
            """,
            id="run methods of other objects",
        ),
    ],
)
def test_a_name_that_does_not_mean_asyncio_run_is_not_flagged(source: str) -> None:
    assert codes(source) == []


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            async def handler():
                check = lambda: (asyncio := 1)
                asyncio.run(fetch())
            """,
            id="walrus in a lambda binds in the lambda",
        ),
        pytest.param(
            """
            async def handler():
                import asyncio

                def swap():
                    nonlocal other
                    other = factory()

                asyncio.run(fetch())
            """,
            id="nonlocal of another name",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                def swap():
                    asyncio = factory()

                asyncio.run(fetch())
            """,
            id="a nested function's own local",
        ),
    ],
)
def test_a_store_elsewhere_does_not_shadow_asyncio(source: str) -> None:
    assert codes(source) == ["LOOP101"]


def test_an_optional_import_with_a_none_fallback_still_means_asyncio() -> None:
    source = """
        try:
            import uvloop
        except ImportError:
            uvloop = None

        async def handler():
            uvloop.run(fetch())
        """
    assert codes(source) == ["LOOP101"]


def test_a_class_attribute_does_not_shadow_the_module_for_its_methods() -> None:
    source = """
        import asyncio

        class Service:
            asyncio = None

            async def handle(self):
                asyncio.run(self.fetch())
        """
    assert codes(source) == ["LOOP101"]


def test_runner_run_is_flagged() -> None:
    source = """
        import asyncio

        async def handler():
            runner = asyncio.Runner()
            runner.run(fetch())
        """
    finding = only(source)
    assert finding.code == "LOOP101"
    assert "Runner.run() cannot be called from a running event loop" in finding.message


def test_runner_as_a_context_manager_is_one_finding_naming_both_errors() -> None:
    source = """
        import asyncio

        async def handler():
            with asyncio.Runner() as runner:
                runner.run(fetch())
                runner.run(fetch())
        """
    finding = only(source)
    assert (finding.code, finding.span.start.line) == ("LOOP101", 3)
    assert "Runner.run() cannot be called from a running event loop" in finding.message
    assert "Cannot run the event loop while another loop is running" in finding.message


def test_run_of_a_runner_parameter_annotated_as_runner_is_flagged() -> None:
    source = """
        import asyncio

        async def handler(runner: asyncio.Runner):
            runner.run(fetch())
        """
    assert codes(source) == ["LOOP101"]


def test_the_message_names_the_runtime_error() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(fetch())
        """
    assert "RuntimeError: asyncio.run() cannot be called from a running event loop" in (
        only(source).message
    )


def test_the_finding_is_an_error_spanning_the_call() -> None:
    source = """
        import asyncio

        async def handler():
            result = asyncio.run(fetch(1))
        """
    finding = only(source)
    assert finding.severity is Severity.ERROR
    assert (finding.span.start.line, finding.span.start.column) == (3, 13)
    assert (finding.span.end.line, finding.span.end.column) == (3, 34)


def test_a_coroutine_call_gets_a_safe_await_fix() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(fetch())
        """
    fix = only(source).safe_fix
    assert fix is not None
    assert fix.kind is FixKind.AWAIT
    assert [edit.new_text for edit in fix.edits] == ["await fetch()"]


@pytest.mark.parametrize("option", ["debug=True", "loop_factory=uvloop.new_event_loop"])
def test_keyword_arguments_make_the_await_fix_a_choice(option: str) -> None:
    source = f"""
        import asyncio

        async def handler():
            asyncio.run(fetch(), {option})
        """
    finding = only(source)
    await_fix = fix_of(finding, FixKind.AWAIT)
    assert finding.safe_fix is None
    assert not await_fix.safe
    assert option.split("=")[0] + "=" in await_fix.title


def test_a_coroutine_that_is_not_a_call_gets_no_safe_fix() -> None:
    source = """
        import asyncio

        async def handler(coroutine):
            asyncio.run(coroutine)
        """
    assert only(source).safe_fix is None


def test_a_user_declared_starter_is_flagged_with_its_own_name() -> None:
    settings = RuleSettings(extra_loop_starters=frozenset({"myproj.sync.run_sync"}))
    source = """
        from myproj.sync import run_sync

        async def handler():
            run_sync(fetch())

        def main():
            run_sync(fetch())
        """
    found = findings(source, settings)
    assert [f.code for f in found] == ["LOOP101"]
    assert "run_sync" in found[0].message
    assert found[0].safe_fix is None


def test_every_finding_offers_to_disable_the_rule_for_its_line() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(fetch())
        """
    assert FixKind.NOQA in kinds(only(source))


def test_a_disabled_rule_is_not_reported() -> None:
    settings = RuleSettings(enabled=frozenset(RULES) - {"LOOP101"})
    source = """
        import asyncio

        async def handler():
            asyncio.run(fetch())
        """
    assert codes(source, settings) == []


def test_a_configured_severity_replaces_the_default() -> None:
    settings = RuleSettings(severities={"LOOP101": Severity.WARNING})
    source = """
        import asyncio

        async def handler():
            asyncio.run(fetch())
        """
    assert [f.severity for f in findings(source, settings)] == [Severity.WARNING]


def test_a_realistic_handler_is_flagged_once_per_nested_start() -> None:
    source = '''
        """Fetch pages concurrently, the wrong way."""

        import asyncio
        import logging

        import aiohttp

        log = logging.getLogger(__name__)


        async def fetch(session: aiohttp.ClientSession, url: str) -> str:
            async with session.get(url) as response:
                return await response.text()


        async def crawl(urls: list[str]) -> dict[str, str]:
            pages = {}
            async with aiohttp.ClientSession() as session:
                for url in urls:
                    try:
                        pages[url] = asyncio.run(fetch(session, url))
                    except aiohttp.ClientError:
                        log.exception("failed: %s", url)
            return pages


        def main() -> None:
            pages = asyncio.run(crawl(["https://example.org"]))
            print(len(pages))


        if __name__ == "__main__":
            main()
        '''
    finding = only(source)
    assert finding.span.start.line == 20
    assert finding.safe_fix is not None
    assert finding.safe_fix.edits[0].new_text == "await fetch(session, url)"


SERVER = Path(__file__).parents[3] / "server"
NEWER_SYNTAX_PYTHONS = [i for i in INTERPRETERS if i.version >= (3, 12)]


@pytest.mark.parametrize("interpreter", NEWER_SYNTAX_PYTHONS, ids=str)
def test_a_type_alias_statement_shadows_asyncio(interpreter: Interpreter) -> None:
    # `type` statements parse from 3.12: the engine runs under that interpreter to see one.
    source = "import asyncio\ntype asyncio = int\n\nasync def f():\n    asyncio.run(g())\n"
    program = (
        "import sys\nfrom looplint.engine.analysis import analyze\n"
        "print([f.code for f in analyze(sys.stdin.read())])\n"
    )
    completed = subprocess.run(
        [interpreter.path, "-c", program],
        input=source,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SERVER)},
        timeout=60,
        check=True,
    )
    assert completed.stdout == "[]\n"
