"""Editor settings, pyproject.toml and workspace folders decide what is reported.

Each test starts its own server: settings are per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from .editor_client import PRESETS, SERVER, EditorClient

PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"


@pytest_lsp.fixture(config=SERVER, params=PRESETS)
async def fresh(request: pytest.FixtureRequest, lsp_client: EditorClient):
    lsp_client.preset = request.param
    yield
    await lsp_client.shutdown_session()


def write_pyproject(folder: Path, table: str) -> None:
    (folder / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.looplint]\n{table}\n")


async def codes(editor: EditorClient, uri: str) -> list[tuple[str, int]]:
    return [(d.code, d.severity) for d in await editor.current_diagnostics(uri)]


async def settles_on(editor: EditorClient, uri: str, expected: list[tuple[str, int]]) -> None:
    """The diagnostics come to be ``expected`` (or the test fails): other analyses of the same
    version (the workspace index's, the start-up settings') may be published or pulled before
    the one a change of settings causes."""
    await editor.eventually(uri, lambda found: [(d.code, d.severity) for d in found] == expected)


ERROR, WARNING, HINT = (
    types.DiagnosticSeverity.Error,
    types.DiagnosticSeverity.Warning,
    types.DiagnosticSeverity.Hint,
)


@pytest.mark.parametrize(
    ("fresh", "options"),
    [
        ("neovim@v0.7.0", {"select": ["LOOP4"]}),
        ("emacs", {"settings": {"select": ["LOOP4"]}}),
        (
            "visual-studio-code",
            {"settings": [{"workspace": "file:///looplint-tests/settings", "select": ["LOOP4"]}]},
        ),
        ("neovim@v0.11.0", {"globalSettings": {"ignore": ["LOOP1"]}, "settings": []}),
    ],
    ids=["plain", "settings", "per-folder", "global"],
    indirect=["fresh"],
)
async def test_initialization_options_in_every_shape_apply(
    fresh: EditorClient, options: dict[str, object]
) -> None:
    await fresh.start_session(
        fresh.preset, folders=["file:///looplint-tests/settings"], initialization_options=options
    )
    uri = "file:///looplint-tests/settings/shapes.py"
    fresh.open(uri, PROGRAM)

    assert await codes(fresh, uri) == []


async def test_changed_settings_apply_without_a_restart(fresh: EditorClient) -> None:
    await fresh.start_session(fresh.preset, folders=["file:///looplint-tests/changes"])
    uri = "file:///looplint-tests/changes/changed.py"
    fresh.open(uri, PROGRAM)
    assert await codes(fresh, uri) == [("LOOP101", ERROR)]

    settings = {"severity": {"LOOP101": "warning"}}
    fresh.set_configuration(settings, section="looplint")
    fresh.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"looplint": settings})
    )

    await settles_on(fresh, uri, [("LOOP101", WARNING)])


async def test_invalid_settings_are_reported_once_and_defaults_used(fresh: EditorClient) -> None:
    await fresh.start_session(
        fresh.preset, initialization_options={"severity": {"LOOP101": "loud"}, "select": "LOOP1"}
    )
    uri = "file:///looplint-tests/invalid/invalid.py"
    fresh.open(uri, PROGRAM)

    assert await codes(fresh, uri) == [("LOOP101", ERROR)]
    [message] = fresh.messages
    assert message.type == types.MessageType.Error
    assert message.message == (
        "looplint.severity.LOOP101: expected one of error, warning, information, hint,"
        " got 'loud'; using the defaults instead"
    )


@pytest.mark.parametrize("fresh", ["visual-studio-code"], indirect=True)
async def test_one_bad_setting_is_one_message_naming_it_and_its_folder(
    fresh: EditorClient, tmp_path: Path
) -> None:
    """VS Code sends a user setting four ways: in the folder's and the global
    initializationOptions, and in the global and the folder's workspace/configuration."""
    folder = tmp_path / "shop"
    folder.mkdir()
    bad = {"select": ["LOOP999"], "logLevel": "warning"}
    for scope in (None, folder.as_uri()):
        fresh.set_configuration(bad, section="looplint", scope_uri=scope)
    await fresh.start_session(
        fresh.preset,
        folders=[folder.as_uri()],
        initialization_options={
            "settings": [{"workspace": folder.as_uri(), **bad}],
            "globalSettings": bad,
        },
    )
    uri = (folder / "app.py").as_uri()
    fresh.open(uri, PROGRAM)

    assert await codes(fresh, uri) == [("LOOP101", ERROR)]
    assert [message.message for message in fresh.messages] == [
        "looplint.select: unknown rule code or prefix 'LOOP999' (folder shop);"
        " using the defaults instead"
    ]


async def test_pyproject_settings_apply_and_are_reread_when_changed(
    fresh: EditorClient, tmp_path: Path
) -> None:
    write_pyproject(tmp_path, 'ignore = ["LOOP101"]')
    await fresh.start_session(fresh.preset, folders=[tmp_path.as_uri()])
    uri = (tmp_path / "module.py").as_uri()
    fresh.open(uri, PROGRAM)
    assert await codes(fresh, uri) == []

    write_pyproject(tmp_path, 'severity = { LOOP101 = "hint" }')
    fresh.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / "pyproject.toml").as_uri(), type=types.FileChangeType.Changed
                )
            ]
        )
    )

    await settles_on(fresh, uri, [("LOOP101", HINT)])


async def test_clients_that_can_are_asked_to_watch_pyproject_and_python_files(
    fresh: EditorClient,
) -> None:
    await fresh.start_session(fresh.preset)
    await fresh.current_diagnostics(fresh.open("file:///looplint-tests/watch/w.py", PROGRAM).uri)

    watched = [
        watcher["globPattern"]
        for registration in fresh.registrations
        for watcher in registration.register_options["watchers"]
    ]
    dynamic = fresh.capabilities.workspace.did_change_watched_files
    expected = ["**/pyproject.toml", "**/*.py"]
    assert watched == (expected if dynamic and dynamic.dynamic_registration else [])


@pytest.mark.parametrize("fresh", ["visual-studio-code", "neovim@v0.11.0"], indirect=True)
async def test_editor_settings_win_over_pyproject_per_setting(
    fresh: EditorClient, tmp_path: Path
) -> None:
    write_pyproject(tmp_path, 'select = ["LOOP1"]\nseverity = { LOOP101 = "warning" }')
    await fresh.start_session(
        fresh.preset,
        folders=[tmp_path.as_uri()],
        initialization_options={"severity": {"LOOP101": "hint"}},
    )
    uri = (tmp_path / "precedence.py").as_uri()
    fresh.open(uri, PROGRAM + "    asyncio.get_event_loop()\n")

    assert await codes(fresh, uri) == [("LOOP101", HINT)]


@pytest.mark.parametrize("fresh", ["visual-studio-code", "neovim@v0.11.0"], indirect=True)
async def test_each_workspace_folder_has_its_own_configuration(
    fresh: EditorClient, tmp_path: Path
) -> None:
    quiet, loud = tmp_path / "quiet", tmp_path / "loud"
    quiet.mkdir()
    loud.mkdir()
    write_pyproject(quiet, 'ignore = ["LOOP101"]')
    write_pyproject(loud, 'severity = { LOOP101 = "warning" }')
    await fresh.start_session(
        fresh.preset,
        folders=[quiet.as_uri(), loud.as_uri()],
        initialization_options={
            "settings": [{"workspace": loud.as_uri(), "severity": {"LOOP101": "information"}}]
        },
    )
    in_quiet, in_loud = (quiet / "a.py").as_uri(), (loud / "b.py").as_uri()
    fresh.open(in_quiet, PROGRAM)
    fresh.open(in_loud, PROGRAM)

    assert await codes(fresh, in_quiet) == []
    assert await codes(fresh, in_loud) == [("LOOP101", types.DiagnosticSeverity.Information)]
