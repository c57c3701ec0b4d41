"""`looplint check` on a project follows calls across its files (LOOP201, in two passes).

The project: `app.py` calls, from a coroutine, a sync helper of the package `shop` that wraps
`asyncio.run()`. The finding is in `app.py`; its chain points into `shop/settings.py`; its safe
fix awaits the wrapped coroutine, importing it, and the fixed program runs.
"""

import ast

from cli_project import Project
from looplint.engine.module_pass import INFERENCE_MAX_CHARACTERS

APP = """\
\"\"\"The web entry point.\"\"\"
from __future__ import annotations

import asyncio

from shop.settings import load_settings


async def handler() -> None:
    settings = load_settings("web", region="us")
    print(settings)


if __name__ == "__main__":
    asyncio.run(handler())
"""
CALL = 'load_settings("web", region="us")'
CALL_LINE = 10
CALL_COLUMN = 16  # 1-based

SETTINGS = """\
import asyncio


async def fetch_settings(name: str, region: str = "eu") -> str:
    await asyncio.sleep(0)
    return f"{name} in {region}"


def load_settings(name: str, region: str = "eu") -> str:
    return asyncio.run(fetch_settings(name, region))
"""
LOOP_START = "asyncio.run(fetch_settings(name, region))"

FIXED_APP = APP.replace(
    "from __future__ import annotations\n\n",
    "from __future__ import annotations\n\nfrom shop.settings import fetch_settings\n",
).replace(CALL, 'await fetch_settings("web", "us")')

ASYNCIO_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"


def write_shop(project: Project) -> None:
    project.write("app.py", APP)
    project.write("shop/__init__.py", "")
    project.write("shop/settings.py", SETTINGS)


def test_the_call_into_another_file_is_reported_and_exits_1(project: Project) -> None:
    write_shop(project)
    result = project.run("check")
    assert result.status == 1
    assert result.stdout.startswith(
        f"app.py:{CALL_LINE}:{CALL_COLUMN}: LOOP201 [warning] `load_settings()` starts an event"
        " loop (handler → load_settings → asyncio.run())"
    )
    assert result.stdout.endswith("Found 1 problem (1 fixable with --fix).\n")


def test_json_related_entries_point_into_the_other_file(project: Project) -> None:
    write_shop(project)
    [finding] = project.run("check", "--output-format", "json").json()
    assert (finding["path"], finding["code"], finding["severity"]) == (
        "app.py",
        "LOOP201",
        "warning",
    )
    assert finding["range"] == {
        "start": {"line": CALL_LINE, "column": CALL_COLUMN},
        "end": {"line": CALL_LINE, "column": CALL_COLUMN + len(CALL)},
    }
    start_column = SETTINGS.splitlines()[9].index(LOOP_START) + 1
    assert finding["related"] == [
        {
            "path": "shop/settings.py",
            "message": "`load_settings` calls `asyncio.run()`",
            "range": {
                "start": {"line": 10, "column": start_column},
                "end": {"line": 10, "column": start_column + len(LOOP_START)},
            },
        }
    ]


def test_json_make_async_choice_edits_both_files(project: Project) -> None:
    write_shop(project)
    [finding] = project.run("check", "--output-format", "json").json()
    [choice] = [fix for fix in finding["fixes"] if fix["title"].startswith("Make ")]
    assert choice["safe"] is False
    assert [(edit["path"], edit["new_text"]) for edit in choice["edits"]] == [
        ("shop/settings.py", "async "),
        ("shop/settings.py", "await fetch_settings(name, region)"),
        ("app.py", 'await load_settings("web", region="us")'),
    ]


def test_a_chain_through_three_files_is_followed(project: Project) -> None:
    write_shop(project)
    project.write(
        "shop/config.py",
        "from shop.settings import load_settings\n\n\n"
        "def web_config():\n    return load_settings('web')\n",
    )
    project.write(
        "views.py",
        "from shop.config import web_config\n\n\nasync def view():\n    return web_config()\n",
    )
    findings = project.run("check", "--output-format", "json", "views.py", "shop").json()
    [finding] = [f for f in findings if f["path"] == "views.py"]
    assert "(view → web_config → load_settings → asyncio.run())" in finding["message"]
    assert [(step["path"], step["range"]["start"]["line"]) for step in finding["related"]] == [
        ("shop/config.py", 5),
        ("shop/settings.py", 10),
    ]


def test_a_file_checked_alone_still_follows_its_imports(project: Project) -> None:
    # Its findings do not depend on which other files are checked with it: the helper it
    # imports runs all the same. Only the checked file is reported.
    write_shop(project)
    findings = project.run("check", "--output-format", "json", "app.py").json()
    assert [(f["path"], f["code"]) for f in findings] == [("app.py", "LOOP201")]
    assert [step["path"] for step in findings[0]["related"]] == ["shop/settings.py"]


def test_an_excluded_helper_is_not_reported_but_followed(project: Project) -> None:
    write_shop(project)
    project.write(".gitignore", "shop/settings.py\n")
    project.write("pyproject.toml", '[tool.looplint]\nextend-exclude = ["shop/"]\n')
    findings = project.run("check", "--output-format", "json").json()
    assert [(f["path"], f["code"]) for f in findings] == [("app.py", "LOOP201")]


def test_ignore_loop201_reports_nothing_and_exits_0(project: Project) -> None:
    write_shop(project)
    result = project.run("check", "--ignore", "LOOP201")
    assert (result.status, result.stdout) == (0, "No problems found.\n")
    json_result = project.run("check", "--ignore", "LOOP201", "--output-format", "json")
    assert json_result.json() == []


def test_the_original_program_fails_at_run_time(project: Project) -> None:
    write_shop(project)
    completed = project.run_python("app.py")
    assert completed.returncode == 1
    assert f"\n{ASYNCIO_RUN_ERROR}\n" in completed.stderr


def test_fix_imports_the_coroutine_awaits_it_and_the_program_runs(project: Project) -> None:
    write_shop(project)
    result = project.run("check", "--fix")
    assert (result.status, result.stdout) == (0, "Found 1 problem (1 fixed, 0 remaining).\n")
    assert project.read("app.py") == FIXED_APP
    assert project.read("shop/settings.py") == SETTINGS
    ast.parse(project.read("app.py"))
    completed = project.run_python("app.py")
    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout == "web in us\n"
    assert project.run("check").status == 0


def test_fix_without_an_import_when_the_coroutine_is_already_imported(project: Project) -> None:
    write_shop(project)
    app = APP.replace("import load_settings", "import fetch_settings, load_settings")
    project.write("app.py", app)
    assert project.run("check", "--fix").status == 0
    assert project.read("app.py") == app.replace(CALL, 'await fetch_settings("web", "us")')
    assert project.run_python("app.py").stdout == "web in us\n"


def test_diff_shows_the_fix_in_the_callers_file_only_and_writes_nothing(project: Project) -> None:
    write_shop(project)
    result = project.run("check", "--diff")
    assert result.status == 1
    assert result.stdout.splitlines()[:2] == ["--- app.py", "+++ app.py"]
    assert "+from shop.settings import fetch_settings\n" in result.stdout
    assert f"-    settings = {CALL}\n" in result.stdout
    assert '+    settings = await fetch_settings("web", "us")\n' in result.stdout
    assert "shop/settings.py" not in result.stdout
    assert result.stderr == "Would fix 1 problem in 1 file.\n"
    assert project.read("app.py") == APP


def test_a_helper_called_only_from_sync_code_exits_0(project: Project) -> None:
    write_shop(project)
    project.write(
        "app.py",
        "from shop.settings import load_settings\n\n\n"
        "def main():\n    print(load_settings('cli'))\n",
    )
    result = project.run("check", "--output-format", "json")
    assert (result.status, result.json()) == (0, [])


CLIENT = """\
import asyncio


async def fetch():
    return 1


class Client:
    def load(self):
        return asyncio.run(fetch())


def get_client():
    return Client()
"""

USES_A_FACTORY = """\
from shop.client import Client, get_client


async def handler():
    client = get_client()
    return client.load()
"""


def test_a_call_only_inference_can_resolve_is_followed(project: Project) -> None:
    """`get_client()` returns a `Client`: looplint's own resolution cannot tell, jedi can."""
    project.write("shop/__init__.py", "")
    project.write("shop/client.py", CLIENT)
    project.write("app.py", USES_A_FACTORY)
    [finding] = project.run("check", "--output-format", "json").json()
    assert (finding["code"], finding["range"]["start"]["line"]) == ("LOOP201", 6)
    assert "(handler → Client.load → asyncio.run())" in finding["message"]


def test_inference_is_not_asked_about_a_module_too_long_to_read_in_time(project: Project) -> None:
    """jedi reads the whole module before answering: past INFERENCE_MAX_CHARACTERS, one
    question could take seconds, so the call is left to looplint's own resolution."""
    project.write("shop/__init__.py", "")
    project.write("shop/client.py", CLIENT)
    padding = "# filler\n" * (INFERENCE_MAX_CHARACTERS // len("# filler\n") + 1)
    project.write("app.py", USES_A_FACTORY + padding)
    assert project.run("check", "--output-format", "json").json() == []
