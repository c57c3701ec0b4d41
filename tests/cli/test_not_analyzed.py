"""Nothing is skipped in silence: what looplint could not analyze is a line on stderr, counted
in the summary; syntax errors are findings of their own (LOOP001) in the files that can hold a
finding, and ``--fix`` writes nothing into a file Python rejects."""

from __future__ import annotations

import sys
import time

from cli_project import STARTS_A_LOOP, Project, notebook

NOT_FULLY_ANALYZED = "1 file not fully analyzed (see the warnings)."
# Over the default limit of 2 MB, with a finding at its start (long comments: quick to parse).
LARGE = STARTS_A_LOOP + ("# " + "x" * 998 + "\n") * 2_400


def test_a_file_over_the_size_limit_is_said_and_counted(project: Project) -> None:
    project.write("large.py", LARGE)
    result = project.run("check", "large.py")
    assert result.status == 0
    assert result.stderr == (
        "looplint: warning: large.py: not analyzed: 2.4 MB is over the size limit of 2 MB "
        "(setting max-file-size-mb / maxFileSizeMb)\n"
    )
    assert result.stdout == f"No problems found. {NOT_FULLY_ANALYZED}\n"


def test_the_size_limit_is_a_flag_and_a_setting(project: Project) -> None:
    project.write("large.py", LARGE)
    assert project.run("check", "--max-file-size-mb", "3", "large.py").status == 1
    project.write("pyproject.toml", "[tool.looplint]\nmax-file-size-mb = 3\n")
    assert project.run("check", "large.py").status == 1
    project.write("small.py", STARTS_A_LOOP)
    result = project.run("check", "--max-file-size-mb", "0.00005", "small.py")
    assert result.status == 0
    assert "small.py: not analyzed: 81 bytes is over the size limit of 50 bytes" in result.stderr


def test_a_bad_size_limit_is_one_line(project: Project) -> None:
    project.write("pyproject.toml", "[tool.looplint]\nmax-file-size-mb = -1\n")
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "app.py")
    assert result.status == 2
    assert result.stderr.endswith(
        "max-file-size-mb: expected a positive number of megabytes, got -1\n"
    )
    assert result.stderr.count("\n") == 1


def test_a_10_mb_line_is_refused_within_seconds(project: Project) -> None:
    project.write(
        "huge.py", "import asyncio\nasync def main():\n    asyncio.run(g()); " + "y=1;" * 2_500_000
    )
    started = time.monotonic()
    result = project.run("check", "huge.py")
    assert time.monotonic() - started < 10
    assert "huge.py: not analyzed: 10 MB is over the size limit of 2 MB" in result.stderr


def test_a_syntax_error_is_a_finding_and_the_rest_is_still_analyzed(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP + "\n\ndef broken(:\n    pass\n")
    result = project.run("check", "app.py")
    assert result.status == 1
    assert [
        line.split(": ")[1].split()[0]
        for line in result.stdout.splitlines()[:-1]
        if not line.startswith("  ")
    ] == ["LOOP101", "LOOP001"]
    assert (
        "app.py:8:12: LOOP001 [error] SyntaxError: invalid syntax: Python rejects this "
        "file; lines 8-9 not analyzed" in result.stdout
    )
    assert result.stderr == ""


def test_a_file_that_cannot_hold_a_finding_is_not_parsed_and_never_written(
    project: Project,
) -> None:
    """No ``async`` (or no call a rule looks at): nothing for looplint there, so its syntax is
    not looplint's to report, and no mode writes into it."""
    broken = "import os\n\n\ndef broken(:\n    pass\n"
    project.write("plain.py", broken)
    for options in ((), ("--fix",), ("--add-noqa",)):
        result = project.run("check", *options, "plain.py")
        assert (result.status, result.stderr) == (0, "")
        assert "LOOP001" not in result.stdout
        assert project.read("plain.py") == broken


def test_ignoring_syntax_errors_still_says_what_was_not_analyzed(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP + "\n\ndef broken(:\n    pass\n")
    result = project.run("check", "--ignore", "LOOP001", "app.py")
    assert result.status == 1
    assert result.stderr == (
        "looplint: warning: app.py: lines 8-9 not analyzed: SyntaxError: invalid syntax\n"
    )
    assert result.stdout.endswith(f"Found 1 problem. {NOT_FULLY_ANALYZED}\n")


def test_fix_writes_nothing_into_a_file_python_rejects(project: Project) -> None:
    broken = STARTS_A_LOOP + "\n\ndef broken(:\n    pass\n"
    project.write("app.py", broken)
    assert "fix (safe)" not in project.run("check", "app.py").stdout
    result = project.run("check", "--fix", "app.py")
    assert result.status == 1
    assert project.read("app.py") == broken
    assert project.run("check", "--diff", "app.py").stdout == ""


def test_more_than_12_syntax_errors_leave_the_file_unanalyzed(project: Project) -> None:
    broken = "".join(f"def broken{n}(:\n    pass\n\n" for n in range(13))
    project.write("app.py", STARTS_A_LOOP + broken)
    result = project.run("check", "app.py")
    assert result.status == 1
    assert result.stdout.count(": LOOP001 [error]") == 13
    assert "LOOP101" not in result.stdout
    assert result.stderr == "looplint: warning: app.py: not analyzed: more than 12 syntax errors\n"


def test_nesting_too_deep_to_walk_is_said(project: Project) -> None:
    deep = "    x = " + "-" * 1000 + "asyncio.run(g())\n"
    project.write("app.py", STARTS_A_LOOP + deep)
    result = project.run("check", "app.py")
    assert result.stderr == (
        "looplint: warning: app.py: lines 4-6 not analyzed: nested too deeply to analyze\n"
    )


def test_syntax_newer_than_the_interpreter_is_said_and_the_rest_analyzed(
    project: Project,
) -> None:
    project.write(
        "app.py", STARTS_A_LOOP + "\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n"
    )
    result = project.run("check", "app.py")
    assert result.status == 1
    assert "LOOP101" in result.stdout
    assert "LOOP001" not in result.stdout
    if sys.version_info >= (3, 12):
        assert result.stderr == ""
    else:
        running = f"{sys.version_info[0]}.{sys.version_info[1]}"
        assert result.stderr == (
            "looplint: warning: app.py: lines 8-9 not analyzed: it uses syntax of Python 3.12 "
            f"(type parameter lists), newer than the Python {running} running looplint; run "
            "looplint under that Python to analyze it\n"
        )


def test_a_notebook_cell_with_a_syntax_error_is_said_by_cell(project: Project) -> None:
    project.write(
        "nb.ipynb",
        notebook(
            ("markdown", "# Title"),
            ("code", "def f(:\n    pass"),
            ("code", "import asyncio\nasyncio.run(main())"),
        ),
    )
    result = project.run("check", "nb.ipynb")
    assert result.status == 1
    assert result.stdout.startswith("nb.ipynb:cell 3:2:1: LOOP301")
    assert result.stderr == (
        "looplint: warning: nb.ipynb: cell 2, lines 1-2 not analyzed: SyntaxError: invalid syntax\n"
    )
