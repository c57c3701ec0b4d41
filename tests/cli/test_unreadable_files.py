"""Files that are not text, or not Python: one line each on stderr, never a traceback."""

from cli_project import STARTS_A_LOOP, Project


def test_undecodable_file_is_reported_and_others_still_checked(project: Project) -> None:
    project.write("latin.py", "x = 'caf\xe9'\n".encode("latin-1"))
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check")
    assert result.status == 2
    assert result.stderr == "looplint: error: latin.py: not utf-8 text (byte 0xe9 at offset 8)\n"
    assert result.stdout.startswith("app.py:5:")


def test_binary_junk_is_one_line(project: Project) -> None:
    project.write("junk.py", bytes(range(256)) * 4)
    result = project.run("check", "junk.py")
    assert result.status == 2
    assert result.stderr.startswith("looplint: error: junk.py: ")
    assert result.stderr.count("\n") == 1


def test_syntax_error_is_a_finding_not_a_crash(project: Project) -> None:
    project.write("broken.py", "async def main(:\n    asyncio.run(\n")
    result = project.run("check", "broken.py")
    assert result.status == 1
    assert result.stdout.startswith("broken.py:1:16: LOOP001 [error] SyntaxError: invalid syntax")
    assert result.stderr == ""


def test_null_bytes_are_a_finding_and_said_not_analyzed(project: Project) -> None:
    project.write("nul.py", "async def f():\n    asyncio.run(1)\x00\n")
    result = project.run("check", "nul.py")
    assert result.status == 1
    assert result.stdout.startswith(
        "nul.py:2:19: LOOP001 [error] source code cannot contain null bytes"
    )
    assert result.stderr == (
        "looplint: warning: nul.py: not analyzed: source code cannot contain null bytes\n"
    )


def test_a_utf16_declaration_is_one_line(project: Project) -> None:
    project.write("wide.py", "# coding: utf-16\nimport asyncio\n")
    result = project.run("check", "wide.py")
    assert result.status == 2
    assert result.stderr == (
        "looplint: error: wide.py: encoding problem: utf-16 (Python rejects this declaration)\n"
    )
