"""Folders are walked minus the default excludes, the root .gitignore and configured patterns;
a file named on the command line is always checked."""

from cli_project import STARTS_A_LOOP, Project

LAYOUT = [
    "src/app.py",
    "build/gen.py",
    ".venv/lib/site.py",
    "node_modules/x/tool.py",
    "legacy/old.py",
]


def checked_paths(project: Project, *args: str) -> list[str]:
    for path in LAYOUT:
        project.write(path, STARTS_A_LOOP)
    result = project.run("check", "--output-format", "json", *args)
    return [finding["path"] for finding in result.json()]


def test_default_excludes(project: Project) -> None:
    assert checked_paths(project) == ["legacy/old.py", "src/app.py"]


def test_the_cache_folder_is_excluded_by_default(project: Project) -> None:
    project.write(".looplint_cache/stray.py", STARTS_A_LOOP)
    assert checked_paths(project) == ["legacy/old.py", "src/app.py"]


def test_root_gitignore_is_respected(project: Project) -> None:
    (project.root / ".git").mkdir()
    project.write(".gitignore", "# generated\nlegacy/\n")
    assert checked_paths(project) == ["src/app.py"]


def test_configured_exclude_replaces_the_defaults(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nexclude = ["legacy", ".venv"]\n')
    assert checked_paths(project) == ["build/gen.py", "node_modules/x/tool.py", "src/app.py"]


def test_configured_extend_exclude_adds_to_the_defaults(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nextend-exclude = ["/legacy/old.py"]\n')
    assert checked_paths(project) == ["src/app.py"]


def test_command_line_exclude_and_extend_exclude(project: Project) -> None:
    assert checked_paths(project, "--exclude", "src,legacy") == [
        ".venv/lib/site.py",
        "build/gen.py",
        "node_modules/x/tool.py",
    ]
    assert checked_paths(project, "--extend-exclude", "src") == ["legacy/old.py"]


def test_file_named_on_the_command_line_is_checked_even_if_excluded(project: Project) -> None:
    assert checked_paths(project, "build/gen.py") == ["build/gen.py"]
