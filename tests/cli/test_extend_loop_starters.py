"""The project's own functions are named as the project layer names their modules
(``looplint.project.modules``), so ``extend-loop-starters`` can name them."""

from cli_project import Project

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
