"""``looplint check --output-format json`` and the language server (the workspace indexed,
every file opened and pulled) report exactly the same findings, at the same positions, with
the same related chains, for multi-module projects of every shape Python resolves imports in.

Positions are compared as 0-based lines and UTF-16 columns (see ``reported_findings``).
"""

from __future__ import annotations

from hypothesis import given

from .conftest import CheckedProject, reports_of
from .generated_projects import Shape, build, generated_settings, listing, shapes
from .reported_findings import disagreement


def test_on_each_named_project(checked: CheckedProject) -> None:
    reports = checked.reports

    assert reports.cli == reports.server, disagreement(
        reports.cli, reports.server, listing(checked.project.files)
    )


@generated_settings(examples=8, fuzz_examples=200)
@given(shape=shapes())
def test_on_generated_projects(shape: Shape) -> None:
    project = build(shape)

    reports = reports_of(project.files)

    assert reports.cli == reports.server, disagreement(
        reports.cli, reports.server, listing(project.files)
    )
