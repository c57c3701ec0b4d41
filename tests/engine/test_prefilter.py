"""The line prefilter only skips lines that cannot hold a finding: it never changes a result.

The reference is the same analysis with every line a candidate.
"""

from __future__ import annotations

import time

import looplint.engine.analysis
import looplint.engine.prefilter
import pytest
from analyzed import clean
from generated_modules import async_modules, damaged_modules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from looplint.engine import Finding, RuleSettings, analyze
from looplint.engine.detectors import TRIGGER_NAMES
from looplint.engine.prefilter import aliases_of, candidate_lines


def every_line(text: str, *names: object) -> list[int]:
    """The prefilter's answer when it cannot rule out any line (nor any rule's names)."""
    return list(range(1, text.count("\n") + 2))


def unfiltered(source: str, rule_settings: RuleSettings | None = None) -> list[Finding]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(looplint.engine.analysis, "candidate_lines", every_line)
        return analyze(source, rule_settings) if rule_settings else analyze(source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(async_modules(), damaged_modules()))
def test_the_prefilter_never_changes_the_findings(source: str) -> None:
    assert analyze(source) == unfiltered(source)


def narrowed_everywhere(source: str) -> list[Finding]:
    """The analysis with every line narrowed to its mentions, as long lines are."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(looplint.engine.prefilter, "LONG_LINE", 0)
        return analyze(source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(async_modules(), damaged_modules()))
def test_narrowing_lines_to_their_mentions_never_changes_the_findings(source: str) -> None:
    assert narrowed_everywhere(source) == unfiltered(source)


def test_one_long_line_of_statements_is_narrowed_to_its_finding() -> None:
    source = "import asyncio\nasync def main():\n    " + "y=1;" * 300 + "asyncio.run(g()); z=2\n"
    assert [f.code for f in analyze(source)] == ["LOOP101"]
    assert narrowed_everywhere(source) == unfiltered(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio

            start = asyncio.run

            async def handler():
                start(work())
            """,
            id="module-level alias of asyncio.run",
        ),
        pytest.param(
            """
            import asyncio
            from typing import Callable

            launch: Callable = asyncio.run

            async def handler():
                launch(work())
            """,
            id="annotated alias",
        ),
        pytest.param(
            """
            from asyncio import run as go

            async def handler():
                go(work())
            """,
            id="import alias",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                @register(asyncio.run(work()))
                def callback():
                    pass
            """,
            id="decorator above the def line",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                return asyncio.run(
                    work()
                )
            """,
            id="call spanning lines",
        ),
        pytest.param(
            """
            import asyncio

            async def handler():
                return (asyncio
                        .run(work()))
            """,
            id="callee split across lines",
        ),
    ],
)
def test_aliases_and_multi_line_shapes_are_found_as_without_the_prefilter(source: str) -> None:
    text = clean(source)
    assert analyze(text) == unfiltered(text)
    assert analyze(text), "the example is meant to hold a finding"


def test_a_user_declared_starter_is_a_candidate() -> None:
    rule_settings = RuleSettings(extra_loop_starters=frozenset({"tools.block_on"}))
    text = "from tools import block_on\n\nasync def handler():\n    block_on(work())\n"
    assert [f.code for f in analyze(text, rule_settings)] == ["LOOP101"]
    assert analyze(text, rule_settings) == unfiltered(text, rule_settings)


# Runaway inputs: every prefilter pass is linear. The bounds are generous (a few hundred
# milliseconds each here); they only catch a return of the quadratic backtracking.
RUNAWAY_BOUND_SECONDS = 10


def test_a_20000_letter_name_is_read_in_linear_time() -> None:
    text = f"import asyncio\n\nasync def main():\n    asyncio.run({'a' * 20_000}())\n"
    started = time.monotonic()
    assert candidate_lines(text, TRIGGER_NAMES) == [4]
    assert time.monotonic() - started < RUNAWAY_BOUND_SECONDS


def test_a_10_mb_line_of_assignments_is_read_in_linear_time() -> None:
    text = "import asyncio\nasync def main():\n    asyncio.run(g()); " + "y=1;" * 2_500_000
    started = time.monotonic()
    assert candidate_lines(text, TRIGGER_NAMES) == [3]
    assert time.monotonic() - started < RUNAWAY_BOUND_SECONDS


@pytest.mark.parametrize(
    ("line", "alias"),
    [
        ("from asyncio import run as arun", "arun"),
        ("arun = asyncio.run", "arun"),
        ("arun: Callable[..., Any] = asyncio.run", "arun"),
        ("self.starter = partial(asyncio.run, main())", "starter"),
        ("x = 1; arun = run", "arun"),
    ],
)
def test_aliases_are_found(line: str, alias: str) -> None:
    assert alias in aliases_of(line, ["run"])


def test_a_comparison_is_no_alias() -> None:
    assert aliases_of("if x == run: pass", ["run"]) == set()


def test_a_line_that_is_only_a_comment_is_no_candidate() -> None:
    text = "import asyncio\n# asyncio.run(main()) would fail here\nasyncio.run(main())  # run\n"
    assert candidate_lines(text, frozenset({"run"})) == [3]
    assert candidate_lines("    # run()\n", frozenset({"run"})) == []


def test_a_name_in_fullwidth_letters_is_the_name_python_reads() -> None:
    text = "import asyncio\n\nasync def f():\n    asyncio.\uff52\uff55\uff4e(g())\n"
    assert candidate_lines(text, frozenset({"run"})) == [4]
