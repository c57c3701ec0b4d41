"""A settled index's tables resume it in a later run: restored into an empty index, they answer
as the index they were taken from; given a module's new text as an edit and settled, the index
answers as one built from scratch; and ``same_for_others`` tells whether the edit changed
anything another module sees (only then must the others be checked again)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from looplint.engine.analysis import analyze_module
from looplint.engine.project import IndexTables, ProjectIndex
from looplint.project.settle import settle
from project_files import HELPERS, FixtureProject

FILES = {
    "pkg/__init__.py": "from .helpers import load_config\n",
    "pkg/helpers.py": HELPERS,
    "mid.py": "from pkg import load_config\n\ndef mid():\n    return load_config('a')\n",
    "app.py": "from mid import mid\n\nasync def handle():\n    mid()\n",
    "service.py": """
        from pkg.client import Client

        class Service:
            def __init__(self):
                self.client = Client()
        """,
    "pkg/client.py": """
        import asyncio

        class Client:
            def load(self):
                return asyncio.run(work())
        """,
    "views.py": """
        from service import Service

        async def view(service: Service):
            service.client.load()
        """,
}
EVERYWHERE = {"app.py": [4], "views.py": [4]}


def restored(project: FixtureProject) -> ProjectIndex:
    """An empty index given the tables of ``project``'s settled one."""
    index = ProjectIndex(project.index.text_of)
    index.restore(project.index.tables())
    return index


def settled(index: ProjectIndex) -> tuple[object, ...]:
    """What settling decides: the starters, whose they are, and the routes to them."""
    tables = index.tables()
    return tables.starters, tables.owner, tables.routes


def edit(project: FixtureProject, index: ProjectIndex, relative: str, text: str) -> IndexTables:
    """Give ``index`` a new text of a module as a front end does; returns its tables before."""
    before = index.tables()
    module = project.modules[relative]
    (project.root / relative).write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    index.forget_text(module.name)
    summary = analyze_module(
        project.text(relative), module_name=module.name, is_package=module.is_package
    )
    index.add_module(module, summary.starters)
    settle(index, changed=[module])  # its own starters first: it may call others' too
    return before


def test_a_restored_index_answers_as_the_one_it_was_taken_from(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    assert project.everywhere() == EVERYWHERE
    project.index = restored(project)
    assert project.everywhere() == EVERYWHERE
    assert settled(project.index) == settled(FixtureProject(tmp_path).index)


def test_an_edit_given_to_a_restored_index_settles_as_from_scratch(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    project.index = restored(project)
    edit(project, project.index, "pkg/helpers.py", "def load_config(name):\n    return {}\n")
    assert project.everywhere() == {"views.py": [4]}
    assert settled(project.index) == settled(FixtureProject(tmp_path).index)


def test_a_comment_changes_nothing_the_other_modules_see(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    index = restored(project)
    before = edit(project, index, "mid.py", project.text("mid.py") + "# a comment\n")
    assert index.same_for_others(before, ["mid"])


def test_a_new_function_that_starts_no_loop_changes_nothing_they_see(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    index = restored(project)
    text = project.text("pkg/helpers.py") + "\ndef unrelated():\n    return 1\n"
    before = edit(project, index, "pkg/helpers.py", text)
    assert index.same_for_others(before, ["pkg.helpers"])


def test_a_helper_that_stops_starting_a_loop_changes_what_they_see(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    index = restored(project)
    before = edit(project, index, "pkg/helpers.py", "def load_config(name):\n    return {}\n")
    assert not index.same_for_others(before, ["pkg.helpers"])


def test_a_re_export_that_moves_changes_what_they_see(tmp_path: Path) -> None:
    # The same starters before and after: the callers' chains lead into another file.
    project = FixtureProject(tmp_path, {**FILES, "pkg/other.py": HELPERS})
    project.everywhere()  # the callers' analyses read the package's re-exports
    index = restored(project)
    before = edit(project, index, "pkg/__init__.py", "from .other import load_config\n")
    assert index.tables().starters.keys() == before.starters.keys()
    assert not index.same_for_others(before, ["pkg"])


def test_an_attribute_of_another_class_changes_what_they_see(tmp_path: Path) -> None:
    project = FixtureProject(tmp_path, FILES)
    index = restored(project)
    text = project.text("service.py").replace("self.client = Client()", "self.client = None")
    before = edit(project, index, "service.py", text)
    assert not index.same_for_others(before, ["service"])
