"""Fix titles fit an editor's quick-fix menu: one short line, the code in them cut to a glance."""

from __future__ import annotations

from pathlib import Path

import pytest
from analyzed import findings
from looplint.engine import analyze

REPO = Path(__file__).resolve().parents[3]
PROGRAMS = sorted(
    [*(REPO / "examples").glob("*.py"), *(REPO / "tests" / "engine" / "programs").glob("*.py")]
)
LONGEST_TITLE = 72
LONG = "a_rather_long_name_for_what_it_does"
LONG_NAMES = f"""
    import asyncio
    import trio
    from discord import Client


    def {LONG}_in_sync_code(first_argument, second_argument):
        return asyncio.run({LONG}(first_argument, second_argument))


    def settings_loader_with_a_long_name():
        loop = asyncio.new_event_loop()
        return loop.run_until_complete({LONG}(1, 2))


    async def {LONG}(first_argument, second_argument):
        return first_argument


    async def main(client: Client):
        asyncio.run({LONG}({LONG}_argument_one, {LONG}_argument_two))
        asyncio.run({LONG}(1, 2), debug=True)
        value = {LONG}_in_sync_code(object_with_long_name.attribute, {LONG}_argument)
        settings_loader_with_a_long_name()
        trio.run({LONG}, {LONG}_argument_one, {LONG}_argument_two)
        client.run({LONG}_token_value_from_the_environment_variables)
        for item in {LONG}_items:
            asyncio.run({LONG}(item, {LONG}_argument_two))
"""


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda path: path.name)
def test_every_title_of_a_program_is_one_short_line(program: Path) -> None:
    titles = [fix.title for f in analyze(program.read_text(encoding="utf-8")) for fix in f.fixes]
    assert [title for title in titles if len(title) > LONGEST_TITLE or "\n" in title] == []


def test_long_names_and_arguments_are_cut_in_titles() -> None:
    titles = [fix.title for finding in findings(LONG_NAMES) for fix in finding.fixes]

    assert len(titles) > 10
    assert [title for title in titles if len(title) > LONGEST_TITLE] == []
    assert any("…" in title for title in titles)


def test_a_worker_thread_choice_names_the_function_it_runs_there() -> None:
    titles = [fix.title for finding in findings(LONG_NAMES) for fix in finding.fixes]

    assert "Run `settings_loader_with_a_long_name` in a worker thread" in titles
