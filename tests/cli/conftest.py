"""Every CLI test gets a fresh temporary project (see ``cli_project``)."""

from pathlib import Path

import pytest
from cli_project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
