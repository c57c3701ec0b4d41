"""``# noqa`` comments: which findings they silence."""

import time

import pytest
from analyzed import EVERY_RULE, codes


def with_comment(comment: str, call: str = "asyncio.run(h())") -> str:
    return f"import asyncio\n\nasync def handler():\n    {call}  {comment}\n"


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa: LOOP101",
        "# noqa:LOOP101",
        "# NOQA: loop101",
        "# noqa: E501, LOOP101",
        "# noqa: E501 LOOP101",
        "# noqa",
        "# NoQA",
        "# type: ignore  # noqa: LOOP101",
    ],
)
def test_a_matching_noqa_comment_silences_the_finding(comment: str) -> None:
    assert codes(with_comment(comment)) == []


@pytest.mark.parametrize(
    "comment",
    ["# noqa: E501", "# noqa: LOOP102", "# noqa: LOOP1011", "# a comment", "# not noqa"],
)
def test_a_noqa_for_other_codes_keeps_the_finding(comment: str) -> None:
    assert codes(with_comment(comment)) == ["LOOP101"]


def test_noqa_in_a_string_is_not_a_comment() -> None:
    assert codes(with_comment("", call="asyncio.run(h('# noqa'))")) == ["LOOP101"]


def test_noqa_on_another_line_does_not_apply() -> None:
    source = """
        import asyncio

        async def handler():
            # noqa: LOOP101
            asyncio.run(h())
        """
    assert codes(source) == ["LOOP101"]


def test_noqa_silences_only_its_own_line() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())  # noqa: LOOP101
            asyncio.run(b())
        """
    assert codes(source) == ["LOOP101"]


def test_noqa_on_the_first_line_of_a_multi_line_call_applies() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(  # noqa: LOOP101
                h()
            )
        """
    assert codes(source) == []


def test_noqa_silences_one_of_two_findings_on_a_line() -> None:
    source = """
        import asyncio

        async def handler():
            return asyncio.get_event_loop().run_until_complete(h())  # noqa: LOOP102
        """
    assert codes(source, EVERY_RULE) == ["LOOP402"]


def test_noqa_on_a_decorator_line_applies() -> None:
    source = """
        import asyncio

        async def handler():
            @register(asyncio.run(h()))  # noqa: LOOP101
            def callback():
                pass
        """
    assert codes(source) == []


def test_a_statement_with_a_thousand_findings_is_tokenized_once() -> None:
    """It used to be tokenized once per finding: 16 s for this list; now well under a second."""
    calls = ", ".join(["asyncio.run(g())"] * 1000)
    source = f"import asyncio\n\nasync def handler():\n    x = [{calls}]  # noqa: LOOP102\n"
    started = time.monotonic()
    assert codes(source) == ["LOOP101"] * 1000
    assert time.monotonic() - started < 10


def test_noqa_on_a_compound_statements_header() -> None:
    source = """
        import asyncio

        async def handler():
            if asyncio.run(h()):  # noqa: LOOP101
                asyncio.run(h())
        """
    assert codes(source) == ["LOOP101"]
