"""The rules' needs only spare texts that cannot hold a finding: they never change a result.

A rule judges a call only in a text that writes every word of one of its routes (derived from
what the rule declares it needs and from the catalogue); in any other, its trigger names mark no
candidate line, and a text left with none is not parsed. The reference is the same analysis
with every rule's trigger names candidates, in every text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import looplint.engine.analysis
import looplint.engine.prefilter
import pytest
from analyzed import EVERY_RULE
from generated_modules import async_modules, damaged_modules, mixed_rule_modules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from looplint.engine.analysis import analyze_module
from looplint.engine.catalogue import Kind
from looplint.engine.detectors import DETECTORS, TRIGGER_NAMES, possible_trigger_names
from looplint.engine.rule_needs import kind_routes, name_route

ENGINE_TESTS = Path(__file__).parent
# Module names whose own parts complete what the text's names resolve to (relative imports,
# functions a module defines: ``run`` in ``uvloop`` is ``uvloop.run``).
MODULE_NAMES = [
    (None, False),
    ("app.main", False),
    ("asyncio.base_events", False),
    ("uvloop", True),
    ("tornado.web", False),
]


def every_rule_possible(
    text: str, module_name: str | None, mentioned: frozenset[str]
) -> frozenset[str]:
    """The gate's answer when it cannot rule out any rule."""
    return mentioned


def possible(source: str, module_name: str | None = None) -> frozenset[str]:
    """The trigger names that may mark candidate lines of ``source``."""
    mentioned = frozenset(re.findall(r"\w+", source)) & TRIGGER_NAMES
    return possible_trigger_names(source, module_name, mentioned)


def outcome(source: str, module_name: str | None, is_package: bool) -> tuple[object, ...]:
    """What an analysis tells: findings, loop starters, what it could not analyze. Of a text
    Python rejects, only what the rules find: its syntax errors are reported only where a rule
    could fire (LOOP001), as they are of the texts without ``async``."""
    result = analyze_module(source, EVERY_RULE, module_name=module_name, is_package=is_package)
    if not _parses(source):
        return [f for f in result.findings if f.code != "LOOP001"], result.starters
    return result.findings, result.starters, result.skipped


def ungated(source: str, module_name: str | None, is_package: bool) -> tuple[object, ...]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(looplint.engine.analysis, "possible_trigger_names", every_rule_possible)
        return outcome(source, module_name, is_package)


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True


def engine_test_sources() -> Iterator[str]:
    """Every program under ``programs/``, and every snippet of an engine test that may hold
    loop context (a multi-line string with ``async`` or ``nest_asyncio`` in it)."""
    for path in sorted((ENGINE_TESTS / "programs").rglob("*.py")):
        yield path.read_text(encoding="utf-8")
    for path in sorted(ENGINE_TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if "\n" in text and ("async" in text or "nest_asyncio" in text):
                    yield dedent(text).lstrip("\n")


SOURCES = sorted(set(engine_test_sources()))


def test_the_engine_tests_hold_enough_sources_to_compare() -> None:
    assert len(SOURCES) > 500


@pytest.mark.parametrize(("module_name", "is_package"), MODULE_NAMES)
def test_the_gate_never_changes_a_result_of_the_engine_tests_sources(
    module_name: str | None, is_package: bool
) -> None:
    differing = [
        source
        for source in SOURCES
        if outcome(source, module_name, is_package) != ungated(source, module_name, is_package)
    ]
    assert differing == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(mixed_rule_modules(), async_modules(), damaged_modules()),
    st.sampled_from(MODULE_NAMES),
)
def test_the_gate_never_changes_a_result(source: str, module: tuple[str | None, bool]) -> None:
    assert outcome(source, *module) == ungated(source, *module)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mixed_rule_modules(), async_modules()), st.sampled_from(MODULE_NAMES))
def test_the_gate_never_changes_a_result_of_lines_narrowed_to_their_mentions(
    source: str, module: tuple[str | None, bool]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(looplint.engine.prefilter, "LONG_LINE", 0)
        assert outcome(source, *module) == ungated(source, *module)


def test_a_text_naming_no_loop_is_not_parsed_for_close_or_result() -> None:
    source = "async def main(conn, job):\n    conn.close()\n    job.result()\n"
    assert possible(source) & {"close", "result"} == frozenset()


@pytest.mark.parametrize(
    "source",
    [
        "from asyncio import get_running_loop as grl\nloop = grl()\n",
        "import asyncio as aio\nloop = aio.get_running_loop()\n",
        "from asyncio import *\nloop = get_running_loop()\n",
        "from asyncio import events\nloop = events.get_running_loop()\n",
    ],
)
def test_closing_the_running_loop_is_possible_however_its_maker_is_imported(source: str) -> None:
    assert "close" in possible(f"{source}loop.close()\n")


def test_a_module_s_own_name_completes_its_relative_imports() -> None:
    source = "from .events import get_running_loop\nget_running_loop().close()\n"
    assert "close" not in possible(source, "app.base_events")
    assert "close" in possible(source, "asyncio.base_events")


def test_names_are_read_as_the_parser_reads_them() -> None:
    fullwidth_asyncio = "\uff41\uff53\uff59\uff4e\uff43\uff49\uff4f"
    source = f"import {fullwidth_asyncio} as aio\nasync def f():\n    aio.run(g())\n"
    assert outcome(source, None, False) == ungated(source, None, False)
    assert [f.code for f in outcome(source, None, False)[0]] == ["LOOP101"]


def test_every_rule_that_judges_calls_declares_what_it_needs() -> None:
    for detector in DETECTORS:
        assert detector.NEEDS.names or detector.NEEDS.methods or detector.NEEDS.kind_methods


def test_a_qualified_name_is_written_with_its_first_and_last_parts() -> None:
    assert name_route("asyncio.events.get_running_loop") == {"asyncio", "get_running_loop"}
    assert name_route("tornado.ioloop.IOLoop.current") == {"tornado", "current"}


def test_the_running_loop_is_known_from_a_policy_too() -> None:
    routes = kind_routes(Kind.CURRENT_LOOP)
    assert {"asyncio", "get_running_loop"} in routes
    assert {"asyncio", "get_event_loop_policy", "get_event_loop"} in routes


def test_any_loop_is_also_a_mix_of_loops_of_other_kinds() -> None:
    routes = kind_routes(Kind.ANY_LOOP)
    assert {"asyncio", "AbstractEventLoop"} in routes
    assert {"asyncio", "new_event_loop"} in routes
    assert {"asyncio", "get_running_loop"} in routes


def test_a_kind_made_by_a_method_of_its_own_kind_is_derived_once() -> None:
    assert {"tornado", "current"} in kind_routes(Kind.TORNADO_IOLOOP)
