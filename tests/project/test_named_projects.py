"""Each named project's expected findings are the truth, and both front ends report them.

The truth is what Python does: each run that should fail raises the loop's ``RuntimeError``
with a traceback through the expected finding's line, each other run finishes cleanly; and
every expected finding is proven by such a run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CheckedProject
from .expected_findings import unlike_expected
from .generated_projects import listing, write_files
from .named_projects import PROJECTS, NamedProject
from .python_runs import misbehaving


@pytest.mark.parametrize("project", PROJECTS, ids=str)
def test_python_fails_exactly_where_a_finding_is_expected(
    project: NamedProject, tmp_path: Path
) -> None:
    write_files(project.files, tmp_path)

    failures = misbehaving(tmp_path, project.runs)

    assert not failures, "\n".join([*failures, listing(project.files)])
    assert {run.fails_at for run in project.runs if run.fails_at} == set(project.expected)


def test_the_cli_reports_the_expected_findings(checked: CheckedProject) -> None:
    project = checked.project

    problem = unlike_expected("the CLI", checked.reports.cli, project.expected)

    assert not problem, f"{problem}\n{listing(project.files)}"


def test_the_server_reports_the_expected_findings(checked: CheckedProject) -> None:
    project = checked.project

    problem = unlike_expected("the server", checked.reports.server, project.expected)

    assert not problem, f"{problem}\n{listing(project.files)}"
