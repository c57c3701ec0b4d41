"""The generated projects are real programs, and the truth about them is known: each caller,
run as Python runs it, raises the loop's ``RuntimeError`` at its call exactly when its chain
starts a loop, and else finishes cleanly; each front end reports exactly those calls."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

from .conftest import reports_of
from .expected_findings import unlike_expected
from .generated_projects import Shape, build, generated_settings, listing, shapes, write_files
from .python_runs import misbehaving


@generated_settings(examples=10, fuzz_examples=250)
@given(shape=shapes())
def test_each_caller_fails_exactly_when_its_chain_starts_a_loop(shape: Shape) -> None:
    project = build(shape)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        write_files(project.files, root)

        failures = misbehaving(root, project.runs)

    assert not failures, "\n".join([*failures, listing(project.files)])


@generated_settings(examples=3, fuzz_examples=75)
@given(shape=shapes())
def test_both_front_ends_report_exactly_the_calls_that_fail(shape: Shape) -> None:
    project = build(shape)

    reports = reports_of(project.files)

    problems = [
        unlike_expected(side, findings, project.expected)
        for side, findings in (("the CLI", reports.cli), ("the server", reports.server))
    ]
    assert not any(problems), "\n".join([*filter(None, problems), listing(project.files)])
