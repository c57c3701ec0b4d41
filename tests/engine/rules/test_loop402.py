"""LOOP402: ``asyncio.get_event_loop()`` inside a coroutine means the running loop.

A style hint, not a failure: it runs only when selected (``select = ["ALL"]``, ``["LOOP402"]``).
"""

import pytest
from analyzed import EVERY_RULE, codes, fixed, only, preferred
from looplint.config import select_rules
from looplint.engine import RuleSettings, Severity


def test_get_event_loop_in_a_coroutine_is_a_hint_fixed_by_get_running_loop() -> None:
    source = """
        import asyncio

        async def handler():
            loop = asyncio.get_event_loop()
            return loop
        """
    finding = only(source, settings=EVERY_RULE)
    assert (finding.code, finding.severity) == ("LOOP402", Severity.HINT)
    assert "loop = asyncio.get_running_loop()" in preferred(source, EVERY_RULE)


def test_the_module_alias_is_kept() -> None:
    source = """
        import asyncio as aio

        async def handler():
            return aio.get_event_loop()
        """
    assert "return aio.get_running_loop()" in preferred(source, EVERY_RULE)


def test_a_bare_imported_name_is_replaced_and_asyncio_imported() -> None:
    source = """
        from asyncio import get_event_loop

        async def handler():
            return get_event_loop()
        """
    assert fixed(source, EVERY_RULE) == (
        "import asyncio\n"
        "from asyncio import get_event_loop\n"
        "\n"
        "async def handler():\n"
        "    return asyncio.get_running_loop()\n"
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import asyncio\nloop = asyncio.get_event_loop()\n", id="module level"),
        pytest.param(
            "import asyncio\n\ndef main():\n    return asyncio.get_event_loop()\n", id="sync def"
        ),
        pytest.param(
            "import asyncio\n\nasync def handler():\n    return asyncio.get_running_loop()\n",
            id="get_running_loop",
        ),
        pytest.param(
            "import asyncio\n\nasync def handler():\n"
            "    return asyncio.get_event_loop_policy().get_event_loop()\n",
            id="the policy's method",
        ),
        pytest.param(
            "async def handler(app):\n    return app.get_event_loop()\n",
            id="a method of another object",
        ),
    ],
)
def test_no_hint_outside_a_coroutine_or_for_other_calls(source: str) -> None:
    assert "LOOP402" not in codes(source, EVERY_RULE)


COROUTINE_WITH_GET_EVENT_LOOP = """
    import asyncio

    async def handler():
        return asyncio.get_event_loop()
    """


def test_it_is_not_in_the_default_selection() -> None:
    assert codes(COROUTINE_WITH_GET_EVENT_LOOP) == []


@pytest.mark.parametrize("select", [["ALL"], ["LOOP402"], ["LOOP4"]])
def test_selecting_it_turns_it_on(select: list[str]) -> None:
    settings = RuleSettings(enabled=select_rules(select))
    assert codes(COROUTINE_WITH_GET_EVENT_LOOP, settings) == ["LOOP402"]
