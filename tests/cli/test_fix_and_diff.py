"""`--fix` writes the safe fixes and reports what remains; `--diff` shows them, writes nothing."""

import ast

from cli_project import CALL, CLEAN, STARTS_A_LOOP, Project

FIXED = STARTS_A_LOOP.replace(CALL, "await work()")

NO_SAFE_FIX = """\
import asyncio


async def main():
    asyncio.run(work(), debug=True)
"""


def test_fix_rewrites_the_file_and_leaves_nothing_to_report(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--fix", "app.py")
    assert result.status == 0
    assert result.stdout == "Found 1 problem (1 fixed, 0 remaining).\n"
    assert project.read("app.py") == FIXED
    ast.parse(project.read("app.py"))
    assert project.run("check", "app.py").status == 0


def test_fix_keeps_crlf_line_endings_and_the_byte_order_mark(project: Project) -> None:
    bom = b"\xef\xbb\xbf"
    path = project.write("app.py", bom + STARTS_A_LOOP.replace("\n", "\r\n").encode())
    assert project.run("check", "--fix", "app.py").status == 0
    assert path.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode()


def test_fix_keeps_a_declared_encoding(project: Project) -> None:
    source = "# -*- coding: latin-1 -*-\n" + STARTS_A_LOOP.replace("état 🙂", "été")
    path = project.write("app.py", source.encode("latin-1"))
    assert project.run("check", "--fix", "app.py").status == 0
    assert path.read_bytes() == source.replace(CALL, "await work()").encode("latin-1")


def test_fix_reports_what_remains_and_exits_1(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    project.write("other.py", NO_SAFE_FIX)
    result = project.run("check", "--fix")
    assert result.status == 1
    assert result.stdout.startswith("other.py:5:5: LOOP101 ")
    assert result.stdout.endswith("Found 2 problems (1 fixed, 1 remaining).\n")
    assert project.read("other.py") == NO_SAFE_FIX


def test_fix_is_idempotent(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    project.run("check", "--fix")
    result = project.run("check", "--fix")
    assert (result.status, result.stdout) == (0, "No problems found.\n")
    assert project.read("app.py") == FIXED


def test_diff_shows_the_fix_writes_nothing_and_exits_1(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--diff", "app.py")
    assert result.status == 1
    assert result.stdout.splitlines()[:2] == ["--- app.py", "+++ app.py"]
    assert f'-    label = "état 🙂"; {CALL}\n' in result.stdout
    assert '+    label = "état 🙂"; await work()\n' in result.stdout
    assert result.stderr == "Would fix 1 problem in 1 file.\n"
    assert project.read("app.py") == STARTS_A_LOOP


def test_diff_without_fixes_exits_0(project: Project) -> None:
    project.write("app.py", CLEAN)
    project.write("other.py", NO_SAFE_FIX)
    result = project.run("check", "--diff")
    assert (result.status, result.stdout) == (0, "")


def test_fix_and_diff_together_is_a_usage_error(project: Project) -> None:
    result = project.run("check", "--fix", "--diff")
    assert result.status == 2
    assert "not allowed with argument" in result.stderr
