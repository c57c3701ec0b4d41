"""LOOP201 across the workspace: the index is built in the background with ``$/progress``,
follows edits, saves and files changed on disk, and updates the diagnostics of other open
documents whose findings depend on a changed file.

One server per client preset, for one workspace folder; each test uses its own modules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path

from .editor_client import REFRESHING, SERVER, EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

WORKSPACE = {
    "pkg/__init__.py": "from .helpers import load_config\n",
    "pkg/helpers.py": (
        "import asyncio\n\nfrom .client import fetch\n\n\n"
        "def load_config(path):\n    return asyncio.run(fetch(path))\n"
    ),
    "pkg/client.py": "async def fetch(path):\n    return path\n",
    "app.py": 'from pkg import load_config\n\n\nasync def handler():\n    load_config("x")\n',
    "convert/__init__.py": "",
    "convert/helpers.py": (
        "import asyncio\n\nfrom .client import fetch\n\n\n"
        "def read_settings(path):\n    data = asyncio.run(fetch(path))\n    return data\n"
    ),
    "convert/client.py": "async def fetch(path):\n    return path\n",
    "convert_app.py": (
        "from convert.helpers import read_settings\n\n\n"
        'async def handler():\n    read_settings("x")\n'
    ),
    "disk/__init__.py": "",
    "disk/jobs.py": "def run_jobs():\n    return 1\n",
    "disk_app.py": "from disk.jobs import run_jobs\n\n\nasync def main():\n    run_jobs()\n",
    "created/__init__.py": "",
    "created_app.py": "from created.starter import start\n\n\nasync def main():\n    start()\n",
    "other/__init__.py": "",
    "other/tools.py": "def load_config(path):\n    return {}\n",
    "collision_app.py": (
        'from other.tools import load_config\n\n\nasync def handler():\n    load_config("x")\n'
    ),
    ".venv/lib/site.py": "import asyncio\n\n\ndef load_config(path):\n    asyncio.run(path)\n",
    "pyproject.toml": '[tool.looplint]\nextend-exclude = ["generated/"]\n',
    "generated/__init__.py": "",
    "generated/starters.py": (
        "import asyncio\n\n\nasync def fetch():\n    return 1\n\n\n"
        "def start_loop():\n    return asyncio.run(fetch())\n"
    ),
    "generated_app.py": (
        "from generated.starters import start_loop\n\n\nasync def main():\n    start_loop()\n"
    ),
    "jobs_a/jobs.py": "import helpers\n\n\nasync def main():\n    helpers.load()\n",
    "jobs_a/helpers.py": (
        "import asyncio\n\n\nasync def fetch():\n    return 1\n\n\n"
        "def load():\n    return asyncio.run(fetch())\n"
    ),
    "jobs_b/jobs.py": "import helpers\n\n\nasync def main():\n    helpers.load()\n",
    "jobs_b/helpers.py": "def load():\n    return 1\n",
    "routes/__init__.py": "",
    "routes/fetchers.py": (
        "import asyncio\n\n\nclass Fetcher:\n    def fetch(self):\n"
        "        return asyncio.run(work())\n"
    ),
    "routes/service.py": (
        "from routes.fetchers import Fetcher\n\n\nclass Service:\n    def __init__(self):\n"
        "        self.fetcher = Fetcher()\n"
    ),
    "routes_app.py": (
        "from routes.service import Service\n\n\nclass App:\n    def __init__(self):\n"
        "        self.service = Service()\n\n"
        "    async def handle(self):\n        return self.service.fetcher.fetch()\n"
    ),
}
EXCLUDED = (".venv/", "generated/")
INDEXED = [name for name in WORKSPACE if name.endswith(".py") and not name.startswith(EXCLUDED)]
LOOP_START = "    return asyncio.run(fetch(path))\n"


@pytest_lsp.fixture(
    config=SERVER,
    params=["visual-studio-code", "neovim@v0.11.0", f"neovim@v0.11.0{REFRESHING}", "emacs"],
    scope="module",
)
async def editor(
    request: pytest.FixtureRequest,
    lsp_client: EditorClient,
    tmp_path_factory: pytest.TempPathFactory,
):
    folder = tmp_path_factory.mktemp("workspace")
    for name, text in WORKSPACE.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    lsp_client.folder = folder
    await lsp_client.start_session(request.param, folders=[from_fs_path(str(folder))])
    lsp_client.progress_values = await lsp_client.indexed()
    yield
    await lsp_client.shutdown_session()


def uri_of(editor: EditorClient, name: str) -> str:
    folder: Path = editor.folder  # type: ignore[attr-defined]
    return from_fs_path(str(folder / name))


def open_file(editor: EditorClient, name: str) -> str:
    uri = uri_of(editor, name)
    if uri not in editor.documents:
        editor.open(uri, WORKSPACE[name])
    return uri


def has(code: str) -> object:
    return lambda diagnostics: any(d.code == code for d in diagnostics)


def lacks(code: str) -> object:
    return lambda diagnostics: all(d.code != code for d in diagnostics)


async def test_indexing_reports_progress_from_begin_to_end(editor: EditorClient) -> None:
    begin, *reports, end = editor.progress_values  # type: ignore[attr-defined]

    assert isinstance(begin, types.WorkDoneProgressBegin)
    assert begin.title == "Indexing workspace"
    assert isinstance(end, types.WorkDoneProgressEnd)
    assert reports[-1].message == f"{len(INDEXED)} of {len(INDEXED)} files"
    assert reports[-1].percentage == 100


async def test_a_loop_started_in_another_module_is_reported_with_its_chain(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "app.py")

    [diagnostic] = await editor.eventually(uri, has("LOOP201"))

    assert diagnostic.range.start == types.Position(4, 4)
    assert "handler → load_config → asyncio.run()" in diagnostic.message
    if editor.capabilities.text_document.publish_diagnostics.related_information:
        [step] = diagnostic.related_information or []
        assert step.location.uri == uri_of(editor, "pkg/helpers.py")
        assert step.location.range.start == types.Position(6, 11)
        assert "asyncio.run()" in step.message
    else:
        assert diagnostic.related_information is None


async def test_editing_the_other_module_updates_the_finding(editor: EditorClient) -> None:
    app = open_file(editor, "app.py")
    await editor.eventually(app, has("LOOP201"))
    helpers = open_file(editor, "pkg/helpers.py")
    line = WORKSPACE["pkg/helpers.py"].splitlines().index(LOOP_START.rstrip("\n"))
    body = types.Range(types.Position(line, 0), types.Position(line + 1, 0))
    refreshes = editor.diagnostic_refresh_count

    editor.change(helpers, [types.TextEdit(body, "    return {}\n")])

    if editor.pulls and editor.capabilities.workspace.diagnostics:
        await editor.refreshed(after=refreshes)
    assert await editor.eventually(app, lacks("LOOP201")) == []

    editor.change(helpers, [types.TextEdit(body, LOOP_START)])

    await editor.eventually(app, has("LOOP201"))


async def test_a_function_of_the_same_name_elsewhere_is_not_reported(
    editor: EditorClient,
) -> None:
    uri = open_file(editor, "collision_app.py")

    assert await editor.current_diagnostics(uri) == []


async def test_an_excluded_module_is_not_reported_but_followed(editor: EditorClient) -> None:
    app = open_file(editor, "generated_app.py")
    [diagnostic] = await editor.eventually(app, has("LOOP201"))
    assert "main → start_loop → asyncio.run()" in diagnostic.message

    assert await editor.current_diagnostics(open_file(editor, "generated/starters.py")) == []


async def test_each_script_imports_the_helper_beside_it(editor: EditorClient) -> None:
    # `python jobs_a/jobs.py` puts jobs_a/ on sys.path: `import helpers` is jobs_a/helpers.py.
    await editor.eventually(open_file(editor, "jobs_a/jobs.py"), has("LOOP201"))

    assert await editor.current_diagnostics(open_file(editor, "jobs_b/jobs.py")) == []


async def test_making_the_helper_async_edits_both_files_and_removes_the_finding(
    editor: EditorClient,
) -> None:
    app = open_file(editor, "convert_app.py")
    [diagnostic] = await editor.eventually(app, has("LOOP201"))

    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(app),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=["quickfix"]),
        )
    )
    [make_async] = [a for a in actions or [] if "async and await it" in a.title]
    assert make_async.edit is not None
    editor.apply(make_async.edit)

    helpers = uri_of(editor, "convert/helpers.py")
    assert "async def read_settings(path):" in editor.text(helpers)
    assert "await fetch(path)" in editor.text(helpers)
    assert 'await read_settings("x")' in editor.text(app)
    for uri in (app, helpers):
        compile(editor.text(uri), uri, "exec")
    assert await editor.eventually(app, lacks("LOOP201")) == []


async def test_a_file_changed_on_disk_is_indexed_again(editor: EditorClient) -> None:
    app = open_file(editor, "disk_app.py")
    assert await editor.current_diagnostics(app) == []
    jobs = editor.folder / "disk/jobs.py"  # type: ignore[attr-defined]

    jobs.write_text("import asyncio\n\n\ndef run_jobs():\n    asyncio.run(work())\n")
    notify_disk_change(editor, jobs, types.FileChangeType.Changed)

    [diagnostic] = await editor.eventually(app, has("LOOP201"))
    assert "main → run_jobs → asyncio.run()" in diagnostic.message


async def test_files_created_and_deleted_on_disk_join_and_leave_the_index(
    editor: EditorClient,
) -> None:
    app = open_file(editor, "created_app.py")
    assert await editor.current_diagnostics(app) == []
    starter = editor.folder / "created/starter.py"  # type: ignore[attr-defined]

    starter.write_text("import asyncio\n\n\ndef start():\n    asyncio.run(work())\n")
    notify_disk_change(editor, starter, types.FileChangeType.Created)
    await editor.eventually(app, has("LOOP201"))

    starter.unlink()
    notify_disk_change(editor, starter, types.FileChangeType.Deleted)
    assert await editor.eventually(app, lacks("LOOP201")) == []


def notify_disk_change(editor: EditorClient, path: Path, change: types.FileChangeType) -> None:
    editor.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=from_fs_path(str(path)), type=change)]
        )
    )


async def test_a_call_through_another_modules_attribute_follows_that_modules_edits_and_deletion(
    editor: EditorClient,
) -> None:
    app = open_file(editor, "routes_app.py")
    [diagnostic] = await editor.eventually(app, has("LOOP201"))
    assert "App.handle → Fetcher.fetch → asyncio.run()" in diagnostic.message
    service = open_file(editor, "routes/service.py")
    line = WORKSPACE["routes/service.py"].splitlines().index("        self.fetcher = Fetcher()")
    value = types.Range(types.Position(line, 23), types.Position(line, 32))

    editor.change(service, [types.TextEdit(value, "None")])

    assert await editor.eventually(app, lacks("LOOP201")) == []

    editor.change(service, [types.TextEdit(value, "Fetcher()")])

    await editor.eventually(app, has("LOOP201"))

    editor.close(service)
    path = editor.folder / "routes/service.py"  # type: ignore[attr-defined]
    path.unlink()
    notify_disk_change(editor, path, types.FileChangeType.Deleted)

    assert await editor.eventually(app, lacks("LOOP201")) == []
