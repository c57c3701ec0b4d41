"""A file's module name is its dotted path below the nearest folder without __init__.py."""

from pathlib import Path

from cli_project import Project
from looplint.cli.module_names import module_name_for


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return path


def test_module_in_packages(tmp_path: Path) -> None:
    touch(tmp_path / "src/shop/__init__.py")
    touch(tmp_path / "src/shop/tasks/__init__.py")
    assert module_name_for(touch(tmp_path / "src/shop/tasks/sync.py")) == "shop.tasks.sync"


def test_package_init_is_the_package(tmp_path: Path) -> None:
    assert module_name_for(touch(tmp_path / "shop/__init__.py")) == "shop"


def test_script_outside_packages_is_its_stem(tmp_path: Path) -> None:
    assert module_name_for(touch(tmp_path / "scripts/tool.py")) == "tool"


def test_no_name_for_notebooks_or_non_identifiers(tmp_path: Path) -> None:
    assert module_name_for(touch(tmp_path / "nb.ipynb")) is None
    assert module_name_for(touch(tmp_path / "my-script.py")) is None


LOCAL_STARTER = """\
def run_sync(coroutine):
    ...


async def handler():
    run_sync(work())
"""


def test_extend_loop_starters_match_the_projects_own_function(project: Project) -> None:
    project.write(
        "pyproject.toml", '[tool.looplint]\nextend-loop-starters = ["shop.utils.run_sync"]\n'
    )
    project.write("src/shop/__init__.py", "")
    project.write("src/shop/utils.py", LOCAL_STARTER)
    project.write(
        "src/shop/app.py",
        "from shop.utils import run_sync\n\n\nasync def f():\n    run_sync(g())\n",
    )
    result = project.run("check", "--output-format", "json")
    assert [(f["path"], f["range"]["start"]["line"]) for f in result.json()] == [
        ("src/shop/app.py", 5),
        ("src/shop/utils.py", 6),
    ]
