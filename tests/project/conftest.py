"""Each named project is written and checked by both front ends once, for all its tests."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .generated_projects import write_files
from .named_projects import PROJECTS, NamedProject
from .reported_findings import BothReports, both_reports


@dataclass(frozen=True)
class CheckedProject:
    project: NamedProject
    reports: BothReports


def reports_of(files: dict[str, str]) -> BothReports:
    """What the CLI and the server report for a project of ``files`` (in a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(files, root)
        return both_reports(root)


@pytest.fixture(scope="session", params=PROJECTS, ids=str)
def checked(request: pytest.FixtureRequest) -> CheckedProject:
    return CheckedProject(request.param, reports_of(request.param.files))
