"""``looplint check`` keeps what it learned in ``.looplint_cache/`` and reuses it only while
everything it depends on is unchanged — another module's loop starters included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_project import STARTS_A_LOOP, Project
from looplint.engine.project import IndexTables
from looplint.project.cache import Cache
from looplint.project.settled_state import SettledState

HELPER = """\
import asyncio


async def fetch():
    return 1


def load():
    return asyncio.run(fetch())
"""
HELPER_WITHOUT_A_LOOP = """\
def load():
    return 1
"""
MIDDLE = """\
from helpers import load


def prepare():
    return load()
"""
APP = """\
from middle import prepare


async def handle():
    return prepare()
"""


def findings(project: Project, *options: str) -> list[tuple[str, str, int]]:
    result = project.run("check", "--output-format", "json", *options)
    assert result.status in (0, 1), result.stderr
    return [(f["path"], f["code"], f["range"]["start"]["line"]) for f in result.json()]


def cache_files(project: Project, folder: str = ".looplint_cache") -> list[Path]:
    return sorted((project.root / folder).glob("*.cache"))


def write_chain(project: Project) -> None:
    project.write("helpers.py", HELPER)
    project.write("middle.py", MIDDLE)
    project.write("app.py", APP)


def test_a_run_of_an_unchanged_project_recomputes_nothing(project: Project) -> None:
    write_chain(project)
    assert findings(project) == [("app.py", "LOOP201", 5)]
    assert findings(project) == [("app.py", "LOOP201", 5)]  # resumes, drops what it needs no more
    [cache] = cache_files(project)
    written = cache.stat().st_mtime_ns
    assert findings(project) == [("app.py", "LOOP201", 5)]
    assert cache.stat().st_mtime_ns == written  # every result came from it: nothing to store


def test_a_helper_that_stops_starting_a_loop_clears_its_callers_finding(project: Project) -> None:
    write_chain(project)
    assert findings(project) == [("app.py", "LOOP201", 5)]
    project.write("helpers.py", HELPER_WITHOUT_A_LOOP)  # app.py and middle.py unchanged
    assert findings(project) == []
    project.write("helpers.py", HELPER)
    assert findings(project) == [("app.py", "LOOP201", 5)]


def test_a_module_that_stops_calling_the_helper_clears_the_finding(project: Project) -> None:
    write_chain(project)
    assert findings(project) == [("app.py", "LOOP201", 5)]
    project.write("middle.py", "def prepare():\n    return 1\n")
    assert findings(project) == []
    (project.root / "middle.py").unlink()
    assert findings(project) == []


def test_a_class_attribute_changed_in_another_module_reaches_the_caller(project: Project) -> None:
    project.write(
        "fetchers.py",
        "import asyncio\n\n\nclass Fetcher:\n    def fetch(self):\n"
        "        return asyncio.run(work())\n\n\n"
        "class Reader:\n    def fetch(self):\n"
        "        return asyncio.new_event_loop().run_until_complete(work())\n",
    )
    service = "from fetchers import Fetcher, Reader\n\n\nclass Service:\n    def __init__(self):\n"
    project.write("service.py", service + "        self.fetcher = Fetcher()\n")
    project.write(
        "app.py",
        "from service import Service\n\n\nasync def handle():\n"
        "    return Service().fetcher.fetch()\n",
    )

    def chain() -> list[str]:
        result = project.run("check", "--output-format", "json")
        return [f["message"].split(" (")[1].split("), ")[0] for f in result.json()]

    assert chain() == ["handle → Fetcher.fetch → asyncio.run()"]
    project.write("service.py", service + "        self.fetcher = Reader()\n")
    assert chain() == ["handle → Reader.fetch → asyncio.new_event_loop().run_until_complete()"]


def test_changed_settings_are_not_answered_from_the_cache(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    assert [code for _, code, _ in findings(project)] == ["LOOP101"]
    project.write("pyproject.toml", '[tool.looplint]\nignore = ["LOOP101"]\n')
    assert findings(project) == []
    (project.root / "pyproject.toml").unlink()
    assert findings(project) == [("app.py", "LOOP101", 5)]
    assert findings(project, "--ignore", "LOOP1") == []


def test_a_damaged_cache_is_ignored_and_replaced(project: Project) -> None:
    write_chain(project)
    findings(project)
    [cache] = cache_files(project)
    data = bytearray(cache.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cache.write_bytes(bytes(data))
    assert findings(project) == [("app.py", "LOOP201", 5)]
    cache.write_bytes(b"not a cache at all")
    assert findings(project) == [("app.py", "LOOP201", 5)]


def test_the_cache_folder_is_never_committed(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    findings(project)
    assert (project.root / ".looplint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_no_cache_reads_and_writes_nothing(project: Project) -> None:
    write_chain(project)
    assert findings(project, "--no-cache") == [("app.py", "LOOP201", 5)]
    assert not (project.root / ".looplint_cache").exists()


def test_cache_dir_puts_it_elsewhere(project: Project) -> None:
    write_chain(project)
    assert findings(project, "--cache-dir", "build/lint") == [("app.py", "LOOP201", 5)]
    assert len(cache_files(project, "build/lint")) == 1
    assert not (project.root / ".looplint_cache").exists()


def test_concurrent_runs_all_see_the_truth(project: Project) -> None:
    write_chain(project)
    command = [sys.executable, "-m", "looplint", "check", "--output-format", "json", "."]
    for _ in range(3):
        runs = [
            subprocess.Popen(command, cwd=project.root, stdout=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        outputs = [run.communicate()[0] for run in runs]
        assert all('"LOOP201"' in output for output in outputs)
    assert findings(project) == [("app.py", "LOOP201", 5)]


def test_a_cache_folder_that_cannot_be_made_is_said_once(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    project.write("blocked", "a file where the cache folder would go\n")
    result = project.run("check", "--cache-dir", "blocked/cache", "app.py")
    assert result.status == 1
    warnings = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("looplint: warning: ")


def test_an_unchanged_run_still_sees_an_edit_of_a_module_it_only_follows(
    project: Project,
) -> None:
    write_chain(project)
    project.write("pyproject.toml", '[tool.looplint]\nextend-exclude = ["helpers.py"]\n')
    assert findings(project) == [("app.py", "LOOP201", 5)]
    assert findings(project) == [("app.py", "LOOP201", 5)]  # answered by the run's record
    project.write("helpers.py", HELPER_WITHOUT_A_LOOP)  # excluded: followed, not checked
    assert findings(project) == []


def test_an_edit_the_other_modules_cannot_see_is_checked_with_the_project_known(
    project: Project,
) -> None:
    write_chain(project)
    assert findings(project) == [("app.py", "LOOP201", 5)]
    project.write("app.py", APP + "\n\nasync def again():\n    return prepare()\n")
    assert findings(project) == [("app.py", "LOOP201", 5), ("app.py", "LOOP201", 9)]
    project.write("middle.py", MIDDLE + "\n# a comment changes nothing app.py can see\n")
    assert findings(project) == [("app.py", "LOOP201", 5), ("app.py", "LOOP201", 9)]
    project.write("middle.py", MIDDLE.replace("return load()", "return 1"))
    assert findings(project) == []


def test_a_module_added_or_removed_is_seen_by_the_next_run(project: Project) -> None:
    write_chain(project)
    project.write("middle.py", "from extra import work\n\n\ndef prepare():\n    return work()\n")
    assert findings(project) == []
    project.write("extra.py", MIDDLE.replace("def prepare", "def work"))
    assert findings(project) == [("app.py", "LOOP201", 5)]
    (project.root / "extra.py").unlink()
    assert findings(project) == []


def test_edits_leave_no_results_of_old_contents_behind(project: Project) -> None:
    write_chain(project)
    sizes = []
    for edit in range(4):
        project.write("app.py", APP + f"# edit {edit}\n")
        assert findings(project) == [("app.py", "LOOP201", 5)]
        [cache] = cache_files(project)
        sizes.append(cache.stat().st_size)
    assert sizes[1] == sizes[2] == sizes[3]


def test_a_run_in_which_nothing_changed_keeps_what_the_next_one_resumes_from(
    project: Project,
) -> None:
    write_chain(project)
    findings(project)
    findings(project)  # nothing changed: answered from the last run's record
    cache = Cache.open(project.root / ".looplint_cache", str(project.root))
    assert isinstance(cache.get(SettledState.TABLES_KEY), IndexTables)
