"""Many files are checked in worker processes; the output order stays deterministic."""

from cli_project import CLEAN, STARTS_A_LOOP, Project


def test_many_files_report_in_path_order(project: Project) -> None:
    for index in range(60):
        project.write(f"pkg{index % 3}/mod_{index:02}.py", STARTS_A_LOOP if index % 2 else CLEAN)
    result = project.run("check", "--output-format", "json")
    paths = [finding["path"] for finding in result.json()]
    assert len(paths) == 30
    assert paths == sorted(paths)


def test_many_files_are_fixed(project: Project) -> None:
    for index in range(40):
        project.write(f"mod_{index:02}.py", STARTS_A_LOOP)
    result = project.run("check", "--fix")
    assert result.stdout == "Found 40 problems (40 fixed, 0 remaining).\n"
    assert project.run("check").status == 0
