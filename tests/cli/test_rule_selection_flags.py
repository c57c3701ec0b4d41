"""--select / --ignore take codes or prefixes, comma-separated, and replace the configured lists."""

import pytest
from cli_project import STARTS_A_LOOP, Project


@pytest.mark.parametrize(
    ("flags", "reported"),
    [
        (["--select", "LOOP101"], True),
        (["--select", "LOOP1"], True),
        (["--select", "loop4,LOOP3"], False),
        (["--select", "ALL"], True),
        (["--ignore", "LOOP1"], False),
        (["--ignore", "LOOP102, LOOP103"], True),
        (["--select", "LOOP1", "--ignore", "LOOP101"], False),
    ],
)
def test_flags_choose_the_rules(project: Project, flags: list[str], reported: bool) -> None:
    project.write("app.py", STARTS_A_LOOP)
    assert project.run("check", *flags).status == (1 if reported else 0)


def test_select_replaces_the_configured_select(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nselect = ["LOOP4"]\n')
    project.write("app.py", STARTS_A_LOOP)
    assert project.run("check").status == 0
    assert project.run("check", "--select", "LOOP1").status == 1


def test_ignore_replaces_the_configured_ignore(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nignore = ["LOOP101"]\n')
    project.write("app.py", STARTS_A_LOOP)
    assert project.run("check").status == 0
    assert project.run("check", "--ignore", "LOOP4").status == 1


def test_unknown_code_is_a_usage_error(project: Project) -> None:
    result = project.run("check", "--select", "LOOP999")
    assert result.status == 2
    assert result.stderr == (
        "looplint check: error: argument --select: unknown rule code or prefix 'LOOP999'\n"
    )
