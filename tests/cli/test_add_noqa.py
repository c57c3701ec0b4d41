"""--add-noqa: silence every current finding with the editor's "disable for this line" edit, so
a re-check finds nothing; files Python rejects are left as they are."""

from cli_project import Project, notebook

MODULE = """\
import asyncio
import nest_asyncio


async def main(loop):
    asyncio.run(a()); asyncio.get_running_loop().close()  # keep
    nest_asyncio.apply()  # noqa: E501
    asyncio.run(b())  # noqa: LOOP101
"""
SILENCED = """\
import asyncio
import nest_asyncio


async def main(loop):
    asyncio.run(a()); asyncio.get_running_loop().close()  # noqa: LOOP101, LOOP403  # keep
    nest_asyncio.apply()  # noqa: E501, LOOP401
    asyncio.run(b())  # noqa: LOOP101
"""


def test_every_finding_gets_its_code_and_a_recheck_is_clean(project: Project) -> None:
    project.write("app.py", MODULE)
    result = project.run("check", "--add-noqa")
    assert result.status == 0
    assert result.stdout == "Added # noqa for 3 problems, 0 remaining.\n"
    assert project.read("app.py") == SILENCED
    assert project.run("check").status == 0


def test_running_it_again_changes_nothing(project: Project) -> None:
    project.write("app.py", MODULE)
    project.run("check", "--add-noqa")
    again = project.run("check", "--add-noqa")
    assert again.stdout == "Added # noqa for 0 problems, 0 remaining.\n"
    assert project.read("app.py") == SILENCED


def test_a_line_that_cannot_take_a_comment_stays_a_finding(project: Project) -> None:
    source = "import asyncio\n\n\nasync def main():\n    y = asyncio.run(x()) + \\\n        1\n"
    project.write("app.py", source)
    result = project.run("check", "--add-noqa")
    assert result.status == 1
    assert result.stdout.splitlines()[-1] == "Added # noqa for 0 problems, 1 remaining."
    assert project.read("app.py") == source


def test_a_file_python_rejects_is_not_touched(project: Project) -> None:
    broken = "import asyncio\n\n\nasync def main():\n    asyncio.run(x())\n\n\ndef f(:\n    pass\n"
    project.write("broken.py", broken)
    result = project.run("check", "--add-noqa", "broken.py")
    assert "broken.py:5:5: LOOP101" in result.stdout
    assert result.status == 1
    assert project.read("broken.py") == broken


def test_notebook_cells_get_their_noqa(project: Project) -> None:
    cell = ["%matplotlib inline\n", "import asyncio\n", "asyncio.run(main())\n", "!ls\n"]
    project.write("nb.ipynb", notebook(("markdown", "# t"), ("code", cell)))
    result = project.run("check", "--add-noqa", "nb.ipynb")
    assert result.status == 0
    source = project.read("nb.ipynb")
    assert '"asyncio.run(main())  # noqa: LOOP301\\n"' in source
    assert project.run("check", "nb.ipynb").status == 0


def test_a_notebook_with_a_broken_cell_is_not_touched(project: Project) -> None:
    text = notebook(("code", "import asyncio\nasyncio.run(main())\n"), ("code", "def f(:\n"))
    project.write("nb.ipynb", text)
    result = project.run("check", "--add-noqa", "nb.ipynb")
    assert result.status == 1
    assert project.read("nb.ipynb") == text


def test_add_noqa_reads_no_stdin_and_excludes_fix(project: Project) -> None:
    result = project.run("check", "--add-noqa", "-", stdin="x = 1\n")
    assert result.status == 2
    assert result.stderr == (
        "looplint check: error: --add-noqa and --unsafe-fixes edit files; they cannot read stdin\n"
    )
    result = project.run("check", "--add-noqa", "--fix")
    assert result.status == 2
    assert "not allowed with argument" in result.stderr
