"""`looplint check` exits 0 when clean, 1 with findings, 2 on usage errors (one line on stderr)."""

from cli_project import CALL_COLUMN, CALL_LINE, CLEAN, STARTS_A_LOOP, Project
from looplint import __version__


def test_clean_file_exits_0(project: Project) -> None:
    project.write("app.py", CLEAN)
    result = project.run("check", "app.py")
    assert result.status == 0
    assert result.stdout == "No problems found.\n"


def test_finding_exits_1_with_location_code_severity_and_safe_fix(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "app.py")
    assert result.status == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"app.py:{CALL_LINE}:{CALL_COLUMN}: LOOP101 [error] ")
    assert lines[1].startswith("  fix (safe): ")
    assert "await work()" in lines[1]
    assert lines[-1] == "Found 1 problem (1 fixable with --fix)."


def test_folder_is_checked_recursively_in_path_order(project: Project) -> None:
    project.write("pkg/b.py", STARTS_A_LOOP)
    project.write("pkg/a.py", STARTS_A_LOOP)
    project.write("pkg/sub/c.py", STARTS_A_LOOP)
    result = project.run("check")
    headlines = [line for line in result.stdout.splitlines() if "LOOP101" in line]
    assert [line.split(":")[0] for line in headlines] == ["pkg/a.py", "pkg/b.py", "pkg/sub/c.py"]
    assert result.stdout.splitlines()[-1] == "Found 3 problems (3 fixable with --fix)."


def test_unknown_option_is_a_one_line_usage_error(project: Project) -> None:
    result = project.run("check", "--frobnicate")
    assert result.status == 2
    assert result.stderr == "looplint: error: unrecognized arguments: --frobnicate\n"


def test_invalid_output_format_is_a_usage_error(project: Project) -> None:
    result = project.run("check", "--output-format", "xml")
    assert result.status == 2
    assert result.stderr.count("\n") == 1
    assert "invalid choice: 'xml'" in result.stderr


def test_bare_command_prints_the_usage_line_and_exits_2(project: Project) -> None:
    result = project.run()
    assert result.status == 2
    usage, error = result.stderr.splitlines()
    assert usage == "usage: looplint [-h] [--version] COMMAND ..."
    assert error == "looplint: error: a command is required (check, rule or server)"


def test_missing_path_is_reported_and_exits_2(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "app.py", "nowhere.py")
    assert result.status == 2
    assert result.stderr == "looplint: error: nowhere.py: no such file or folder\n"
    assert "app.py:5:" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Found 1 problem (1 fixable with --fix); 1 file could not be checked."
    )


def test_version(project: Project) -> None:
    result = project.run("--version")
    assert (result.status, result.stdout) == (0, f"looplint {__version__}\n")


def test_file_named_twice_is_checked_once(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", ".", "app.py", "./app.py")
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 fixable with --fix)."
