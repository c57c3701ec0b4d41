"""Fixes that spell ``asyncio.`` reuse the module's alias or add ``import asyncio`` in place."""

from analyzed import EVERY_RULE, clean, findings, fix_of, fixed, only
from looplint.engine import FixKind, apply_edits


def gather_result(source: str) -> str:
    fix = fix_of(findings(source)[0], FixKind.GATHER)
    return apply_edits(clean(source), fix.edits)


def test_an_existing_alias_is_reused() -> None:
    source = """
        import asyncio as aio

        async def handler():
            aio.run(a())
            aio.run(b())
        """
    result = gather_result(source)
    assert "await aio.gather(a(), b())" in result
    assert "import asyncio\n" not in result


def test_import_asyncio_is_added_before_the_first_import() -> None:
    source = """
        import os
        from asyncio import run

        async def handler():
            run(a())
            run(b())
        """
    assert gather_result(source).startswith("import asyncio\nimport os\nfrom asyncio import run\n")


def test_import_asyncio_goes_after_the_docstring_and_future_imports() -> None:
    source = '''
        """The module."""
        from __future__ import annotations

        from asyncio import run

        async def handler():
            run(a())
            run(b())
        '''
    assert gather_result(source).startswith(
        '"""The module."""\n'
        "from __future__ import annotations\n\n"
        "import asyncio\n"
        "from asyncio import run\n"
    )


def test_an_import_is_added_after_a_module_with_only_a_docstring() -> None:
    source = '''
        """The module."""
        from asyncio import get_event_loop as gel
        async def handler():
            return gel()
        '''
    assert fixed(source, EVERY_RULE).startswith('"""The module."""\nimport asyncio\n')


def test_a_shadowed_asyncio_name_is_not_reused() -> None:
    source = """
        from asyncio import get_event_loop
        import asyncio as aio
        aio = None

        async def handler():
            return get_event_loop()
        """
    fix = fix_of(only(source, settings=EVERY_RULE), FixKind.REPLACE)
    assert "import asyncio\n" in [edit.new_text for edit in fix.edits]


def test_a_local_named_asyncio_is_not_mistaken_for_the_module() -> None:
    source = """
        from asyncio import get_event_loop

        async def handler(asyncio):
            return get_event_loop()
        """
    assert "return asyncio.get_running_loop()" not in fixed(source, EVERY_RULE)
