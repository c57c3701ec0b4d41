"""Notebooks: cells are one module, but findings and edits belong to their own cell."""

import pytest
from looplint.engine import Position, analyze_notebook, fix_notebook

IMPORTS = "import asyncio"
START = "asyncio.run(main())"


def test_findings_carry_the_notebook_index_with_markdown_cells_counted() -> None:
    cells = [None, IMPORTS, None, None, f"x = 1\n{START}"]
    (finding,) = analyze_notebook(cells)
    assert finding.cell == 4
    assert finding.span.start == Position(1, 0)


def test_positions_are_relative_to_their_cell() -> None:
    cells = [IMPORTS, "\n\n  # comment\n" + START, "y = 2\nz = 3\n" + START]
    found = [(f.cell, f.span.start.line) for f in analyze_notebook(cells)]
    assert found == [(1, 3), (2, 2)]


def test_edits_name_their_cell() -> None:
    cells = [IMPORTS, None, START]
    (finding,) = analyze_notebook(cells)
    assert {edit.cell for fix in finding.fixes for edit in fix.edits} == {2}


def test_a_name_imported_in_an_earlier_cell_resolves_in_a_later_one() -> None:
    cells = ["import asyncio as aio", "from asyncio import run", "aio.run(main())\nrun(main())"]
    assert [f.code for f in analyze_notebook(cells)] == ["LOOP301", "LOOP301"]


def test_a_name_not_imported_anywhere_is_not_flagged() -> None:
    assert analyze_notebook(["run(main())"]) == []


@pytest.mark.parametrize(
    "magic",
    [
        "%matplotlib inline",
        "!pip install aiohttp",
        "files = !ls",
        "%load_ext autoreload",
        "df?",
        "asyncio.run??",
    ],
)
def test_ipython_lines_do_not_hide_findings_in_the_cell(magic: str) -> None:
    cells = [IMPORTS, f"{magic}\n{START}"]
    (finding,) = analyze_notebook(cells)
    assert (finding.cell, finding.span.start.line) == (1, 1)


def test_a_magic_inside_a_block_does_not_hide_findings() -> None:
    cells = [IMPORTS, f"for name in names:\n    !echo {{name}}\n    {START}"]
    (finding,) = analyze_notebook(cells)
    assert (finding.cell, finding.span.start.line) == (1, 2)


def test_a_non_python_cell_magic_is_skipped() -> None:
    cells = [IMPORTS, "%%bash\nasyncio.run(main())\necho done"]
    assert analyze_notebook(cells) == []


def test_a_python_cell_magic_body_is_analyzed() -> None:
    cells = [IMPORTS, f"%%time\n{START}"]
    (finding,) = analyze_notebook(cells)
    assert (finding.cell, finding.span.start.line) == (1, 1)


def test_a_broken_cell_does_not_hide_the_next_cell() -> None:
    cells = [IMPORTS, "def broken(:\n    pass", START]
    assert [f.cell for f in analyze_notebook(cells)] == [2]


def test_a_notebook_without_code_cells_has_no_findings() -> None:
    assert analyze_notebook([None, None]) == []
    assert analyze_notebook([]) == []


def test_fix_notebook_edits_only_the_flagged_cells() -> None:
    untouched = "# setup\nvalue = compute()  # keep this\n"
    cells = [
        IMPORTS,
        None,
        untouched,
        f"print(1)\nresult = {START}\n",
        "async def main():\n    pass",
    ]
    result = fix_notebook(cells)
    assert result.cells == [
        IMPORTS,
        None,
        untouched,
        "print(1)\nresult = await main()\n",
        "async def main():\n    pass",
    ]
    assert result.applied == 1
    assert result.remaining == []


def test_fix_notebook_is_idempotent() -> None:
    cells = [IMPORTS, START, f"for url in urls:\n    {START}"]
    once = fix_notebook(cells)
    twice = fix_notebook(once.cells)
    assert twice.cells == once.cells
    assert twice.applied == 0


def test_fix_notebook_keeps_magics() -> None:
    cells = [IMPORTS, f"%load_ext autoreload\n!ls\n{START}"]
    assert fix_notebook(cells).cells[1] == "%load_ext autoreload\n!ls\nawait main()"


def test_a_crlf_cell_with_non_ascii_text_is_fixed_in_place() -> None:
    cells = ["import asyncio\r\n", 's = "héllo🙂"; asyncio.run(main())\r\nx = 1\r\n']
    (finding,) = analyze_notebook(cells)
    assert (finding.cell, finding.span.start) == (1, Position(0, len('s = "héllo🙂"; ')))
    assert fix_notebook(cells).cells == [
        "import asyncio\r\n",
        's = "héllo🙂"; await main()\r\nx = 1\r\n',
    ]


def test_top_level_await_in_a_cell_does_not_hide_a_start_after_it() -> None:
    cells = [IMPORTS, "async def f():\n    pass\nawait f()\nasyncio.run(f())"]
    assert [(f.cell, f.span.start.line) for f in analyze_notebook(cells)] == [(1, 3)]


def test_a_call_chain_step_in_another_cell_names_that_cell() -> None:
    cells = [
        "import asyncio\n\nasync def fetch():\n    return 1\n\n"
        "def load():\n    return asyncio.run(fetch())",
        None,
        "async def handler():\n    load()",
    ]
    (finding,) = analyze_notebook(cells)
    (step,) = finding.related
    assert (finding.code, finding.cell) == ("LOOP201", 2)
    assert (step.cell, step.span.start.line, step.path) == (0, 6, None)
