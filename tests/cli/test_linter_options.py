"""The options people expect from a linter: --exit-zero, --quiet, --statistics, help for every
option, and a usage line for a bare ``looplint``."""

import argparse

import pytest
from cli_project import CLEAN, STARTS_A_LOOP, Project
from looplint.cli.arguments import build_parser

TWO_RULES = """\
import asyncio


async def main():
    asyncio.run(work())
    asyncio.run(work())
    asyncio.get_running_loop().close()
"""


def test_exit_zero_exits_0_with_findings_and_still_prints_them(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--exit-zero", "app.py")
    assert result.status == 0
    assert "LOOP101" in result.stdout
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 fixable with --fix)."


def test_exit_zero_still_exits_2_on_a_file_that_cannot_be_checked(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--exit-zero", "app.py", "gone.py")
    assert result.status == 2


def test_exit_zero_with_diff(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    assert project.run("check", "--diff", "--exit-zero", "app.py").status == 0


def test_quiet_prints_only_the_findings(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--quiet", "app.py")
    assert result.status == 1
    assert result.stdout.splitlines()[0].startswith("app.py:5:")
    assert not any(line.startswith("Found") for line in result.stdout.splitlines())


def test_quiet_on_a_clean_file_prints_nothing(project: Project) -> None:
    project.write("app.py", CLEAN)
    result = project.run("check", "-q", "app.py")
    assert (result.status, result.stdout, result.stderr) == (0, "", "")


def test_quiet_keeps_errors_and_drops_warnings(project: Project) -> None:
    project.write("empty/readme.txt", "no Python here")
    assert project.run("check", "-q", "empty").stderr == ""
    result = project.run("check", "-q", "gone.py")
    assert (result.status, result.stdout) == (2, "")
    assert result.stderr == "looplint: error: gone.py: no such file or folder\n"


def test_quiet_diff_prints_the_diff_without_summary(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--diff", "-q", "app.py")
    assert result.stdout.startswith("--- app.py")
    assert result.stderr == ""


def test_statistics_counts_findings_per_rule_most_frequent_first(project: Project) -> None:
    project.write("app.py", TWO_RULES)
    project.write("other.py", STARTS_A_LOOP)
    result = project.run("check", "--statistics")
    assert result.status == 1
    assert result.stdout.splitlines() == [
        "3  LOOP101  [*] asyncio-run-in-loop",
        "1  LOOP403      close-running-loop",
        "Found 4 problems (3 fixable with --fix).",
    ]


def test_statistics_as_json(project: Project) -> None:
    project.write("app.py", TWO_RULES)
    result = project.run("check", "--statistics", "--output-format", "json", "--quiet")
    assert result.json() == [
        {"code": "LOOP101", "name": "asyncio-run-in-loop", "count": 2, "fixable": 2},
        {"code": "LOOP403", "name": "close-running-loop", "count": 1, "fixable": 0},
    ]


def test_statistics_of_a_clean_project(project: Project) -> None:
    project.write("app.py", CLEAN)
    result = project.run("check", "--statistics")
    assert (result.status, result.stdout) == (0, "No problems found.\n")


@pytest.mark.parametrize("output_format", ["sarif", "github", "gitlab"])
def test_statistics_in_a_tool_format_is_a_usage_error(project: Project, output_format: str) -> None:
    result = project.run("check", "--statistics", "--output-format", output_format)
    assert result.status == 2
    assert result.stderr == (
        f"looplint check: error: --statistics prints text or json, not {output_format}\n"
    )


def test_statistics_with_diff_is_a_usage_error(project: Project) -> None:
    result = project.run("check", "--statistics", "--diff")
    assert result.status == 2
    assert result.stderr == (
        "looplint check: error: --statistics counts findings; --diff shows fixes: choose one\n"
    )


def test_every_option_of_every_command_has_help() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in {"looplint": parser, **commands.choices}.items():
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_help_names_every_new_option(project: Project) -> None:
    result = project.run("check", "--help")
    assert result.status == 0
    options = ("--exit-zero", "--quiet", "--statistics", "--unsafe-fixes", "--add-noqa")
    for option in (*options, "--cache-dir", "--no-cache"):
        assert option in result.stdout
    assert "gitlab" in result.stdout
