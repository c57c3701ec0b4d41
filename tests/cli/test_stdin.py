"""`looplint check -` reads stdin; --stdin-filename names it and finds its configuration."""

from cli_project import CALL, CALL_COLUMN, CALL_LINE, STARTS_A_LOOP, Project, notebook


def test_stdin_is_reported_under_its_filename(project: Project) -> None:
    result = project.run("check", "--stdin-filename", "pkg/app.py", "-", stdin=STARTS_A_LOOP)
    assert result.status == 1
    assert result.stdout.startswith(f"pkg/app.py:{CALL_LINE}:{CALL_COLUMN}: LOOP101 ")


def test_stdin_without_a_filename_is_called_dash(project: Project) -> None:
    result = project.run("check", "-", stdin=STARTS_A_LOOP)
    assert result.stdout.startswith(f"-:{CALL_LINE}:{CALL_COLUMN}: LOOP101 ")


def test_stdin_follows_the_configuration_of_its_filename(project: Project) -> None:
    project.write("quiet/pyproject.toml", '[tool.looplint]\nignore = ["LOOP1"]\n')
    result = project.run("check", "--stdin-filename", "quiet/app.py", stdin=STARTS_A_LOOP)
    assert (result.status, result.stdout) == (0, "No problems found.\n")


def test_stdin_fix_prints_the_fixed_source_and_reports_on_stderr(project: Project) -> None:
    result = project.run("check", "--fix", "--stdin-filename", "app.py", "-", stdin=STARTS_A_LOOP)
    assert result.status == 0
    assert result.stdout == STARTS_A_LOOP.replace(CALL, "await work()")
    assert result.stderr == "Found 1 problem (1 fixed, 0 remaining).\n"


def test_stdin_notebook(project: Project) -> None:
    text = notebook(("markdown", "# Title"), ("code", ["import asyncio\n", "asyncio.run(main())"]))
    result = project.run(
        "check", "--output-format", "json", "--stdin-filename", "nb.ipynb", stdin=text
    )
    [finding] = result.json()
    assert (finding["path"], finding["cell"]) == ("nb.ipynb", 1)
