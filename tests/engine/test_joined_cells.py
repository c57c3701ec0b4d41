"""A notebook's code cells joined into one text (jupyterlab-lsp's virtual document): its top
level runs in the kernel's loop, and IPython magics arrive rewritten as ``get_ipython()``."""

from __future__ import annotations

from looplint.engine import analyze, analyze_joined_cells, fix_joined_cells

# What jupyterlab-lsp 5.3 sent for a notebook of five cells (the second one markdown, blank
# here; `%time`, `!ls` and `%%bash` rewritten; two blank lines between cells).
JOINED = (
    "import asyncio\n"
    "async def main():\n"
    "    return 1\n"
    "\n\n\n\n\n"
    'get_ipython().run_line_magic("time", " x = 1")\n'
    'get_ipython().getoutput("ls")\n'
    "asyncio.run(main())\n"
    "\n\n"
    'get_ipython().run_cell_magic("bash", "", """echo hi""")\n'
    "\n\n"
    "y = asyncio.run(main())\n"
)


def test_a_loop_started_at_the_top_level_of_the_joined_cells_is_a_notebook_finding() -> None:
    findings = analyze_joined_cells(JOINED)

    assert [(f.code, f.span.start.line, f.span.start.column) for f in findings] == [
        ("LOOP301", 10, 0),
        ("LOOP301", 16, 4),
    ]
    assert all(f.cell is None for f in findings)
    assert all(edit.cell is None for f in findings for fix in f.fixes for edit in fix.edits)


def test_the_same_text_as_a_script_starts_no_loop_inside_another() -> None:
    assert analyze(JOINED) == []


def test_the_safe_fixes_await_at_the_top_level_and_keep_the_rewritten_magics() -> None:
    result = fix_joined_cells(JOINED)

    assert result.applied == 2
    assert result.remaining == []
    assert result.source == JOINED.replace("asyncio.run(main())", "await main()")


def test_magics_left_as_written_do_not_hide_the_cells_around_them() -> None:
    joined = "import asyncio\n%load_ext autoreload\n!pip list\n\n\nasyncio.run(asyncio.sleep(0))\n"

    [finding] = analyze_joined_cells(joined)

    assert (finding.code, finding.span.start.line) == ("LOOP301", 5)


def test_code_inside_a_coroutine_is_judged_as_in_any_module() -> None:
    joined = "import asyncio\nasync def main():\n    asyncio.run(other())\n"

    [finding] = analyze_joined_cells(joined)

    assert finding.code == "LOOP101"
