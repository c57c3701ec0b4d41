"""Each file follows the nearest pyproject.toml with [tool.looplint]; a bad one stops the run with
exit status 2 and one line naming the file and the setting."""

import pytest
from cli_project import STARTS_A_LOOP, Project


def test_nearest_configuration_governs_each_file(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nignore = ["LOOP101"]\n')
    project.write("app.py", STARTS_A_LOOP)
    project.write("sub/pyproject.toml", '[tool.looplint]\nselect = ["ALL"]\n')
    project.write("sub/app.py", STARTS_A_LOOP)
    result = project.run("check", "--output-format", "json")
    assert [finding["path"] for finding in result.json()] == ["sub/app.py"]


def test_pyproject_without_looplint_table_is_passed_over(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nignore = ["LOOP101"]\n')
    project.write("sub/pyproject.toml", '[project]\nname = "sub"\n')
    project.write("sub/app.py", STARTS_A_LOOP)
    assert project.run("check", "sub/app.py").status == 0


def test_invalid_toml_is_one_line_with_position(project: Project) -> None:
    pyproject = project.write("pyproject.toml", '[tool.looplint]\nselect = ["LOOP1"]\nbad key\n')
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check")
    assert result.status == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"looplint: error: {pyproject}: invalid TOML: Expected '='")
    assert result.stderr.endswith("(line 3, column 5)\n")
    assert result.stderr.count("\n") == 1


DEEPLY_NESTED = "x = " + "[" * 500 + "]" * 500 + "\n"


def test_deeply_nested_toml_is_one_line_not_a_traceback(project: Project) -> None:
    pyproject = project.write("pyproject.toml", f"[tool.looplint]\n{DEEPLY_NESTED}")
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check")
    assert result.status == 2
    assert result.stderr == (
        f"looplint: error: {pyproject}: invalid TOML: arrays or tables nested too deeply\n"
    )


def test_deeply_nested_toml_without_looplint_table_is_passed_over(project: Project) -> None:
    project.write("pyproject.toml", f"[tool.other]\n{DEEPLY_NESTED}")
    project.write("app.py", STARTS_A_LOOP)
    assert project.run("check", "app.py").status == 1


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("selct = []", "selct: unknown setting"),
        ('select = "LOOP1"', "select: expected a list of strings, got 'LOOP1'"),
        ('ignore = ["LOOP9"]', "ignore: unknown rule code or prefix 'LOOP9'"),
        (
            'severity = { LOOP102 = "loud" }',
            "severity.LOOP102: expected one of error, warning, information, hint, got 'loud'",
        ),
        ('severity = { LOOP999 = "hint" }', "severity.LOOP999: unknown rule code 'LOOP999'"),
        ("extend-exclude = [1]", "extend-exclude: expected a list of strings, got [1]"),
        (
            'extend-loop-starters = ["run_sync"]',
            "extend-loop-starters: expected a qualified name like 'package.module.function', "
            "got 'run_sync'",
        ),
        ('cache-dir = ""', "cache-dir: expected the path of a folder, got ''"),
        ("cache-dir = false", "cache-dir: expected the path of a folder, got False"),
    ],
)
def test_bad_setting_names_file_and_setting(project: Project, table: str, message: str) -> None:
    pyproject = project.write("pyproject.toml", f"[tool.looplint]\n{table}\n")
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check")
    assert result.status == 2
    assert result.stderr.startswith(f"looplint: error: {pyproject}: [tool.looplint] {message}")
    assert result.stderr.count("\n") == 1
