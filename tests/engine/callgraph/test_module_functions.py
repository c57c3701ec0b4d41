"""LOOP201 through a module-level function: a coroutine calls a sync helper that starts a loop.

Only a call that runs while a loop is running is a finding; the helper's own loop start is
correct where no loop runs (a script, a worker thread) and is never reported by itself.
"""

import pytest
from analyzed import codes, flagged_lines, only
from looplint.engine import RULES, RuleSettings, Severity

ASYNCIO_RUN_ERROR = "`RuntimeError: asyncio.run() cannot be called from a running event loop`"


def test_a_coroutine_calling_a_sync_helper_that_runs_a_loop_is_a_warning() -> None:
    source = """
        import asyncio

        def load_settings():
            return asyncio.run(fetch_settings())

        async def handler():
            return load_settings()
        """
    finding = only(source)
    assert finding.code == "LOOP201"
    assert finding.severity is Severity.WARNING
    assert (finding.span.start.line, finding.span.start.column) == (6, 11)
    assert (finding.span.end.line, finding.span.end.column) == (6, 26)
    assert finding.message == (
        "`load_settings()` starts an event loop (handler → load_settings → asyncio.run()),"
        f" which inside a running loop raises {ASYNCIO_RUN_ERROR}"
    )


def test_the_helper_may_be_defined_after_its_caller() -> None:
    source = """
        import asyncio

        async def handler():
            load_settings()

        def load_settings():
            asyncio.run(fetch_settings())
        """
    assert flagged_lines(source) == [(4, "LOOP201")]


def test_run_until_complete_on_a_known_loop_in_the_helper_counts() -> None:
    source = """
        import asyncio

        def load_settings():
            loop = asyncio.new_event_loop()
            return loop.run_until_complete(fetch_settings())

        async def handler():
            return load_settings()
        """
    finding = only(source, "LOOP201")
    assert "(handler → load_settings → loop.run_until_complete())" in finding.message
    assert "Cannot run the event loop while another loop is running" in finding.message


@pytest.mark.parametrize(
    "helper",
    [
        pytest.param(
            "def load_all(ids):\n    return [asyncio.run(fetch(i)) for i in ids]",
            id="a loop start in a list comprehension",
        ),
        pytest.param(
            "def load_all(ids):\n    return {i: load_one(i) for i in ids}",
            id="a starter called in a dict comprehension",
        ),
        pytest.param(
            "def load_all(ids):\n    return sum(load_one(i) for i in ids)",
            id="a starter called in a generator expression",
        ),
    ],
)
def test_a_loop_start_in_a_comprehension_of_the_helper_is_the_helpers(helper: str) -> None:
    source = f"""
import asyncio

def load_one(i):
    return asyncio.run(fetch(i))

{helper}

async def handler(ids):
    return load_all(ids)
"""
    assert flagged_lines(source) == [(10, "LOOP201")]


def test_every_call_of_the_helper_from_loop_context_is_reported() -> None:
    source = """
        import asyncio

        def load_settings():
            return asyncio.run(fetch_settings())

        async def first():
            load_settings()

        async def second():
            load_settings()
        """
    assert flagged_lines(source) == [(7, "LOOP201"), (10, "LOOP201")]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            def load_settings():
                return asyncio.run(fetch_settings())

            def main():
                return load_settings()
            """,
            id="called from sync code only",
        ),
        pytest.param(
            """
            import asyncio

            def load_settings():
                return asyncio.run(fetch_settings())

            load_settings()
            """,
            id="called at module level",
        ),
        pytest.param(
            """
            import asyncio

            def load_settings():
                return asyncio.run(fetch_settings())

            async def handler():
                pass

            if __name__ == "__main__":
                load_settings()
                asyncio.run(handler())
            """,
            id="called from the __main__ block",
        ),
        pytest.param(
            """
            import asyncio

            def load_settings():
                return settings_from_disk()

            async def handler():
                return load_settings()

            if __name__ == "__main__":
                asyncio.run(handler())
            """,
            id="the only loop start is module-level code, which is not a function",
        ),
        pytest.param(
            """
            import asyncio

            async def load_settings():
                return await fetch_settings()

            async def handler():
                return await load_settings()
            """,
            id="the helper is async",
        ),
        pytest.param(
            """
            import asyncio

            async def load_settings():
                return asyncio.run(fetch_settings())

            async def handler():
                return await load_settings()
            """,
            id="an async helper's own start is LOOP101, its callers are not LOOP201",
        ),
        pytest.param(
            """
            def run(coroutine):
                return coroutine

            def load_settings():
                return run(fetch_settings())

            async def handler():
                return load_settings()
            """,
            id="the helper calls a user function named run",
        ),
    ],
)
def test_no_loop201_where_no_loop_is_started_from_loop_context(source: str) -> None:
    assert "LOOP201" not in codes(source)


def test_a_function_of_the_same_name_in_a_class_is_another_function() -> None:
    source = """
        import asyncio

        class Settings:
            def load(self):
                return asyncio.run(fetch_settings())

        def load():
            return {}

        async def handler():
            return load()
        """
    assert codes(source) == []


def test_a_local_function_shadowing_the_helper_is_another_function() -> None:
    source = """
        import asyncio

        def load():
            return asyncio.run(fetch_settings())

        async def handler():
            def load():
                return {}
            return load()
        """
    assert codes(source) == []


def test_disabling_loop201_removes_only_loop201() -> None:
    source = """
        import asyncio

        def load():
            return asyncio.run(fetch_settings())

        async def handler():
            load()
            asyncio.run(fetch_settings())
        """
    settings = RuleSettings(enabled=frozenset(RULES) - {"LOOP201"})
    assert codes(source, settings) == ["LOOP101"]
    assert codes(source) == ["LOOP201", "LOOP101"]
