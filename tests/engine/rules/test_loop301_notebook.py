"""LOOP301: a loop start at the top level of a notebook cell, where the kernel's loop runs."""

import pytest
from looplint.engine import FixKind, Severity, analyze_notebook


def codes_in(cells: list[str | None]) -> list[tuple[int | None, str]]:
    return [(f.cell, f.code) for f in analyze_notebook(cells)]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("asyncio.run(main())", id="asyncio.run"),
        pytest.param("result = asyncio.run(main())", id="assignment"),
        pytest.param(
            "asyncio.get_event_loop().run_until_complete(main())", id="run_until_complete"
        ),
        pytest.param("asyncio.get_event_loop().run_forever()", id="run_forever"),
        pytest.param("for url in urls:\n    asyncio.run(fetch(url))", id="top-level for loop"),
        pytest.param('if __name__ == "__main__":\n    asyncio.run(main())', id="main guard"),
        pytest.param("with open(path) as handle:\n    asyncio.run(parse(handle))", id="with block"),
    ],
)
def test_a_loop_start_at_cell_top_level_is_loop301(cell: str) -> None:
    found = [code for _, code in codes_in(["import asyncio", cell]) if code != "LOOP402"]
    assert found == ["LOOP301"]


def test_the_finding_is_an_error_naming_the_runtime_error() -> None:
    (finding,) = analyze_notebook(["import asyncio\nasyncio.run(main())"])
    assert finding.severity is Severity.ERROR
    assert "asyncio.run() cannot be called from a running event loop" in finding.message


def test_top_level_await_is_the_safe_fix() -> None:
    (finding,) = analyze_notebook(["import asyncio\nresult = asyncio.run(main())"])
    fix = finding.safe_fix
    assert fix is not None and fix.kind is FixKind.AWAIT
    assert [(e.cell, e.new_text) for e in fix.edits] == [(0, "await main()")]


def test_an_async_def_in_a_cell_keeps_its_own_rule() -> None:
    cell = "import asyncio\n\nasync def handler():\n    asyncio.run(work())"
    assert codes_in([cell]) == [(0, "LOOP101")]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("def main():\n    asyncio.run(amain())", id="sync def body"),
        pytest.param("runner = lambda: asyncio.run(amain())", id="lambda body"),
        pytest.param("await main()", id="top-level await"),
        pytest.param("await asyncio.to_thread(asyncio.run, amain())", id="asyncio.run in a thread"),
    ],
)
def test_code_that_does_not_start_a_loop_in_the_cell_is_clean(cell: str) -> None:
    assert codes_in(["import asyncio", cell]) == []


def test_nest_asyncio_in_an_earlier_cell_lowers_the_severity() -> None:
    cells = ["import asyncio\nimport nest_asyncio\nnest_asyncio.apply()", "asyncio.run(main())"]
    found = {f.code: f for f in analyze_notebook(cells)}
    assert found["LOOP301"].severity is Severity.WARNING
    assert found["LOOP401"].cell == 0
