"""create_task (a choice): start the coroutine as a task and keep a reference to it."""

import ast
import subprocess

from analyzed import RUF006_CHECK, applied, findings, fix_of, kinds, only
from looplint.engine import FixKind


def dangling_task_reports(source: str) -> str:
    """ruff's RUF006 (asyncio-dangling-task) output for ``source``; empty when silent."""
    completed = subprocess.run(
        [
            *RUF006_CHECK,
            "--stdin-filename",
            "fixed.py",
            "-",
        ],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.stdout if completed.returncode else ""


STATEMENT = """
    import asyncio

    async def handler():
        asyncio.run(notify())
        return 1
    """


def test_the_task_is_kept_in_a_module_level_set_until_done() -> None:
    fix = fix_of(only(STATEMENT), FixKind.CREATE_TASK)
    result = applied(STATEMENT, fix)
    assert not fix.safe
    assert "_background_tasks = set()" in result
    assert "    notify_task = asyncio.create_task(notify())\n" in result
    assert "    _background_tasks.add(notify_task)\n" in result
    assert "    notify_task.add_done_callback(_background_tasks.discard)\n" in result
    ast.parse(result)


def test_the_set_is_defined_before_any_function_uses_it() -> None:
    result = applied(STATEMENT, fix_of(only(STATEMENT), FixKind.CREATE_TASK))
    assert result.index("_background_tasks = set()") < result.index("async def handler")


def test_ruff_reports_a_bare_create_task_so_the_check_below_can_fail() -> None:
    bare = "import asyncio\n\nasync def f():\n    asyncio.create_task(g())\n"
    assert "asyncio-dangling-task" in dangling_task_reports(bare)


def test_ruff_finds_no_dangling_task_in_create_task_results() -> None:
    sources = [
        STATEMENT,
        """
        from asyncio import run
        import os

        async def handler(urls):
            for url in urls:
                run(fetch(url))
        """,
        """
        import asyncio as aio

        class Service:
            async def handle(self):
                aio.run(self.notify())  # fire and forget
        """,
    ]
    results = []
    for source in sources:
        fixes = [
            fix for f in findings(source) for fix in f.fixes if fix.kind is FixKind.CREATE_TASK
        ]
        assert fixes, source
        results.extend(applied(source, fix) for fix in fixes)
    for result in results:
        ast.parse(result)
        assert dangling_task_reports(result) == "", result


def test_a_tab_indented_block_keeps_its_tabs() -> None:
    source = "import asyncio\n\nasync def handler(ready):\n\tif ready:\n\t\tasyncio.run(notify())\n"
    result = applied(source, fix_of(only(source), FixKind.CREATE_TASK))
    assert "\t\tnotify_task = asyncio.create_task(notify())\n" in result
    assert "\t\t_background_tasks.add(notify_task)\n" in result
    assert "\t\tnotify_task.add_done_callback(_background_tasks.discard)\n" in result
    ast.parse(result)


def test_a_second_task_in_one_coroutine_gets_a_fresh_name() -> None:
    source = """
        import asyncio

        async def handler():
            notify_task = None
            asyncio.run(notify())
        """
    fix = fix_of(only(source), FixKind.CREATE_TASK)
    assert "notify_task2 = asyncio.create_task(notify())" in applied(source, fix)


def test_an_existing_task_set_is_reused() -> None:
    source = """
        import asyncio

        _background_tasks = set()

        async def handler():
            asyncio.run(notify())
        """
    result = applied(source, fix_of(only(source), FixKind.CREATE_TASK))
    assert result.count("_background_tasks = set()") == 1


def test_no_task_when_the_result_is_used() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.run(load())
        """
    assert FixKind.CREATE_TASK not in kinds(only(source))


def test_no_task_when_the_statement_shares_its_line() -> None:
    source = """
        import asyncio

        async def handler():
            print("go"); asyncio.run(notify())
        """
    assert FixKind.CREATE_TASK not in kinds(only(source))
