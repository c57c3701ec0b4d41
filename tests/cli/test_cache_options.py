"""``looplint check --cache-dir DIR`` and ``--no-cache`` are accepted with any other option; a
cache folder that is no path at all is a one-line usage error (exit 2), like every option's."""

from cli_project import STARTS_A_LOOP, Project


def test_cache_options_are_accepted(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--cache-dir", "elsewhere", "--no-cache", "app.py")
    assert (result.status, result.stderr) == (1, "")
    assert "LOOP101" in result.stdout


def test_an_empty_cache_folder_is_a_usage_error(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--cache-dir", "", "app.py")
    assert result.status == 2
    assert result.stderr == (
        "looplint check: error: argument --cache-dir: expected the path of a folder, got ''\n"
    )
    assert result.stdout == ""
