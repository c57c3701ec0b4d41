"""The summary never says "No problems found." alone when a file could not be checked: it
counts those files, whose errors are on stderr, and the exit status is 2."""

from cli_project import CLEAN, STARTS_A_LOOP, Project, notebook


def test_a_missing_file_alone_is_nothing_checked(project: Project) -> None:
    result = project.run("check", "missing.py")
    assert result.status == 2
    assert result.stderr == "looplint: error: missing.py: no such file or folder\n"
    assert result.stdout == "Nothing checked: 1 file could not be checked.\n"


def test_clean_files_beside_an_unreadable_notebook(project: Project) -> None:
    project.write("app.py", CLEAN)
    project.write("broken.ipynb", '{"cells": [}')
    project.write("other.ipynb", "[1, 2]")
    result = project.run("check")
    assert result.status == 2
    assert result.stderr.count("looplint: error: ") == 2
    assert result.stdout == (
        "No problems found in the files checked; 2 files could not be checked.\n"
    )


def test_findings_and_a_missing_file(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "app.py", "gone.py")
    assert result.status == 2
    assert result.stdout.splitlines()[-1] == (
        "Found 1 problem (1 fixable with --fix); 1 file could not be checked."
    )


def test_fix_summary_counts_the_unchecked_file(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    project.write("nb.ipynb", notebook(("code", "x = 1")))
    project.write("latin.py", "x = 'caf\xe9'\n".encode("latin-1"))
    result = project.run("check", "--fix")
    assert result.status == 2
    assert result.stdout == "Found 1 problem (1 fixed, 0 remaining); 1 file could not be checked.\n"


def test_diff_summary_counts_the_unchecked_file(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--diff", "app.py", "gone.py")
    assert result.status == 2
    assert result.stderr.splitlines()[-1] == (
        "Would fix 1 problem in 1 file; 1 file could not be checked."
    )
