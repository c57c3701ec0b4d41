"""`looplint check` follows a call through the attributes of another file's class's instances:
`app.py` calls `self.service.fetcher.fetch()` in a coroutine, `service.py` sets
`self.fetcher = Fetcher()`, and `fetchers.py`'s `Fetcher.fetch` wraps `asyncio.run()`.
"""

from cli_project import Project

FETCHERS = """\
import asyncio


class Fetcher:
    def fetch(self):
        return asyncio.run(self._get())

    async def _get(self):
        return "fetched"
"""
LOOP_START = "asyncio.run(self._get())"
SERVICE = """\
from fetchers import Fetcher


class Service:
    def __init__(self):
        self.fetcher = Fetcher()
"""
APP = """\
import asyncio

from service import Service


class App:
    def __init__(self):
        self.service = Service()

    async def handle(self):
        return self.service.fetcher.fetch()


if __name__ == "__main__":
    print(asyncio.run(App().handle()))
"""
CALL = "self.service.fetcher.fetch()"
ASYNCIO_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"


def write_example(project: Project, fetchers: str = FETCHERS, app: str = APP) -> None:
    project.write("fetchers.py", fetchers)
    project.write("service.py", SERVICE)
    project.write("app.py", app)


def test_the_call_is_reported_with_its_chain_into_the_third_file(project: Project) -> None:
    write_example(project)
    result = project.run("check", "--output-format", "json")
    assert result.status == 1
    [finding] = result.json()
    assert (finding["path"], finding["code"]) == ("app.py", "LOOP201")
    assert "(App.handle → Fetcher.fetch → asyncio.run())" in finding["message"]
    column = APP.splitlines()[10].index(CALL) + 1
    assert finding["range"]["start"] == {"line": 11, "column": column}
    start_column = FETCHERS.splitlines()[5].index(LOOP_START) + 1
    assert [(step["path"], step["range"]["start"]) for step in finding["related"]] == [
        ("fetchers.py", {"line": 6, "column": start_column})
    ]


def test_the_original_fails_and_the_make_async_choice_makes_it_run(project: Project) -> None:
    write_example(project)
    original = project.run_python("app.py")
    assert original.returncode == 1
    assert f"\n{ASYNCIO_RUN_ERROR}\n" in original.stderr

    result = project.run("check", "--fix", "--unsafe-fixes")
    assert (result.status, result.stdout) == (0, "Found 1 problem (1 fixed, 0 remaining).\n")
    assert "return await self.service.fetcher.fetch()" in project.read("app.py")
    assert project.read("service.py") == SERVICE

    fixed = project.run_python("app.py")
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, "fetched\n", "")
    assert project.run("check").status == 0


def test_an_async_method_of_the_attributes_class_is_no_finding(project: Project) -> None:
    fetchers = FETCHERS.replace("def fetch", "async def fetch").replace(
        LOOP_START, "await self._get()"
    )
    write_example(project, fetchers, APP.replace(f"return {CALL}", f"return await {CALL}"))
    result = project.run("check")
    assert (result.status, result.stdout) == (0, "No problems found.\n")
    completed = project.run_python("app.py")
    assert (completed.returncode, completed.stdout) == (0, "fetched\n")
